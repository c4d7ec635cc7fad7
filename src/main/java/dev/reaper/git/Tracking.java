package dev.reaper.git;

/**
 * How the current branch stands against its upstream.
 *
 * @param upstream the upstream branch, as {@code origin/main}
 * @param ahead    commits on the branch and not on the upstream, at most {@link #MAX_COUNTED}
 * @param behind   commits on the upstream and not on the branch, at most {@link #MAX_COUNTED}
 */
public record Tracking(String upstream, int ahead, int behind) {

    /** Counting stops here: a count this high says "this many or more". */
    public static final int MAX_COUNTED = 1000;
}
