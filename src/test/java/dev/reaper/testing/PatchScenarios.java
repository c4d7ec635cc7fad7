package dev.reaper.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The golden patch scenarios under {@code edit/patch-scenarios}: each folder holds {@code input/} (the files
 * before), {@code patch.txt}, and either {@code expected/} (the files after) or {@code error.txt} (a part of
 * the expected error message).
 */
public final class PatchScenarios {

    private PatchScenarios() {}

    /** The scenario folders, sorted by name. */
    public static Stream<Path> folders() {
        try {
            Path root = Path.of(PatchScenarios.class.getResource("/edit/patch-scenarios").toURI());
            try (Stream<Path> dirs = Files.list(root)) {
                return dirs.filter(Files::isDirectory).sorted().toList().stream();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every regular file under a folder by forward-slash relative path, byte for byte; none if it is absent. */
    public static Map<String, String> files(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(f).toString().replace('\\', '/'), read(f));
            }
        }
        return out;
    }

    public static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }
}
