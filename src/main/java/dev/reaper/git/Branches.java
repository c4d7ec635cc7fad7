package dev.reaper.git;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.BranchConfig;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;

/** Branches of one repository: the current one, its upstream, and the branch work is usually based on. */
final class Branches {

    private static final List<String> DEFAULT_CANDIDATES = List.of("main", "master", "trunk", "develop");

    private final Repository repo;

    Branches(Repository repo) {
        this.repo = repo;
    }

    /** The checked-out branch's short name; empty when HEAD is detached. */
    Optional<String> current() throws IOException {
        String full = repo.getFullBranch();
        return full != null && full.startsWith(Constants.R_HEADS)
                ? Optional.of(full.substring(Constants.R_HEADS.length())) : Optional.empty();
    }

    /**
     * The branch work here is probably based on: where {@code origin/HEAD} points, else the first of
     * main, master, trunk and develop that exists locally, else on origin.
     */
    Optional<String> defaultBranch() throws IOException {
        Ref originHead = repo.exactRef(Constants.R_REMOTES + Constants.DEFAULT_REMOTE_NAME + "/" + Constants.HEAD);
        if (originHead != null && originHead.isSymbolic()) {
            return Optional.of(Repository.shortenRefName(originHead.getTarget().getName()));
        }
        for (String name : DEFAULT_CANDIDATES) {
            if (repo.exactRef(Constants.R_HEADS + name) != null) {
                return Optional.of(name);
            }
        }
        for (String name : DEFAULT_CANDIDATES) {
            if (repo.exactRef(Constants.R_REMOTES + Constants.DEFAULT_REMOTE_NAME + "/" + name) != null) {
                return Optional.of(Constants.DEFAULT_REMOTE_NAME + "/" + name);
            }
        }
        return Optional.empty();
    }

    /**
     * The current branch against its configured upstream; empty when detached, without an upstream, or
     * when the upstream is not fetched. Each count stops at {@link Tracking#MAX_COUNTED} commits.
     */
    Optional<Tracking> tracking() throws IOException {
        Optional<String> branch = current();
        if (branch.isEmpty()) {
            return Optional.empty();
        }
        String upstream = new BranchConfig(repo.getConfig(), branch.get()).getRemoteTrackingBranch();
        ObjectId head = repo.resolve(Constants.HEAD + "^{commit}");
        ObjectId up = upstream == null ? null : repo.resolve(upstream + "^{commit}");
        if (head == null || up == null) {
            return Optional.empty();
        }
        try (RevWalk walk = new RevWalk(repo)) {
            int ahead = count(walk, head, up);
            int behind = count(walk, up, head);
            return Optional.of(new Tracking(Repository.shortenRefName(upstream), ahead, behind));
        }
    }

    /** Commits reachable from {@code from} and not from {@code not}, counted up to the limit. */
    private static int count(RevWalk walk, ObjectId from, ObjectId not) throws IOException {
        walk.reset();
        walk.setRevFilter(RevFilter.ALL);
        walk.markStart(walk.parseCommit(from));
        walk.markUninteresting(walk.parseCommit(not));
        int n = 0;
        for (RevCommit c = walk.next(); c != null && n < Tracking.MAX_COUNTED; c = walk.next()) {
            n++;
        }
        return n;
    }
}
