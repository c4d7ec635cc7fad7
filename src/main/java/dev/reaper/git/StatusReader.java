package dev.reaper.git;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.StatusCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.lib.EmptyProgressMonitor;
import org.eclipse.jgit.lib.Repository;

/** Reads {@code git status}, optionally giving up at a deadline. */
final class StatusReader {

    private StatusReader() {}

    static GitStatus read(Repository repo) throws IOException {
        return status(call(Git.wrap(repo).status()));
    }

    /**
     * The status, or empty when {@code limit} passed first. JGit checks for cancellation every thousand or
     * so entries of its walk, so the limit is kept to within a few milliseconds of walking.
     */
    static Optional<GitStatus> read(Repository repo, Duration limit) throws IOException {
        Deadline deadline = new Deadline(System.nanoTime() + limit.toNanos());
        Status s = call(Git.wrap(repo).status().setProgressMonitor(deadline));
        return deadline.passed ? Optional.empty() : Optional.of(status(s));
    }

    private static Status call(StatusCommand command) throws IOException {
        try {
            return command.call();
        } catch (GitAPIException | JGitInternalException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static GitStatus status(Status s) {
        Set<String> conflicting = s.getConflicting();
        List<GitStatus.Change> staged = new ArrayList<>();
        add(staged, s.getAdded(), FileDiff.ChangeType.ADD, conflicting);
        add(staged, s.getChanged(), FileDiff.ChangeType.MODIFY, conflicting);
        add(staged, s.getRemoved(), FileDiff.ChangeType.DELETE, conflicting);
        List<GitStatus.Change> unstaged = new ArrayList<>();
        add(unstaged, s.getModified(), FileDiff.ChangeType.MODIFY, conflicting);
        add(unstaged, s.getMissing(), FileDiff.ChangeType.DELETE, conflicting);
        staged.sort(Comparator.comparing(GitStatus.Change::path));
        unstaged.sort(Comparator.comparing(GitStatus.Change::path));
        return new GitStatus(staged, unstaged, List.copyOf(new TreeSet<>(s.getUntracked())),
                List.copyOf(new TreeSet<>(conflicting)));
    }

    private static void add(List<GitStatus.Change> to, Collection<String> paths, FileDiff.ChangeType type,
                            Set<String> conflicting) {
        for (String p : paths) {
            if (!conflicting.contains(p)) {
                to.add(new GitStatus.Change(p, type));
            }
        }
    }

    /** A progress monitor that asks JGit to stop once a moment has passed, and remembers that it did. */
    private static final class Deadline extends EmptyProgressMonitor {

        private final long at;
        private boolean passed;

        Deadline(long at) {
            this.at = at;
        }

        @Override
        public boolean isCancelled() {
            passed |= System.nanoTime() - at > 0;
            return passed;
        }
    }
}
