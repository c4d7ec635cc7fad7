package dev.reaper.tools.builtin;

import static dev.reaper.testing.ToolWorkspace.args;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reaper.testing.ToolWorkspace;
import dev.reaper.tools.ToolFailure;
import dev.reaper.tools.ToolOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlobToolTest {

    @TempDir
    Path root;

    ToolWorkspace ws;
    final GlobTool glob = new GlobTool();

    @BeforeEach
    void setUp() {
        ws = new ToolWorkspace(root);
    }

    /** Writes a file with a modification time {@code minutes} after a fixed instant. */
    private void file(String rel, int minutes) throws Exception {
        Path p = ws.write(rel, rel + "\n");
        Files.setLastModifiedTime(p, FileTime.from(Instant.parse("2024-01-01T00:00:00Z").plusSeconds(60L * minutes)));
    }

    @Test
    void aNamePatternMatchesAtAnyDepthNewestFirst() throws Exception {
        file("a.py", 1);
        file("pkg/b.py", 3);
        file("pkg/deep/c.py", 2);
        file("pkg/readme.md", 4);

        ToolOutput out = ws.run(glob, args("pattern", "*.py"));

        assertThat(out).isEqualTo(ToolOutput.ok("pkg/b.py\npkg/deep/c.py\na.py\n"));
    }

    @Test
    void aPatternWithASlashMatchesPathsRelativeToTheSearchDirectory() throws Exception {
        file("src/A.java", 1);
        file("src/sub/B.java", 2);
        file("test/C.java", 3);

        assertThat(ws.run(glob, args("pattern", "src/*.java")).text()).isEqualTo("src/A.java\n");
        assertThat(ws.run(glob, args("pattern", "*.java", "path", "src")).text())
                .isEqualTo("src/sub/B.java\nsrc/A.java\n");
        assertThat(ws.run(glob, args("pattern", "sub/*.java", "path", "src")).text()).isEqualTo("src/sub/B.java\n");
    }

    @Test
    void doubleStarSlashAlsoMatchesNoDirectoryAtAll() throws Exception {
        // The tool's own description offers **/*.py and src/**/Test*.java: files at the top count too.
        file("top.py", 1);
        file("pkg/inner.py", 2);
        file("src/TestA.java", 3);
        file("src/x/TestB.java", 4);
        file("src/x/Other.java", 5);

        assertThat(ws.run(glob, args("pattern", "**/*.py")).text()).isEqualTo("pkg/inner.py\ntop.py\n");
        assertThat(ws.run(glob, args("pattern", "src/**/Test*.java")).text())
                .isEqualTo("src/x/TestB.java\nsrc/TestA.java\n");
    }

    @Test
    void tiesInModificationTimeAreOrderedByPath() throws Exception {
        file("b.txt", 1);
        file("a.txt", 1);

        assertThat(ws.run(glob, args("pattern", "*.txt")).text()).isEqualTo("a.txt\nb.txt\n");
    }

    @Test
    void honoursGitignore() throws Exception {
        ws.write(".gitignore", "build/\n*.log\n");
        file("keep.log.txt", 1);
        file("debug.log", 2);
        file("build/out.txt", 3);
        file("src/build/also.txt", 4);

        assertThat(ws.run(glob, args("pattern", "*")).text()).isEqualTo(".gitignore\nkeep.log.txt\n");
    }

    @Test
    void honoursANestedGitignore() throws Exception {
        ws.write("sub/.gitignore", "secret.txt\n");
        file("sub/secret.txt", 1);
        file("secret.txt", 2);

        assertThat(ws.run(glob, args("pattern", "secret.txt")).text()).isEqualTo("secret.txt\n");
    }

    @Test
    void skipsTheGitDirectory() throws Exception {
        file(".git/config", 1);
        file(".git/objects/ab/cdef", 2);
        file("main.c", 3);

        assertThat(ws.run(glob, args("pattern", "*")).text()).isEqualTo("main.c\n");
    }

    @Test
    void saysWhenNothingMatches() throws Exception {
        file("a.txt", 1);

        assertThat(ws.run(glob, args("pattern", "*.rs"))).isEqualTo(ToolOutput.ok("No files match *.rs"));
    }

    @Test
    void anInvalidPatternIsAnErrorForTheModel() {
        assertThatThrownBy(() -> ws.run(glob, args("pattern", "src/[abc")))
                .isInstanceOf(ToolFailure.class)
                .hasMessageStartingWith("invalid glob 'src/[abc': ");
    }

    @Test
    void theSearchPathMustBeADirectory() throws Exception {
        file("a.txt", 1);

        assertThatThrownBy(() -> ws.run(glob, args("pattern", "*", "path", "a.txt")))
                .isInstanceOf(ToolFailure.class).hasMessage("a.txt is not a directory");
    }

    @Test
    void limitsTheListAndSaysHowManyMore() throws Exception {
        for (int i = 0; i < GlobTool.MAX_RESULTS + 5; i++) {
            ws.write("f/" + i + ".txt", "");
        }

        String text = ws.run(glob, args("pattern", "*.txt")).text();

        assertThat(text.lines()).hasSize(GlobTool.MAX_RESULTS + 1);
        assertThat(text).endsWith("[5 more; narrow the pattern]\n");
    }
}
