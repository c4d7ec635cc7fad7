package dev.reaper.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reaper.testing.PatchScenarios;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The golden patch scenarios ({@link PatchScenarios}), parsed and applied in memory as ApplyPatchTool does
 * on disk; the resulting file set is compared whole (every path, every byte) with {@code expected/}.
 * {@code ApplyPatchToolTest} runs the same scenarios through the tool.
 */
class PatchScenariosTest {

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
        return PatchScenarios.folders().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            Map<String, String> input = PatchScenarios.files(dir.resolve("input"));
            String patch = PatchScenarios.read(dir.resolve("patch.txt"));
            Path error = dir.resolve("error.txt");
            if (Files.exists(error)) {
                assertThat(dir.resolve("expected")).as("a scenario has expected/ or error.txt").doesNotExist();
                assertThatThrownBy(() -> applyInMemory(input, patch))
                        .isInstanceOf(EditException.class)
                        .hasMessageContaining(PatchScenarios.read(error));
            } else {
                assertThat(dir.resolve("expected")).as("a scenario has expected/ or error.txt").isDirectory();
                assertThat(applyInMemory(input, patch)).isEqualTo(PatchScenarios.files(dir.resolve("expected")));
            }
        }));
    }

    @Test
    void theScenariosAreFound() {
        assertThat(PatchScenarios.folders()).hasSizeGreaterThan(20);
    }
}
