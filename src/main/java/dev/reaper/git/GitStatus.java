package dev.reaper.git;

import java.util.List;

/**
 * The state of the working tree against HEAD, as {@code git status} shows it. Ignored files are in no
 * list; a conflicting path is only in {@code conflicting}.
 *
 * @param staged      changes in the index against HEAD
 * @param unstaged    changes in the working tree against the index (untracked files aside)
 * @param untracked   files git does not track and does not ignore
 * @param conflicting paths left unmerged by a merge, rebase or cherry-pick
 */
public record GitStatus(List<Change> staged, List<Change> unstaged, List<String> untracked,
                        List<String> conflicting) {

    /** One changed path; renames are not paired here (see {@link GitRepo#staged}). */
    public record Change(String path, FileDiff.ChangeType change) {}

    public GitStatus {
        staged = List.copyOf(staged);
        unstaged = List.copyOf(unstaged);
        untracked = List.copyOf(untracked);
        conflicting = List.copyOf(conflicting);
    }

    public boolean isClean() {
        return staged.isEmpty() && unstaged.isEmpty() && untracked.isEmpty() && conflicting.isEmpty();
    }
}
