package dev.reaper.git;

import java.io.IOException;
import java.util.Optional;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;

/** Revisions of one repository: names resolved to commits with clear errors, merge bases and trees. */
final class Revisions {

    private final Repository repo;

    Revisions(Repository repo) {
        this.repo = repo;
    }

    /** The commit a revision names (a branch, tag, id, {@code HEAD~2}…). */
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

    RevCommit commit(RevWalk walk, String revision) throws GitException, IOException {
        return walk.parseCommit(commitId(revision));
    }

    /** HEAD's commit, or null before the first commit. */
    RevCommit headOrNull(RevWalk walk) throws IOException {
        ObjectId head = repo.resolve(Constants.HEAD + "^{commit}");
        return head == null ? null : walk.parseCommit(head);
    }

    /** The best common ancestor of two commits; empty when they share no history. Resets the walk. */
    static Optional<RevCommit> mergeBase(RevWalk walk, RevCommit a, RevCommit b) throws IOException {
        walk.reset();
        walk.setRevFilter(RevFilter.MERGE_BASE);
        walk.markStart(a);
        walk.markStart(b);
        RevCommit base = walk.next();
        walk.reset();
        walk.setRevFilter(RevFilter.ALL);
        return Optional.ofNullable(base);
    }

    /** A commit's tree to walk, or an empty tree for no commit. */
    static AbstractTreeIterator tree(ObjectReader reader, RevCommit commit) throws IOException {
        return commit == null ? new EmptyTreeIterator() : new CanonicalTreeParser(null, reader, commit.getTree());
    }
}
