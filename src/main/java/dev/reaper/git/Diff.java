package dev.reaper.git;

import java.util.List;
import java.util.Optional;

/** The files changed between two states of a repository, in path order, each with its patch. */
public record Diff(List<FileDiff> files) {

    /** Sides larger than this (in bytes) are not diffed as text: the file is reported as binary. */
    public static final int MAX_TEXT_BYTES = 4 * 1024 * 1024;
    /** A file's patch text is cut, at a line end, once it reaches this many bytes. */
    public static final int MAX_PATCH_BYTES = 64 * 1024;

    public Diff {
        files = List.copyOf(files);
    }

    public boolean isEmpty() {
        return files.isEmpty();
    }

    /** The change of a file by its new path (or its old path when it was deleted). */
    public Optional<FileDiff> file(String path) {
        return files.stream().filter(f -> path.equals(f.path())).findFirst();
    }

    /** This diff without its added files: between the index and the working tree those are untracked files. */
    Diff withoutAdditions() {
        return new Diff(files.stream().filter(f -> f.change() != FileDiff.ChangeType.ADD).toList());
    }

    /** The patches of every file, one after the other, as {@code git diff} prints them. */
    public String patch() {
        StringBuilder sb = new StringBuilder();
        for (FileDiff f : files) {
            sb.append(f.patch());
        }
        return sb.toString();
    }
}
