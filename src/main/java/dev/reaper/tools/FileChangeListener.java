package dev.reaper.tools;

import java.nio.file.Path;

/** Told of every file a tool changes, before it is written, so the change can be shown and undone. */
@FunctionalInterface
public interface FileChangeListener {

    /**
     * @param before the old content, or null when the file is new
     * @param after  the new content, or null when the file is deleted
     */
    void changed(Path path, String before, String after);
}
