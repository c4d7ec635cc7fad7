package dev.reaper.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.blame.BlameResult;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * What the history says: commits, who changed each line, and files as they were at a revision or are in
 * the index.
 */
final class History {

    /** Files larger than this are not read at a revision. */
    static final int MAX_FILE_BYTES = 8 * 1024 * 1024;

    private final Repository repo;
    private final Revisions revisions;

    History(Repository repo, Revisions revisions) {
        this.repo = repo;
        this.revisions = revisions;
    }

    List<Commit> log(String path, int max) throws IOException, GitException {
        if (repo.resolve(Constants.HEAD + "^{commit}") == null) {
            return List.of();
        }
        try (Git git = Git.wrap(repo)) {
            var log = git.log().setMaxCount(max);
            List<String> filter = path == null ? List.of() : PathFilters.normalize(path);
            filter.forEach(log::addPath);
            List<Commit> out = new ArrayList<>();
            for (RevCommit c : log.call()) {
                out.add(commit(c));
            }
            return out;
        } catch (GitAPIException e) {
            throw new GitException("git log: " + e.getMessage(), e);
        }
    }

    static Commit commit(RevCommit c) {
        PersonIdent a = c.getAuthorIdent();
        return new Commit(c.getName(), a.getName(), a.getEmailAddress(), a.getWhenAsInstant(), c.getShortMessage(),
                c.getFullMessage());
    }

    /** Blame of lines {@code start..end} (1-based, inclusive, cut to the file) of a working-tree file. */
    List<BlameLine> blame(String path, int start, int end) throws IOException, GitException {
        String p = filePath(path);
        if (repo.resolve(Constants.HEAD + "^{commit}") == null) {
            throw new GitException("nothing is committed yet: there is no history to blame");
        }
        BlameResult result;
        try (Git git = Git.wrap(repo)) {
            result = git.blame().setFilePath(p).setFollowFileRenames(true).call();
        } catch (GitAPIException e) {
            throw new GitException("git blame " + p + ": " + e.getMessage(), e);
        }
        if (result == null) {
            throw new GitException("not tracked by git: " + p);
        }
        int size = result.getResultContents().size();
        if (start > size) {
            throw new GitException(p + " has " + size + " lines; line " + start + " is past its end");
        }
        List<BlameLine> lines = new ArrayList<>();
        for (int i = Math.max(1, start); i <= Math.min(end, size); i++) {
            RevCommit c = result.getSourceCommit(i - 1);
            PersonIdent a = c == null ? null : result.getSourceAuthor(i - 1);
            lines.add(new BlameLine(i, result.getResultContents().getString(i - 1), c == null ? null : c.getName(),
                    a == null ? null : a.getName(), a == null ? null : a.getWhenAsInstant()));
        }
        return lines;
    }

    /** A file's text at a revision; empty when the revision has no such file. */
    Optional<String> fileAt(String revision, String path) throws IOException, GitException {
        String p = filePath(path);
        try (RevWalk walk = new RevWalk(repo); TreeWalk tw = TreeWalk.forPath(repo, p,
                revisions.commit(walk, revision).getTree())) {
            if (tw == null || tw.isSubtree()) {
                return Optional.empty();
            }
            return Optional.of(text(tw.getObjectId(0), p + " at " + revision));
        }
    }

    /** A file's text as staged in the index; empty when the index has no such file (or only a conflict). */
    Optional<String> fileInIndex(String path) throws IOException, GitException {
        String p = filePath(path);
        DirCacheEntry e = repo.readDirCache().getEntry(p);
        return e == null ? Optional.empty() : Optional.of(text(e.getObjectId(), p + " in the index"));
    }

    private static String filePath(String path) throws GitException {
        return PathFilters.normalize(path).stream().findFirst().orElseThrow(() -> new GitException(
                "a file path is needed"));
    }

    private String text(ObjectId blob, String what) throws IOException, GitException {
        ObjectLoader loader = repo.open(blob, Constants.OBJ_BLOB);
        if (loader.getSize() > MAX_FILE_BYTES) {
            throw new GitException(what + " is too large to read (" + loader.getSize() + " bytes)");
        }
        return new String(loader.getBytes(), StandardCharsets.UTF_8);
    }
}
