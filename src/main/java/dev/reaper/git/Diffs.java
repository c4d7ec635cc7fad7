package dev.reaper.git;

import static dev.reaper.git.Revisions.mergeBase;
import static dev.reaper.git.Revisions.tree;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.FileTreeIterator;

/** The diffs {@link GitRepo} offers: which two sides each compares. */
final class Diffs {

    private final Repository repo;
    private final Revisions revisions;

    Diffs(Repository repo, Revisions revisions) {
        this.repo = repo;
        this.revisions = revisions;
    }

    Diff staged(String... paths) throws IOException {
        try (RevWalk walk = new RevWalk(repo); ObjectReader reader = repo.newObjectReader()) {
            return PatchWriter.diff(repo, tree(reader, revisions.headOrNull(walk)),
                    new DirCacheIterator(repo.readDirCache()), true, paths);
        }
    }

    Diff unstaged(String... paths) throws IOException {
        return PatchWriter.diff(repo, new DirCacheIterator(repo.readDirCache()), new FileTreeIterator(repo), false,
                paths).withoutAdditions();
    }

    Diff range(String range, String... paths) throws IOException, GitException {
        RevisionRange r = RevisionRange.parse(range);
        try (RevWalk walk = new RevWalk(repo); ObjectReader reader = repo.newObjectReader()) {
            RevCommit to = revisions.commit(walk, r.to());
            RevCommit from = revisions.commit(walk, r.from());
            if (r.symmetric()) {
                from = mergeBase(walk, from, to).orElseThrow(() -> new GitException(
                        r.from() + " and " + r.to() + " have no common ancestor"));
            }
            return PatchWriter.diff(repo, tree(reader, from), tree(reader, to), true, paths);
        }
    }

    Diff commit(String revision, String... paths) throws IOException, GitException {
        try (RevWalk walk = new RevWalk(repo); ObjectReader reader = repo.newObjectReader()) {
            RevCommit c = revisions.commit(walk, revision);
            RevCommit parent = c.getParentCount() == 0 ? null : walk.parseCommit(c.getParent(0));
            return PatchWriter.diff(repo, tree(reader, parent), tree(reader, c), true, paths);
        }
    }

    Diff againstBase(String base, String... paths) throws IOException, GitException {
        try (RevWalk walk = new RevWalk(repo); ObjectReader reader = repo.newObjectReader()) {
            RevCommit head = revisions.commit(walk, Constants.HEAD);
            RevCommit other = revisions.commit(walk, base);
            RevCommit from = mergeBase(walk, head, other).orElseThrow(() -> new GitException(
                    "HEAD and " + base + " have no common ancestor"));
            // The files that differ from the base to the index, and from the index to the working tree.
            // Both use the index's ids and file stats; the last walk then reads only those files.
            Set<String> touched = new LinkedHashSet<>(PatchWriter.changedPaths(repo, tree(reader, from),
                    new DirCacheIterator(repo.readDirCache()), true, paths));
            touched.addAll(PatchWriter.changedPaths(repo, new DirCacheIterator(repo.readDirCache()),
                    new FileTreeIterator(repo), false, paths));
            if (touched.isEmpty()) {
                return new Diff(List.of());
            }
            return PatchWriter.diff(repo, tree(reader, from), new FileTreeIterator(repo), true,
                    touched.toArray(String[]::new));
        }
    }
}
