package dev.reaper.tools;

import java.nio.file.Path;

/**
 * One file as an edit would leave it.
 *
 * @param before the text now, or null when the file does not exist (or is not text)
 * @param after  the text after, or null when the edit deletes the file
 */
public record FileEdit(Path path, String before, String after) {}
