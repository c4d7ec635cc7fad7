package dev.reaper.tools.builtin;

import static dev.reaper.testing.ToolWorkspace.args;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reaper.testing.ToolWorkspace;
import dev.reaper.testing.ToolWorkspace.Change;
import dev.reaper.tools.ToolFailure;
import dev.reaper.tools.ToolOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteToolTest {

    @TempDir
    Path root;

    ToolWorkspace ws;
    final WriteTool write = new WriteTool();

    @BeforeEach
    void setUp() {
        ws = new ToolWorkspace(root);
    }

    @Test
    void createsAFileAndItsParentDirectories() throws Exception {
        ToolOutput out = ws.run(write, args("path", "deep/er/new.txt", "content", "a\nb\n"));

        assertThat(out).isEqualTo(ToolOutput.ok("Created deep/er/new.txt (2 lines)"));
        assertThat(ws.read("deep/er/new.txt")).isEqualTo("a\nb\n");
    }

    @Test
    void reportsReplacingAnExistingFile() throws Exception {
        ws.write("a.txt", "old\n");

        ToolOutput out = ws.run(write, args("path", "a.txt", "content", "new"));

        assertThat(out).isEqualTo(ToolOutput.ok("Wrote a.txt (1 line)"));
        assertThat(ws.read("a.txt")).isEqualTo("new");
    }

    @Test
    void tellsTheListenerTheContentBeforeAndAfter() throws Exception {
        Path existing = ws.write("a.txt", "old\n");

        ws.run(write, args("path", "a.txt", "content", "new\n"));
        ws.run(write, args("path", "b.txt", "content", "fresh\n"));

        assertThat(ws.changes()).containsExactly(
                new Change(existing, "old\n", "new\n"),
                new Change(root.resolve("b.txt"), null, "fresh\n"));
    }

    @Test
    void aBinaryFileBeingReplacedIsReportedAsHavingNoTextBefore() throws Exception {
        Path bin = ws.write("a.bin", new byte[] {1, 0, 2});

        ws.run(write, args("path", "a.bin", "content", "text now\n"));

        assertThat(ws.changes()).containsExactly(new Change(bin, null, "text now\n"));
        assertThat(ws.read("a.bin")).isEqualTo("text now\n");
    }

    @Test
    void keepsThePermissionsOfAnExecutableFile() throws Exception {
        Path script = ws.write("run.sh", "#!/bin/sh\necho old\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));

        ws.run(write, args("path", "run.sh", "content", "#!/bin/sh\necho new\n"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(script))).isEqualTo("rwxr-x---");
        assertThat(ws.read("run.sh")).isEqualTo("#!/bin/sh\necho new\n");
    }

    @Test
    void leavesNoTemporaryFilesBehind() throws Exception {
        ws.write("dir/a.txt", "old\n");

        ws.run(write, args("path", "dir/a.txt", "content", "new\n"));
        ws.run(write, args("path", "dir/b.txt", "content", "b\n"));

        try (Stream<Path> files = Files.list(root.resolve("dir"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a.txt", "b.txt");
        }
    }

    @Test
    void writesThroughASymlinkAndKeepsTheLink() throws Exception {
        Path real = ws.write("real.txt", "old\n");
        Path link = root.resolve("link.txt");
        Files.createSymbolicLink(link, Path.of("real.txt"));

        ws.run(write, args("path", "link.txt", "content", "new\n"));

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(ws.read("real.txt")).isEqualTo("new\n");
        assertThat(ws.changes()).containsExactly(new Change(link, "old\n", "new\n"));
        try (Stream<Path> files = Files.list(root)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("real.txt", "link.txt");
        }
        assertThat(real).hasContent("new");
    }

    @Test
    void writesAnEmptyFile() throws Exception {
        assertThat(ws.run(write, args("path", "empty.txt", "content", "")))
                .isEqualTo(ToolOutput.ok("Created empty.txt (0 lines)"));
        assertThat(Files.size(root.resolve("empty.txt"))).isZero();
    }

    @Test
    void refusesADirectory() throws Exception {
        Files.createDirectories(root.resolve("src"));

        assertThatThrownBy(() -> ws.run(write, args("path", "src", "content", "x")))
                .isInstanceOf(ToolFailure.class).hasMessage("src is a directory");
        assertThat(ws.changes()).isEmpty();
    }

    @Test
    void refusesAPathOutsideTheWorkspaceWithoutWriting(@TempDir Path elsewhere) {
        String outside = elsewhere.resolve("x.txt").toString();

        assertThatThrownBy(() -> ws.run(write, args("path", outside, "content", "x")))
                .isInstanceOf(ToolFailure.class).hasMessageContaining("is outside the workspace");
        assertThat(elsewhere.resolve("x.txt")).doesNotExist();
        assertThat(ws.changes()).isEmpty();
    }
}
