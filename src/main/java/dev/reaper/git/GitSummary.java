package dev.reaper.git;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The few facts about a repository worth giving the model before it asks: the branch, how it stands
 * against its upstream, the base branch, and how many files are staged, changed and untracked.
 *
 * <p>Made off the start-up path: a first JGit use in a fresh JVM costs about half a second (loading its
 * classes), and a status walks the whole working tree. {@link #start} reads it on a virtual thread while
 * the session opens and the user types; whoever needs it waits at most {@link #WAIT}. The status itself is
 * given up after {@link #STATUS_LIMIT} (a huge working tree), and the model is told to call git_status.
 */
public final class GitSummary {

    /** How long the summary may spend on the status; the rest (HEAD, refs, a bounded walk) costs a few ms. */
    static final Duration STATUS_LIMIT = Duration.ofMillis(400);
    /** How long a caller of {@link #start}'s supplier waits for a summary still being read. */
    static final Duration WAIT = Duration.ofSeconds(1);

    private GitSummary() {}

    /**
     * Starts reading the summary of the repository at {@code root} in the background. The supplier gives
     * it when ready, waiting at most {@link #WAIT}; empty when it is late or the repository cannot be read.
     */
    public static Supplier<Optional<String>> start(Path root) {
        CompletableFuture<Optional<String>> summary = new CompletableFuture<>();
        Thread.ofVirtual().name("git-summary").start(() -> summary.complete(of(root)));
        return () -> {
            try {
                return summary.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        };
    }

    /** The summary of the repository at {@code root}; empty when it cannot be read (no failure for that). */
    static Optional<String> of(Path root) {
        try (GitRepo repo = GitRepo.open(root)) {
            return Optional.of(describe(repo, STATUS_LIMIT));
        } catch (GitException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static String describe(GitRepo repo, Duration statusLimit) throws GitException {
        StringBuilder sb = new StringBuilder();
        Optional<String> branch = repo.currentBranch();
        List<Commit> head = repo.log(null, 1);
        if (branch.isPresent()) {
            sb.append("on branch ").append(branch.get());
        } else {
            sb.append("HEAD detached");
        }
        if (head.isEmpty()) {
            sb.append(", no commits yet");
        } else if (branch.isEmpty()) {
            sb.append(" at ").append(head.getFirst().shortId());
        }
        Optional<Tracking> tracking = repo.tracking();
        tracking.ifPresent(t -> sb.append(t.ahead() == 0 && t.behind() == 0 ? ", up to date with " + t.upstream()
                : ", " + count(t.ahead()) + " ahead and " + count(t.behind()) + " behind " + t.upstream()));
        Optional<String> base = repo.defaultBranch();
        if (base.isPresent() && !base.equals(branch)) {
            sb.append("; base branch probably ").append(base.get());
        }
        Optional<GitStatus> status = repo.status(statusLimit);
        if (status.isEmpty()) {
            sb.append("; file status not read at start (a large working tree): call git_status");
        } else if (status.get().isClean()) {
            sb.append("; working tree clean");
        } else {
            GitStatus s = status.get();
            sb.append("; ").append(s.staged().size()).append(" staged, ").append(s.unstaged().size())
                    .append(" unstaged, ").append(s.untracked().size()).append(" untracked");
            if (!s.conflicting().isEmpty()) {
                sb.append(", ").append(s.conflicting().size()).append(" conflicting");
            }
        }
        return sb.append('.').toString();
    }

    private static String count(int n) {
        return n >= Tracking.MAX_COUNTED ? n + "+" : Integer.toString(n);
    }
}
