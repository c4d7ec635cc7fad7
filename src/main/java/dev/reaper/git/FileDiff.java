package dev.reaper.git;

import java.util.List;

/**
 * One file's change in a {@link Diff}.
 *
 * @param oldPath      the path before the change; null for an added file
 * @param newPath      the path after the change; null for a deleted file
 * @param change       what happened to the file
 * @param binary       true when no text diff was made: binary content, or a side over
 *                     {@link Diff#MAX_TEXT_BYTES}; {@code patch} then holds only the header
 * @param patch        the unified patch of this file (git's format, {@code a/} and {@code b/} prefixes),
 *                     cut at a line end near {@link Diff#MAX_PATCH_BYTES}, with a note saying so
 * @param truncated    whether {@code patch} was cut
 * @param changedLines the lines added or modified on the new side, 1-based and merged into ascending
 *                     ranges; empty for deletions and binary files. Always complete, even when the patch
 *                     text was cut.
 */
public record FileDiff(String oldPath, String newPath, ChangeType change, boolean binary, String patch,
                       boolean truncated, List<LineRange> changedLines) {

    /** What happened to a file. A copy is reported as an addition. */
    public enum ChangeType { ADD, MODIFY, DELETE, RENAME }

    /** Lines {@code start..end} of a file, 1-based and inclusive. */
    public record LineRange(int start, int end) {

        public LineRange {
            if (start < 1 || end < start) {
                throw new IllegalArgumentException("bad line range " + start + "-" + end);
            }
        }

        public boolean contains(int line) {
            return line >= start && line <= end;
        }

        @Override
        public String toString() {
            return start == end ? Integer.toString(start) : start + "-" + end;
        }
    }

    public FileDiff {
        changedLines = List.copyOf(changedLines);
    }

    /** The path the file has now, or had before it was deleted. */
    public String path() {
        return newPath != null ? newPath : oldPath;
    }

    /** Whether a line of the new side was added or modified by this change. */
    public boolean touches(int line) {
        for (LineRange r : changedLines) {
            if (r.contains(line)) {
                return true;
            }
        }
        return false;
    }
}
