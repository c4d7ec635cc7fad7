package dev.reaper.review;

import java.util.List;

/**
 * The change to review, file by file: each file's patch, the lines it changed in the new version, and
 * the new content (for the code around the change); null content for deleted and binary files.
 */
public record ReviewInput(String target, List<FilePatch> files) {

    public ReviewInput {
        files = List.copyOf(files);
    }

    public record FilePatch(String path, String patch, List<ChangedLines.Range> changed, String newContent,
                            boolean binary) {

        public FilePatch {
            changed = List.copyOf(changed);
        }

        public int lineCount() {
            return newContent == null ? 0 : (int) newContent.lines().count();
        }
    }

    /** The lines findings may point at, over all files. */
    public ChangedLines changedLines() {
        ChangedLines c = new ChangedLines();
        for (FilePatch f : files) {
            if (f.newContent() != null && !f.binary()) {
                c.add(f.path(), f.lineCount(), f.changed());
            }
        }
        return c;
    }
}
