package dev.reaper.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden patch scenarios: each folder under {@code edit/patch-scenarios} holds {@code input/} (the files
 * before), {@code patch.txt}, and either {@code expected/} (the files after, compared whole: every path and
 * every byte) or {@code error.txt} (a part of the expected error message). The patch is parsed and applied
 * in memory, as ApplyPatchTool does on disk. {@code ApplyPatchToolTest} runs the same scenarios through
 * the tool.
 */
class PatchScenariosTest {

    static final String ROOT = "/edit/patch-scenarios";

    /** The scenario folders, by name. */
    static Stream<Path> scenarios() {
        try {
            Path root = Path.of(PatchScenariosTest.class.getResource(ROOT).toURI());
            try (Stream<Path> dirs = Files.list(root)) {
                return dirs.filter(Files::isDirectory).sorted().toList().stream();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every file under a folder, by forward-slash relative path; an absent folder has none. */
    static Map<String, String> files(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(f).toString().replace('\\', '/'),
                        new String(Files.readAllBytes(f), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    /** The file set after the patch, computed in memory. */
    static Map<String, String> applyInMemory(Map<String, String> input, String patchText) throws EditException {
        Map<String, String> files = new TreeMap<>(input);
        for (Patch.FileChange change : PatchParser.parse(patchText).changes()) {
            // A missing file, or adding or moving onto an existing one, is refused by ApplyPatchTool, not by
            // the parser or the applier; ApplyPatchToolTest pins those. Here it would be a broken scenario.
            switch (change) {
                case Patch.AddFile add -> {
                    assertThat(files).as("scenario adds an existing file").doesNotContainKey(add.path());
                    files.put(add.path(), add.content());
                }
                case Patch.DeleteFile del -> {
                    assertThat(files).as("scenario deletes a missing file").containsKey(del.path());
                    files.remove(del.path());
                }
                case Patch.UpdateFile upd -> {
                    assertThat(files).as("scenario updates a missing file").containsKey(upd.path());
                    String updated = PatchApplier.apply(upd.path(), files.get(upd.path()), upd.hunks());
                    if (upd.moveTo() != null) {
                        assertThat(files).as("scenario moves onto an existing file").doesNotContainKey(upd.moveTo());
                        files.remove(upd.path());
                        files.put(upd.moveTo(), updated);
                    } else {
                        files.put(upd.path(), updated);
                    }
                }
            }
        }
        return files;
    }

    @TestFactory
    Stream<DynamicTest> everyScenarioGivesItsExpectedFilesOrError() {
        return scenarios().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            Map<String, String> input = files(dir.resolve("input"));
            String patch = read(dir.resolve("patch.txt"));
            Path error = dir.resolve("error.txt");
            if (Files.exists(error)) {
                assertThat(dir.resolve("expected")).as("a scenario has expected/ or error.txt").doesNotExist();
                assertThatThrownBy(() -> applyInMemory(input, patch))
                        .isInstanceOf(EditException.class)
                        .hasMessageContaining(read(error));
            } else {
                assertThat(dir.resolve("expected")).as("a scenario has expected/ or error.txt").isDirectory();
                assertThat(applyInMemory(input, patch)).isEqualTo(files(dir.resolve("expected")));
            }
        }));
    }

    @Test
    void theScenariosAreFound() {
        assertThat(scenarios()).hasSizeGreaterThan(20);
    }
}
