package dev.reaper.tools.builtin;

import static dev.reaper.testing.ToolWorkspace.args;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reaper.testing.ToolWorkspace;
import dev.reaper.tools.ToolFailure;
import dev.reaper.tools.ToolOutput;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GrepToolTest {

    @TempDir
    Path root;

    ToolWorkspace ws;
    final GrepTool grep = new GrepTool();

    @BeforeEach
    void setUp() {
        ws = new ToolWorkspace(root);
    }

    @Test
    void printsEachMatchAsPathLineText() throws Exception {
        ws.write("src/a.py", "import os\ndef foo():\n    return foo_bar()\n");
        ws.write("src/b.py", "nothing here\n");

        ToolOutput out = ws.run(grep, args("pattern", "foo\\w*\\("));

        assertThat(out).isEqualTo(ToolOutput.ok("src/a.py:2:def foo():\nsrc/a.py:3:    return foo_bar()\n"));
    }

    @Test
    void anInvalidRegexSaysWhatIsWrongAndWhere() {
        assertThatThrownBy(() -> ws.run(grep, args("pattern", "foo(bar")))
                .isInstanceOf(ToolFailure.class)
                .hasMessage("invalid regular expression: Unclosed group near index 7");
    }

    @Test
    void aGlobFiltersTheFilesSearched() throws Exception {
        ws.write("a.ts", "needle\n");
        ws.write("lib/b.ts", "needle\n");
        ws.write("lib/c.js", "needle\n");

        // Files come in directory order, which the file system decides.
        assertThat(ws.run(grep, args("pattern", "needle", "glob", "*.ts")).text().lines())
                .containsExactlyInAnyOrder("a.ts:1:needle", "lib/b.ts:1:needle");
        assertThat(ws.run(grep, args("pattern", "needle", "glob", "lib/*")).text().lines())
                .containsExactlyInAnyOrder("lib/b.ts:1:needle", "lib/c.js:1:needle");
        assertThat(ws.run(grep, args("pattern", "needle", "glob", "**/*.ts")).text().lines())
                .containsExactlyInAnyOrder("a.ts:1:needle", "lib/b.ts:1:needle");
    }

    @Test
    void skipsBinaryFiles() throws Exception {
        ws.write("blob.bin", "needle\0\1\2".getBytes(StandardCharsets.UTF_8));
        ws.write("text.txt", "needle\n");

        assertThat(ws.run(grep, args("pattern", "needle")).text()).isEqualTo("text.txt:1:needle\n");
    }

    @Test
    void skipsGitignoredFilesAndTheGitDirectory() throws Exception {
        ws.write(".gitignore", "dist/\n*.min.js\n");
        ws.write("dist/app.js", "needle\n");
        ws.write("vendor.min.js", "needle\n");
        ws.write(".git/HEAD", "needle\n");
        ws.write("app.js", "needle\n");

        assertThat(ws.run(grep, args("pattern", "needle")).text()).isEqualTo("app.js:1:needle\n");
    }

    @Test
    void searchesASingleFileGivenAsPath() throws Exception {
        ws.write("notes/todo.txt", "buy milk\nfix bug\nbuy bread\n");
        ws.write("notes/other.txt", "buy nothing\n");

        assertThat(ws.run(grep, args("pattern", "^buy", "path", "notes/todo.txt")).text())
                .isEqualTo("notes/todo.txt:1:buy milk\nnotes/todo.txt:3:buy bread\n");
    }

    @Test
    void doesNotFollowASymlinkOutOfTheWorkspace(@TempDir Path elsewhere) throws Exception {
        java.nio.file.Files.writeString(elsewhere.resolve("credentials"), "needle=secret\n");
        java.nio.file.Files.createSymbolicLink(root.resolve("creds"), elsewhere.resolve("credentials"));
        ws.write("inside.txt", "needle\n");

        assertThat(ws.run(grep, args("pattern", "needle")).text()).isEqualTo("inside.txt:1:needle\n");
        assertThatThrownBy(() -> ws.run(grep, args("pattern", "needle", "path", "creds")))
                .isInstanceOf(ToolFailure.class).hasMessageContaining("is outside the workspace");
    }

    @Test
    void saysWhenNothingMatches() throws Exception {
        ws.write("a.txt", "abc\n");

        assertThat(ws.run(grep, args("pattern", "xyz"))).isEqualTo(ToolOutput.ok("No matches for xyz"));
    }

    @Test
    void aMissingPathIsNotFound() {
        assertThatThrownBy(() -> ws.run(grep, args("pattern", "x", "path", "nowhere")))
                .isInstanceOf(ToolFailure.class).hasMessage("not found: nowhere");
    }

    @Test
    void cutsLongMatchingLines() throws Exception {
        ws.write("a.txt", "needle" + "z".repeat(1000) + "\n");

        assertThat(ws.run(grep, args("pattern", "needle")).text())
                .isEqualTo("a.txt:1:needle" + "z".repeat(GrepTool.MAX_LINE - 6) + "…\n");
    }

    @Test
    void stopsAtTheMatchLimitAndSaysSo() throws Exception {
        ws.write("a.txt", "hit\n".repeat(GrepTool.MAX_MATCHES + 50));

        String text = ws.run(grep, args("pattern", "hit")).text();

        assertThat(text.lines().filter(l -> l.startsWith("a.txt:"))).hasSize(GrepTool.MAX_MATCHES);
        assertThat(text).endsWith("[stopped at 200 matches; narrow the pattern or the path]\n");
    }
}
