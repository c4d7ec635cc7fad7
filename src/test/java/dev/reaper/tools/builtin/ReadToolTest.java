package dev.reaper.tools.builtin;

import static dev.reaper.testing.ToolWorkspace.args;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reaper.testing.ToolWorkspace;
import dev.reaper.tools.ToolFailure;
import dev.reaper.tools.ToolOutput;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadToolTest {

    @TempDir
    Path root;

    ToolWorkspace ws;
    final ReadTool read = new ReadTool();

    @BeforeEach
    void setUp() {
        ws = new ToolWorkspace(root);
    }

    private static String lines(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "line " + i + "\n").collect(Collectors.joining());
    }

    @Test
    void numbersEachLineRightAlignedInSixColumnsWithAnArrow() throws Exception {
        ws.write("a.txt", "alpha\nbeta\n");

        ToolOutput out = ws.run(read, args("path", "a.txt"));

        assertThat(out).isEqualTo(ToolOutput.ok("     1→alpha\n     2→beta\n"));
    }

    @Test
    void showsALastLineWithoutNewline() throws Exception {
        ws.write("a.txt", "one\ntwo");

        assertThat(ws.run(read, args("path", "a.txt")).text()).isEqualTo("     1→one\n     2→two\n");
    }

    @Test
    void readsAWindowAndSaysWhereToReadOn() throws Exception {
        ws.write("a.txt", lines(1, 10));

        ToolOutput out = ws.run(read, args("path", "a.txt", "offset", 3, "limit", 4));

        assertThat(out.isError()).isFalse();
        assertThat(out.text()).isEqualTo("     3→line 3\n     4→line 4\n     5→line 5\n     6→line 6\n"
                + "[lines 3-6 of 10; read on with offset=7]\n");
    }

    @Test
    void aWindowReachingTheEndHasNoFooter() throws Exception {
        ws.write("a.txt", lines(1, 5));

        String text = ws.run(read, args("path", "a.txt", "offset", 4, "limit", 10)).text();

        assertThat(text).isEqualTo("     4→line 4\n     5→line 5\n");
    }

    @Test
    void readsAtMostTwoThousandLinesByDefault() throws Exception {
        ws.write("a.txt", lines(1, 2500));

        String text = ws.run(read, args("path", "a.txt")).text();

        assertThat(text).contains("  2000→line 2000\n").doesNotContain("line 2001\n")
                .endsWith("[lines 1-2000 of 2500; read on with offset=2001]\n");
    }

    @Test
    void stopsNearOneHundredThousandCharactersAndSaysWhereToReadOn() throws Exception {
        String longLine = "y".repeat(1000);
        ws.write("a.txt", (longLine + "\n").repeat(300));

        String text = ws.run(read, args("path", "a.txt")).text();

        assertThat(text.length()).isBetween(100_000, 110_000);
        assertThat(text).containsPattern("\\[lines 1-(\\d+) of 300; read on with offset=(\\d+)]\n$");
        int last = text.split("\n").length - 1;
        assertThat(text).endsWith("read on with offset=" + (last + 1) + "]\n");
    }

    @Test
    void aHugeLimitReadsToTheEnd() throws Exception {
        ws.write("a.txt", lines(1, 3));

        assertThat(ws.run(read, args("path", "a.txt", "offset", 2, "limit", Integer.MAX_VALUE)).text())
                .isEqualTo("     2→line 2\n     3→line 3\n");
    }

    @Test
    void anOffsetPastTheEndIsAnError() {
        ws.write("a.txt", lines(1, 3));

        assertThatThrownBy(() -> ws.run(read, args("path", "a.txt", "offset", 9)))
                .isInstanceOf(ToolFailure.class)
                .hasMessage("a.txt has 3 lines; offset 9 is past its end");
    }

    @Test
    void cutsVeryLongLinesAndSaysSo() throws Exception {
        ws.write("a.txt", "x".repeat(5000) + "\nshort\n");

        String text = ws.run(read, args("path", "a.txt")).text();

        assertThat(text).isEqualTo("     1→" + "x".repeat(2000) + "… [line cut at 2000 characters]\n"
                + "     2→short\n");
    }

    @Test
    void doesNotShowABinaryFile() throws Exception {
        ws.write("img.bin", new byte[] {'P', 'N', 'G', 0, 1, 2, 3});

        ToolOutput out = ws.run(read, args("path", "img.bin"));

        assertThat(out).isEqualTo(ToolOutput.ok("img.bin is a binary file (7 bytes); it is not shown"));
    }

    @Test
    void showsUndecodableBytesAsReplacementCharactersWithANote() throws Exception {
        byte[] latin1 = "caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        ws.write("latin1.txt", latin1);

        String text = ws.run(read, args("path", "latin1.txt")).text();

        assertThat(text).isEqualTo("     1→caf\uFFFD\n"
                + "[latin1.txt is not valid UTF-8; undecodable bytes are shown as \uFFFD]\n");
    }

    @Test
    void saysAnEmptyFileIsEmpty() throws Exception {
        ws.write("empty.txt", "");

        assertThat(ws.run(read, args("path", "empty.txt"))).isEqualTo(ToolOutput.ok("empty.txt is empty"));
    }

    @Test
    void refusesADirectoryAndPointsAtList() throws Exception {
        Files.createDirectories(root.resolve("src"));

        assertThatThrownBy(() -> ws.run(read, args("path", "src")))
                .isInstanceOf(ToolFailure.class)
                .hasMessage("src is a directory; use list to see its entries");
    }

    @Test
    void aMissingFileIsNotFound() {
        assertThatThrownBy(() -> ws.run(read, args("path", "nope/missing.txt")))
                .isInstanceOf(ToolFailure.class)
                .hasMessage("file not found: nope/missing.txt");
    }

    @Test
    void refusesAPathOutsideTheWorkspace() {
        assertThatThrownBy(() -> ws.run(read, args("path", "../outside.txt")))
                .isInstanceOf(ToolFailure.class)
                .hasMessageContaining("'../outside.txt' is outside the workspace");
        assertThatThrownBy(() -> ws.run(read, args("path", "/etc/passwd")))
                .isInstanceOf(ToolFailure.class)
                .hasMessageContaining("is outside the workspace");
    }

    @Test
    void refusesASymlinkThatLeadsOutside(@TempDir Path elsewhere) throws Exception {
        Files.writeString(elsewhere.resolve("secret.txt"), "secret\n");
        Files.createSymbolicLink(root.resolve("link.txt"), elsewhere.resolve("secret.txt"));

        assertThatThrownBy(() -> ws.run(read, args("path", "link.txt")))
                .isInstanceOf(ToolFailure.class)
                .hasMessageContaining("is outside the workspace");
    }

    @Test
    void targetsAreWorkspaceRelativePaths() throws Exception {
        ws.write("src/a.txt", "x\n");

        assertThat(read.targets(dev.reaper.json.Json.parse(args("path", root.resolve("src/a.txt").toString())),
                ws.context())).containsExactly("src/a.txt");
    }

    @Test
    void aHugeSingleLineFileIsReadWithoutHoldingTheLine() throws Exception {
        java.nio.file.Path big = root.resolve("one-line.json");
        try (var out = java.nio.file.Files.newBufferedWriter(big)) {
            String chunk = "x".repeat(1 << 20);
            for (int i = 0; i < 64; i++) {
                out.write(chunk);
            }
        }
        ToolOutput out = ws.run(read, args("path", "one-line.json"));
        assertThat(out.isError()).isFalse();
        assertThat(out.text()).startsWith("     1→xxxx").contains("[line cut at 2000 characters]");
        assertThat(out.text().length()).isLessThan(3000);
    }

    @Test
    void aPipeIsRefusedInsteadOfBlocking() throws Exception {
        dev.reaper.testing.Peers.require("mkfifo");
        dev.reaper.testing.Peers.run(root, "mkfifo", "pipe");
        assertThatThrownBy(() -> ws.run(read, args("path", "pipe")))
                .hasMessageContaining("is not a regular file");
    }
}
