package dev.reaper.git;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * A git repository with a working tree, read through JGit: status, diffs as per-file patches, log,
 * blame, branches, and files at a revision or in the index. Never changes the repository. Paths given
 * and returned are relative to {@link #root()}, with {@code /} separators; a path filter matches a file
 * or everything under a folder. Revisions are anything git resolves to a commit ({@code main}, {@code HEAD~2}, an id).
 * Not thread-safe; close it when done.
 */
public final class GitRepo implements AutoCloseable {

    private final Repository repo;
    private final Revisions revisions;
    private final Diffs diffs;
    private final History history;
    private final Branches branches;

    private GitRepo(Repository repo) {
        this.repo = repo;
        this.revisions = new Revisions(repo);
        this.diffs = new Diffs(repo, revisions);
        this.history = new History(repo, revisions);
        this.branches = new Branches(repo);
    }

    /** The repository whose working tree holds {@code start} (the nearest {@code .git} above it). */
    public static GitRepo open(Path start) throws GitException {
        Path abs = start.toAbsolutePath().normalize();
        FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(abs.toFile());
        if (builder.getGitDir() == null) {
            throw new GitException("not a git repository (nor any parent folder): " + abs);
        }
        try {
            Repository repo = builder.setMustExist(true).build();
            if (repo.isBare()) {
                repo.close();
                throw new GitException("a bare repository has no working tree: " + builder.getGitDir());
            }
            return new GitRepo(repo);
        } catch (IOException | IllegalArgumentException e) {
            throw new GitException("cannot open the git repository at " + builder.getGitDir() + ": " + e.getMessage(),
                    e);
        }
    }

    /** The top of the working tree. */
    public Path root() {
        return repo.getWorkTree().toPath();
    }

    /** What {@code git status} shows; honours .gitignore. */
    public GitStatus status() throws GitException {
        return io(() -> StatusReader.read(repo));
    }

    /**
     * The status when it can be read within {@code limit} (an index read plus a walk of the working tree,
     * slow in a huge one); empty when it took longer.
     */
    public Optional<GitStatus> status(Duration limit) throws GitException {
        return io(() -> StatusReader.read(repo, limit));
    }

    /** What {@code git add} has staged: the index against HEAD (against nothing before the first commit). */
    public Diff staged(String... paths) throws GitException {
        return io(() -> diffs.staged(paths));
    }

    /** What is changed and not staged: the working tree against the index. Untracked files are not in it. */
    public Diff unstaged(String... paths) throws GitException {
        return io(() -> diffs.unstaged(paths));
    }

    /**
     * The changes of a range: {@code A..B} from A to B, {@code A...B} from their merge base to B (what B
     * added since it left A). An empty side is HEAD, as in git.
     */
    public Diff range(String range, String... paths) throws GitException {
        return io(() -> diffs.range(range, paths));
    }

    /** The changes a commit made: against its first parent, or against nothing for a root commit. */
    public Diff commit(String revision, String... paths) throws GitException {
        return io(() -> diffs.commit(revision, paths));
    }

    /**
     * What the work on this branch changes against a base branch: from the merge base of HEAD and
     * {@code base} to the working tree, so committed, staged and unstaged changes together, as
     * {@code git diff $(git merge-base base HEAD)} shows them (untracked files left out). For the
     * committed changes alone use {@link #range} with {@code base...HEAD}.
     */
    public Diff againstBase(String base, String... paths) throws GitException {
        return io(() -> diffs.againstBase(base, paths));
    }

    /** The best common ancestor of two revisions, as a full commit id; empty when they share no history. */
    public Optional<String> mergeBase(String a, String b) throws GitException {
        return io(() -> {
            try (RevWalk walk = new RevWalk(repo)) {
                return Revisions.mergeBase(walk, revisions.commit(walk, a), revisions.commit(walk, b))
                        .map(c -> c.getName());
            }
        });
    }

    /** The newest {@code max} commits reachable from HEAD, touching {@code path} when given (null: all). */
    public List<Commit> log(String path, int max) throws GitException {
        return io(() -> history.log(path, max));
    }

    /**
     * Who last changed lines {@code start..end} (1-based, inclusive; cut to the file's length) of a file as
     * it is in the working tree; uncommitted lines have no commit.
     */
    public List<BlameLine> blame(String path, int start, int end) throws GitException {
        return io(() -> history.blame(path, start, end));
    }

    /** A file's text at a revision (UTF-8); empty when the revision has no such file. */
    public Optional<String> fileAt(String revision, String path) throws GitException {
        return io(() -> history.fileAt(revision, path));
    }

    /**
     * A file's text as staged (what a commit would record now; UTF-8); empty when the index has no such
     * file, or only the sides of a conflict.
     */
    public Optional<String> fileInIndex(String path) throws GitException {
        return io(() -> history.fileInIndex(path));
    }

    /** The checked-out branch; empty when HEAD is detached. */
    public Optional<String> currentBranch() throws GitException {
        return io(branches::current);
    }

    /**
     * A guess at the branch work here is based on: where {@code origin/HEAD} points, else main, master,
     * trunk or develop, locally or on origin.
     */
    public Optional<String> defaultBranch() throws GitException {
        return io(branches::defaultBranch);
    }

    /** The current branch against its upstream; empty when detached or without a fetched upstream. */
    public Optional<Tracking> tracking() throws GitException {
        return io(branches::tracking);
    }

    /** A repository read that may fail with an IO error or a git error. */
    private interface Read<T> {
        T run() throws IOException, GitException;
    }

    private static <T> T io(Read<T> read) throws GitException {
        try {
            return read.run();
        } catch (IOException e) {
            throw new GitException("git: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        repo.close();
    }
}
