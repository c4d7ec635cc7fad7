package dev.reaper.tools.builtin;

import static dev.reaper.testing.PatchScenarios.files;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.context.IgnoreRules;
import dev.reaper.json.Json;
import dev.reaper.policy.WorkspaceBoundary;
import dev.reaper.protocol.Cancellation;
import dev.reaper.testing.PatchScenarios;
import dev.reaper.tools.ToolContext;
import dev.reaper.tools.ToolFailure;
import dev.reaper.tools.ToolOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** apply_patch end to end on a real folder: all files change, or none. */
class ApplyPatchToolTest {

    /** One call of the change listener. */
    record Change(String path, String before, String after) {}

    @TempDir
    Path tmp;

    Path root;
    List<Change> changes;
    ToolContext context;
    final ApplyPatchTool tool = new ApplyPatchTool();

    @BeforeEach
    void workspace() throws IOException {
        root = Files.createDirectories(tmp.toRealPath().resolve("ws"));
        changes = new ArrayList<>();
        context = contextFor(root);
    }

    private ToolContext contextFor(Path dir) {
        return new ToolContext(new WorkspaceBoundary(dir, List.of()), new IgnoreRules(dir), new Cancellation(),
                (path, before, after) -> changes.add(new Change(dir.relativize(path).toString(), before, after)),
                Map.of());
    }

    private static JsonNode args(String patch) {
        return Json.object().put("patch", patch);
    }

    private void write(String path, String content) throws IOException {
        Path f = root.resolve(path);
        Files.createDirectories(f.getParent());
        Files.writeString(f, content);
    }

    @Test
    void appliesAddUpdateDeleteAndMoveAndSummarisesThem() throws Exception {
        write("a.txt", "one\ntwo\n");
        write("b.txt", "bye\n");
        write("c.txt", "move me\n");
        ToolOutput out = tool.run(args("""
                *** Begin Patch
                *** Add File: docs/new.txt
                +hello
                *** Update File: a.txt
                @@
                 one
                -two
                +2
                *** Delete File: b.txt
                *** Update File: c.txt
                *** Move to: d/c.txt
                @@
                -move me
                +moved
                *** End Patch
                """), context);
        assertThat(out).isEqualTo(ToolOutput.ok("Applied the patch:\nA docs/new.txt\nM a.txt\nD b.txt\nR c.txt -> d/c.txt"));
        assertThat(files(root)).isEqualTo(Map.of("docs/new.txt", "hello\n", "a.txt", "one\n2\n", "d/c.txt", "moved\n"));
        assertThat(changes).containsExactly(
                new Change("docs/new.txt", null, "hello\n"),
                new Change("a.txt", "one\ntwo\n", "one\n2\n"),
                new Change("b.txt", "bye\n", null),
                new Change("c.txt", "move me\n", null),
                new Change("d/c.txt", null, "moved\n"));
    }

    @Test
    void aPatchWhoseSecondFileFailsLeavesTheFirstUnchanged() throws IOException {
        write("a.txt", "one\n");
        write("b.txt", "two\n");
        assertThatThrownBy(() -> tool.run(args("""
                *** Begin Patch
                *** Update File: a.txt
                @@
                -one
                +ONE
                *** Update File: b.txt
                @@
                -three
                +THREE
                *** End Patch
                """), context))
                .isInstanceOf(ToolFailure.class)
                .hasMessage("hunk 1 of b.txt does not match the file: these lines were not found:\nthree\n"
                        + "Read the file again and resend the patch with exact context lines. No file was changed.");
        assertThat(files(root)).isEqualTo(Map.of("a.txt", "one\n", "b.txt", "two\n"));
        assertThat(changes).isEmpty();
    }

    @Test
    void anUpdateOfAMissingFileChangesNothing() throws IOException {
        write("a.txt", "one\n");
        assertThatThrownBy(() -> tool.run(args("""
                *** Begin Patch
                *** Add File: new.txt
                +x
                *** Update File: missing.txt
                @@
                -a
                +b
                *** End Patch
                """), context))
                .isInstanceOf(ToolFailure.class)
                .hasMessage("file not found: missing.txt. No file was changed.");
        assertThat(files(root)).isEqualTo(Map.of("a.txt", "one\n"));
    }

    @Test
    void addingAFileThatExistsIsRefused() throws IOException {
        write("a.txt", "one\n");
        assertThatThrownBy(() -> tool.run(args("*** Begin Patch\n*** Add File: a.txt\n+x\n*** End Patch"), context))
                .isInstanceOf(ToolFailure.class)
                .hasMessage("a.txt already exists: use '*** Update File:' to change it");
        assertThat(files(root)).isEqualTo(Map.of("a.txt", "one\n"));
    }

    @Test
    void movingOntoAFileThatExistsIsRefused() throws IOException {
        write("a.txt", "one\n");
        write("b.txt", "two\n");
        assertThatThrownBy(() -> tool.run(args("*** Begin Patch\n*** Update File: a.txt\n*** Move to: b.txt\n"
                + "*** End Patch"), context))
                .isInstanceOf(ToolFailure.class)
                .hasMessage("cannot move a.txt to b.txt: it already exists");
        assertThat(files(root)).isEqualTo(Map.of("a.txt", "one\n", "b.txt", "two\n"));
    }

    @Test
    void aFileAddedEarlierInThePatchCanBeUpdatedLater() throws Exception {
        tool.run(args("*** Begin Patch\n*** Add File: a.txt\n+one\n*** Update File: a.txt\n@@\n-one\n+two\n"
                + "*** End Patch"), context);
        assertThat(files(root)).isEqualTo(Map.of("a.txt", "two\n"));
    }

    @Test
    void aFileDeletedEarlierInThePatchCannotBeUpdated() throws IOException {
        write("a.txt", "one\n");
        assertThatThrownBy(() -> tool.run(args("*** Begin Patch\n*** Delete File: a.txt\n*** Update File: a.txt\n@@\n"
                + "-one\n+two\n*** End Patch"), context))
                .isInstanceOf(ToolFailure.class)
                .hasMessage("a.txt was deleted earlier in this patch");
        assertThat(files(root)).isEqualTo(Map.of("a.txt", "one\n"));
    }

    @Test
    void aPathOutsideTheWorkspaceIsRefusedBeforeAnythingIsWritten() throws IOException {
        write("a.txt", "one\n");
        String patch = "*** Begin Patch\n*** Update File: a.txt\n@@\n-one\n+two\n*** Add File: ../evil.txt\n+x\n"
                + "*** End Patch";
        String message = "'../evil.txt' is outside the workspace " + root
                + "; only files under it (or directories the user allowed) can be used";
        assertThatThrownBy(() -> tool.targets(args(patch), context)).isInstanceOf(ToolFailure.class).hasMessage(message);
        assertThatThrownBy(() -> tool.run(args(patch), context)).isInstanceOf(ToolFailure.class).hasMessage(message);
        assertThat(files(tmp)).isEqualTo(Map.of("ws/a.txt", "one\n"));
    }

    @Test
    void targetsAreTheWorkspaceRelativePathsIncludingMoveTargets() throws ToolFailure {
        String patch = "*** Begin Patch\n*** Add File: ./src/A.java\n+x\n*** Update File: b.txt\n*** Move to: c/b.txt\n"
                + "*** Delete File: " + root.resolve("old.txt") + "\n*** End Patch";
        assertThat(tool.targets(args(patch), context)).containsExactly("src/A.java", "b.txt", "c/b.txt", "old.txt");
    }

    @Test
    void anInvalidPatchIsReportedAsSuch() {
        assertThatThrownBy(() -> tool.run(args("please fix it"), context))
                .isInstanceOf(ToolFailure.class)
                .hasMessage("invalid patch: the patch must start with '*** Begin Patch' (or be a unified diff with"
                        + " ---/+++ headers)");
    }

    @Test
    void aWriteThatFailsPartWayRestoresTheFilesAlreadyWritten() throws IOException {
        write("a.txt", "one\n");
        write("blocker", "a file where a directory is needed\n");
        assertThatThrownBy(() -> tool.run(args("*** Begin Patch\n*** Update File: a.txt\n@@\n-one\n+two\n"
                + "*** Add File: blocker/new.txt\n+x\n*** End Patch"), context))
                .isInstanceOf(ToolFailure.class)
                .hasMessageStartingWith("writing the change failed (")
                .hasMessageEndingWith("); every file was restored");
        assertThat(files(root)).isEqualTo(Map.of("a.txt", "one\n", "blocker", "a file where a directory is needed\n"));
        assertThat(changes).containsExactly(
                new Change("a.txt", "one\n", "two\n"),
                new Change("blocker/new.txt", null, "x\n"),
                new Change("a.txt", "two\n", "one\n"));
    }

    @TestFactory
    Stream<DynamicTest> theGoldenScenariosGiveTheSameFilesOnDisk() {
        return PatchScenarios.folders().map(dir -> DynamicTest.dynamicTest(
                dir.getFileName().toString(), () -> {
                    Path ws = Files.createDirectories(tmp.toRealPath().resolve(dir.getFileName().toString()));
                    copy(dir.resolve("input"), ws);
                    String patch = PatchScenarios.read(dir.resolve("patch.txt"));
                    ToolContext ctx = contextFor(ws);
                    Path error = dir.resolve("error.txt");
                    if (Files.exists(error)) {
                        assertThatThrownBy(() -> tool.run(args(patch), ctx))
                                .isInstanceOf(ToolFailure.class)
                                .hasMessageContaining(PatchScenarios.read(error));
                        assertThat(files(ws)).isEqualTo(files(dir.resolve("input")));
                    } else {
                        tool.run(args(patch), ctx);
                        assertThat(files(ws)).isEqualTo(files(dir.resolve("expected")));
                    }
                }));
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
