package dev.reaper.edit;

import java.util.List;

/** A multi-file patch: files to add, delete or update (and maybe move), in order. */
public record Patch(List<FileChange> changes) {

    public Patch {
        changes = List.copyOf(changes);
    }

    public sealed interface FileChange {
        String path();
    }

    public record AddFile(String path, String content) implements FileChange {}

    public record DeleteFile(String path) implements FileChange {}

    /** Hunks applied in order; {@code moveTo} renames the file, or is null. */
    public record UpdateFile(String path, String moveTo, List<Hunk> hunks) implements FileChange {
        public UpdateFile {
            hunks = List.copyOf(hunks);
        }
    }

    /**
     * Lines to find (context and removed lines) and what replaces them (context and added lines).
     *
     * @param anchor    text of a line above the hunk that locates it ({@code @@ def f():}), or null
     * @param endOfFile whether the hunk must match at the end of the file
     */
    public record Hunk(String anchor, List<String> oldLines, List<String> newLines, boolean endOfFile) {
        public Hunk {
            oldLines = List.copyOf(oldLines);
            newLines = List.copyOf(newLines);
        }
    }
}
