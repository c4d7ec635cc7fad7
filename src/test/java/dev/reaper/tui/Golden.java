package dev.reaper.tui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Snapshot files under {@code src/test/resources/golden/tui}. A mismatch fails and leaves what was drawn
 * in {@code target/golden-actual/} to compare; {@code -Dreaper.golden.update=true} rewrites the files
 * (then read the diff before committing it).
 */
final class Golden {

    static final Path DIR = Path.of("src/test/resources/golden/tui");
    static final Path ACTUAL = Path.of("target/golden-actual");

    private Golden() {}

    static void check(String name, String actual) {
        Path file = DIR.resolve(name);
        try {
            if (Boolean.getBoolean("reaper.golden.update") || !Files.exists(file)) {
                if (!Boolean.getBoolean("reaper.golden.update")) {
                    Files.createDirectories(ACTUAL);
                    Files.writeString(ACTUAL.resolve(name), actual, StandardCharsets.UTF_8);
                    throw new AssertionError("no snapshot " + file + " yet: what was drawn is in " + ACTUAL.resolve(name)
                            + "; run with -Dreaper.golden.update=true to accept it");
                }
                Files.createDirectories(DIR);
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                return;
            }
            String expected = Files.readString(file, StandardCharsets.UTF_8);
            if (!expected.equals(actual)) {
                Files.createDirectories(ACTUAL);
                Files.writeString(ACTUAL.resolve(name), actual, StandardCharsets.UTF_8);
            }
            assertThat(actual).as("snapshot %s (what was drawn is in %s)", name, ACTUAL.resolve(name)).isEqualTo(expected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
