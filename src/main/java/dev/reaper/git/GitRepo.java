package dev.reaper.git;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.FileTreeIterator;

/**
 * A git repository with a working tree, read through JGit: diffs between its states as per-file patches.
 * Never changes the repository. Paths given and returned are relative to {@link #root()}, with
 * {@code /} separators; a path filter matches a file or everything under a directory. Not thread-safe;
 * close it when done.
 */
public final class GitRepo implements AutoCloseable {

    private final Repository repo;

    private GitRepo(Repository repo) {
        this.repo = repo;
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

    /** What {@code git add} has staged: the index against HEAD (against nothing before the first commit). */
    public Diff staged(String... paths) throws GitException {
        return io(() -> {
            try (ObjectReader reader = repo.newObjectReader()) {
                return PatchWriter.diff(repo, tree(reader, headOrNull()), new DirCacheIterator(repo.readDirCache()),
                        true, paths);
            }
        });
    }

    /** What is changed and not staged: the working tree against the index. Untracked files are not in it. */
    public Diff unstaged(String... paths) throws GitException {
        return io(() -> PatchWriter.diff(repo, new DirCacheIterator(repo.readDirCache()), new FileTreeIterator(repo),
                false, paths).withoutAdditions());
    }

    /**
     * The changes of a range: {@code A..B} from A to B, {@code A...B} from their merge base to B (what B
     * added since it left A). An empty side is HEAD, as in git.
     */
    public Diff range(String range, String... paths) throws GitException {
        RevisionRange r = RevisionRange.parse(range);
        return io(() -> {
            try (RevWalk walk = new RevWalk(repo); ObjectReader reader = repo.newObjectReader()) {
                RevCommit to = walk.parseCommit(commitId(r.to()));
                RevCommit from = walk.parseCommit(commitId(r.from()));
                if (r.symmetric()) {
                    from = mergeBase(walk, from, to).orElseThrow(() -> new GitException(
                            r.from() + " and " + r.to() + " have no common ancestor"));
                }
                return PatchWriter.diff(repo, tree(reader, from), tree(reader, to), true, paths);
            }
        });
    }

    /** The changes a commit made: against its first parent, or against nothing for a root commit. */
    public Diff commit(String revision, String... paths) throws GitException {
        return io(() -> {
            try (RevWalk walk = new RevWalk(repo); ObjectReader reader = repo.newObjectReader()) {
                RevCommit c = walk.parseCommit(commitId(revision));
                RevCommit parent = c.getParentCount() == 0 ? null : walk.parseCommit(c.getParent(0));
                return PatchWriter.diff(repo, tree(reader, parent), tree(reader, c), true, paths);
            }
        });
    }

    /**
     * What the work on this branch changes against a base branch: from the merge base of HEAD and
     * {@code base} to the working tree, so committed, staged and unstaged changes together, as
     * {@code git diff $(git merge-base base HEAD)} shows them (untracked files left out). For the
     * committed changes alone use {@link #range} with {@code base...HEAD}.
     */
    public Diff againstBase(String base, String... paths) throws GitException {
        return io(() -> {
            try (RevWalk walk = new RevWalk(repo); ObjectReader reader = repo.newObjectReader()) {
                RevCommit head = walk.parseCommit(commitId(Constants.HEAD));
                RevCommit other = walk.parseCommit(commitId(base));
                RevCommit from = mergeBase(walk, head, other).orElseThrow(() -> new GitException(
                        "HEAD and " + base + " have no common ancestor"));
                // The files that differ: from the base to the index, and from the index to the working tree.
                // Listing them first keeps the working tree walk to those files.
                Set<String> touched = new LinkedHashSet<>();
                for (FileDiff f : PatchWriter.diff(repo, tree(reader, from),
                        new DirCacheIterator(repo.readDirCache()), false, paths).files()) {
                    touched.add(f.path());
                }
                for (FileDiff f : unstaged(paths).files()) {
                    touched.add(f.path());
                }
                if (touched.isEmpty()) {
                    return new Diff(List.of());
                }
                return PatchWriter.diff(repo, tree(reader, from), new FileTreeIterator(repo), true,
                        touched.toArray(String[]::new));
            }
        });
    }

    /** The best common ancestor of two revisions, as a full commit id; empty when they share no history. */
    public Optional<String> mergeBase(String a, String b) throws GitException {
        return io(() -> {
            try (RevWalk walk = new RevWalk(repo)) {
                return mergeBase(walk, walk.parseCommit(commitId(a)), walk.parseCommit(commitId(b))).map(ObjectId::name);
            }
        });
    }

    private static Optional<RevCommit> mergeBase(RevWalk walk, RevCommit a, RevCommit b) throws IOException {
        walk.reset();
        walk.setRevFilter(RevFilter.MERGE_BASE);
        walk.markStart(a);
        walk.markStart(b);
        RevCommit base = walk.next();
        walk.reset();
        walk.setRevFilter(RevFilter.ALL);
        return Optional.ofNullable(base);
    }

    /** The commit a revision names (a branch, tag, id, {@code HEAD~2}…); a clear error when there is none. */
    ObjectId commitId(String revision) throws GitException {
        try {
            ObjectId id = repo.resolve(revision + "^{commit}");
            if (id == null) {
                throw new GitException("unknown revision: " + revision);
            }
            return id;
        } catch (RevisionSyntaxException e) {
            throw new GitException("not a valid revision: " + revision);
        } catch (IOException e) {
            throw new GitException("cannot resolve " + revision + ": " + e.getMessage(), e);
        }
    }

    private RevCommit headOrNull() throws IOException {
        ObjectId head = repo.resolve(Constants.HEAD + "^{commit}");
        if (head == null) {
            return null;
        }
        try (RevWalk walk = new RevWalk(repo)) {
            return walk.parseCommit(head);
        }
    }

    private static AbstractTreeIterator tree(ObjectReader reader, RevCommit commit) throws IOException {
        return commit == null ? new EmptyTreeIterator() : new CanonicalTreeParser(null, reader, commit.getTree());
    }

    /** A repository read that may fail with an IO error or a git error. */
    private interface Read<T> {
        T run() throws IOException, GitException;
    }

    private <T> T io(Read<T> read) throws GitException {
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
