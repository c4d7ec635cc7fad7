package dev.reaper.review;

import java.util.Objects;

/**
 * One problem the review found.
 *
 * @param path      workspace-relative path, with forward slashes
 * @param startLine first line, from 1, in the new version of the file
 * @param endLine   last line, at least {@code startLine}
 * @param fix       a suggested fix as a unified diff of the file, or null
 */
public record Finding(String path, int startLine, int endLine, Severity severity, Category category, String message,
                      String fix) {

    public Finding {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(message, "message");
        if (startLine < 1 || endLine < startLine) {
            throw new IllegalArgumentException("lines " + startLine + "-" + endLine + " are not a range from line 1");
        }
    }
}
