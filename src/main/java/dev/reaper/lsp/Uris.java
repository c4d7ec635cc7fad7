package dev.reaper.lsp;

import java.net.URI;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Path;
import java.util.Optional;

/** File paths as the {@code file:} URIs of the protocol, and back. */
final class Uris {

    private Uris() {}

    static String of(Path file) {
        return file.toUri().toString();
    }

    /** The path of a {@code file:} URI; empty for other schemes and malformed URIs. */
    static Optional<Path> toPath(String uri) {
        try {
            URI u = URI.create(uri);
            return "file".equals(u.getScheme()) ? Optional.of(Path.of(u).normalize()) : Optional.empty();
        } catch (IllegalArgumentException | FileSystemNotFoundException e) {
            return Optional.empty();
        }
    }
}
