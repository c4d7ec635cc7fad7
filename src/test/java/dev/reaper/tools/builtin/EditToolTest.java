package dev.reaper.tools.builtin;

import static dev.reaper.testing.ToolWorkspace.args;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reaper.testing.ToolWorkspace;
import dev.reaper.testing.ToolWorkspace.Change;
import dev.reaper.tools.ToolFailure;
import dev.reaper.tools.ToolOutput;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EditToolTest {

    @TempDir
    Path root;

    ToolWorkspace ws;
    final EditTool edit = new EditTool();

    @BeforeEach
    void setUp() {
        ws = new ToolWorkspace(root);
    }

    @Test
    void replacesTheOneOccurrenceAndReportsTheChange() throws Exception {
        Path file = ws.write("a.py", "def foo():\n    return 1\n");

        ToolOutput out = ws.run(edit, args("path", "a.py", "old_string", "def foo():", "new_string", "def bar():"));

        assertThat(out).isEqualTo(ToolOutput.ok("Edited a.py (1 replacement)"));
        assertThat(ws.read("a.py")).isEqualTo("def bar():\n    return 1\n");
        assertThat(ws.changes()).containsExactly(
                new Change(file, "def foo():\n    return 1\n", "def bar():\n    return 1\n"));
    }

    @Test
    void saysWhenTheTextIsNotFoundAndLeavesTheFileAlone() {
        ws.write("a.py", "def foo():\n    return 1\n");

        assertThatThrownBy(() -> ws.run(edit, args("path", "a.py", "old_string", "class Zebra:", "new_string", "x")))
                .isInstanceOf(ToolFailure.class)
                .hasMessageStartingWith("a.py: old_string was not found in the file.");
        assertThat(ws.read("a.py")).isEqualTo("def foo():\n    return 1\n");
        assertThat(ws.changes()).isEmpty();
    }

    @Test
    void refusesAnAmbiguousMatchAndNamesTheLines() {
        ws.write("a.txt", "x = 1\ny = 2\nx = 1\n");

        assertThatThrownBy(() -> ws.run(edit, args("path", "a.txt", "old_string", "x = 1", "new_string", "x = 3")))
                .isInstanceOf(ToolFailure.class)
                .hasMessage("a.txt: old_string occurs 2 times (at lines 1, 3). Include more surrounding lines to"
                        + " make it unique, or set replace_all to true.");
        assertThat(ws.read("a.txt")).isEqualTo("x = 1\ny = 2\nx = 1\n");
    }

    @Test
    void replacesEveryOccurrenceWithReplaceAll() throws Exception {
        ws.write("a.txt", "x = 1\ny = 2\nx = 1\n");

        ToolOutput out = ws.run(edit, args("path", "a.txt", "old_string", "x = 1", "new_string", "x = 3",
                "replace_all", true));

        assertThat(out).isEqualTo(ToolOutput.ok("Edited a.txt (2 replacements)"));
        assertThat(ws.read("a.txt")).isEqualTo("x = 3\ny = 2\nx = 3\n");
    }

    @Test
    void keepsWindowsLineEndings() throws Exception {
        ws.write("win.txt", "one\r\ntwo\r\nthree\r\n");

        ws.run(edit, args("path", "win.txt", "old_string", "one\ntwo\n", "new_string", "one\n2\n"));

        assertThat(ws.read("win.txt")).isEqualTo("one\r\n2\r\nthree\r\n");
    }

    @Test
    void createsAMissingFileWhenOldStringIsEmpty() throws Exception {
        ToolOutput out = ws.run(edit, args("path", "new/b.txt", "old_string", "", "new_string", "hello\n"));

        assertThat(out).isEqualTo(ToolOutput.ok("Created new/b.txt"));
        assertThat(ws.read("new/b.txt")).isEqualTo("hello\n");
        assertThat(ws.changes()).containsExactly(new Change(root.resolve("new/b.txt"), null, "hello\n"));
    }

    @Test
    void anEmptyOldStringOnAnExistingFileIsRefused() {
        ws.write("a.txt", "content\n");

        assertThatThrownBy(() -> ws.run(edit, args("path", "a.txt", "old_string", "", "new_string", "x")))
                .isInstanceOf(ToolFailure.class)
                .hasMessageContaining("old_string is empty");
        assertThat(ws.read("a.txt")).isEqualTo("content\n");
    }

    @Test
    void aMissingFileWithOldTextPointsAtWrite() {
        assertThatThrownBy(() -> ws.run(edit, args("path", "gone.txt", "old_string", "a", "new_string", "b")))
                .isInstanceOf(ToolFailure.class)
                .hasMessage("file not found: gone.txt (use write to create a file)");
    }

    @Test
    void refusesABinaryFile() throws Exception {
        byte[] bytes = {'a', 0, 'b', '\n'};
        ws.write("a.bin", bytes);

        assertThatThrownBy(() -> ws.run(edit, args("path", "a.bin", "old_string", "a", "new_string", "c")))
                .isInstanceOf(ToolFailure.class)
                .hasMessage("a.bin is a binary file; it cannot be edited as text");
        assertThat(Files.readAllBytes(root.resolve("a.bin"))).isEqualTo(bytes);
    }

    @Test
    void refusesAFileThatIsNotUtf8() throws Exception {
        byte[] latin1 = "caf\u00e9 au lait\n".getBytes(StandardCharsets.ISO_8859_1);
        ws.write("latin1.txt", latin1);

        assertThatThrownBy(() -> ws.run(edit, args("path", "latin1.txt", "old_string", "lait", "new_string", "x")))
                .isInstanceOf(ToolFailure.class)
                .hasMessageStartingWith("latin1.txt is not valid UTF-8");
        assertThat(Files.readAllBytes(root.resolve("latin1.txt"))).isEqualTo(latin1);
    }

    @Test
    void editsTheFileASymlinkPointsTo() throws Exception {
        ws.write("real.txt", "a = 1\n");
        Path link = root.resolve("link.txt");
        Files.createSymbolicLink(link, Path.of("real.txt"));

        ws.run(edit, args("path", "link.txt", "old_string", "a = 1", "new_string", "a = 2"));

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(ws.read("real.txt")).isEqualTo("a = 2\n");
    }

    @Test
    void refusesADirectory() throws Exception {
        Files.createDirectories(root.resolve("src"));

        assertThatThrownBy(() -> ws.run(edit, args("path", "src", "old_string", "a", "new_string", "b")))
                .isInstanceOf(ToolFailure.class).hasMessage("src is a directory");
    }
}
