package dev.reaper.tools.builtin;

import static dev.reaper.testing.ToolWorkspace.args;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reaper.testing.ToolWorkspace;
import dev.reaper.tools.ToolFailure;
import dev.reaper.tools.ToolOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListToolTest {

    @TempDir
    Path root;

    ToolWorkspace ws;
    final ListTool list = new ListTool();

    @BeforeEach
    void setUp() {
        ws = new ToolWorkspace(root);
    }

    @Test
    void listsDirectoriesFirstWithASlashThenFilesWithSizes() throws Exception {
        ws.write("zeta/x.txt", "x");
        ws.write("alpha/y.txt", "y");
        ws.write("b.txt", "12345");
        ws.write("a.bin", new byte[3 * 1024 + 10]);
        ws.write("big.dat", new byte[2 * 1024 * 1024 + 1]);

        ToolOutput out = ws.run(list, "{}");

        assertThat(out).isEqualTo(ToolOutput.ok("alpha/\nzeta/\na.bin  3 KB\nb.txt  5 B\nbig.dat  2 MB\n"));
    }

    @Test
    void listsASubdirectory() throws Exception {
        ws.write("src/main/A.java", "class A {}\n");

        assertThat(ws.run(list, args("path", "src")).text()).isEqualTo("main/\n");
    }

    @Test
    void showsWhereASymlinkPoints() throws Exception {
        ws.write("real.txt", "r");
        Files.createSymbolicLink(root.resolve("link.txt"), Path.of("real.txt"));

        assertThat(ws.run(list, "{}").text()).isEqualTo("link.txt -> real.txt\nreal.txt  1 B\n");
    }

    @Test
    void countsGitignoredEntriesWithoutListingThem() throws Exception {
        ws.write(".gitignore", "*.log\nbuild/\n");
        ws.write("a.log", "x");
        ws.write("b.log", "x");
        ws.write("build/out", "x");
        ws.write("main.c", "int main;\n");

        assertThat(ws.run(list, "{}").text()).isEqualTo(".gitignore  13 B\nmain.c  10 B\n[3 ignored by .gitignore]\n");
    }

    @Test
    void doesNotReportTheGitDirectoryAsGitignored() throws Exception {
        ws.write(".git/HEAD", "ref: refs/heads/main\n");
        ws.write("main.c", "int main;\n");

        String text = ws.run(list, "{}").text();

        assertThat(text).isEqualTo("main.c  10 B\n");
    }

    @Test
    void saysWhenADirectoryIsEmpty() throws Exception {
        Files.createDirectories(root.resolve("void"));

        assertThat(ws.run(list, args("path", "void"))).isEqualTo(ToolOutput.ok("void is empty\n"));
    }

    @Test
    void aFileIsNotADirectory() {
        ws.write("a.txt", "x");

        assertThatThrownBy(() -> ws.run(list, args("path", "a.txt")))
                .isInstanceOf(ToolFailure.class).hasMessage("a.txt is a file; use read");
        assertThatThrownBy(() -> ws.run(list, args("path", "missing")))
                .isInstanceOf(ToolFailure.class).hasMessage("not found: missing");
    }

    @Test
    void refusesADirectoryOutsideTheWorkspace() {
        assertThatThrownBy(() -> ws.run(list, args("path", "..")))
                .isInstanceOf(ToolFailure.class).hasMessageContaining("is outside the workspace");
    }
}
