package dev.reaper.git;

import java.time.Instant;

/**
 * Who last changed one line of a file as it is in the working tree.
 *
 * @param line   the 1-based line number
 * @param text   the line, without its line break
 * @param commit the full id of the commit that last changed it; null when the change is not committed
 * @param author the author of that commit; null when not committed
 * @param when   when the author made it; null when not committed
 */
public record BlameLine(int line, String text, String commit, String author, Instant when) {

    public boolean committed() {
        return commit != null;
    }
}
