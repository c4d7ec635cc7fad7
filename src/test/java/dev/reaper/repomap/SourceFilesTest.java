package dev.reaper.repomap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reaper.context.IgnoreRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The walk finds source files by extension, with their stamps, and refuses a folder too large to map. */
class SourceFilesTest {

    @TempDir
    Path root;

    private void write(String path) throws IOException {
        Path p = root.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "x\n");
    }

    @Test
    void sourceFilesAreFoundAtTheTopAndInFoldersWithTheirSizes() throws IOException {
        for (String f : new String[] {"top.py", "a/b.ts", "b/c/D.java", "notes.md", "b/image.png"}) {
            write(f);
        }

        var files = SourceFiles.list(root, new IgnoreRules(root), () -> false);

        assertThat(files).containsOnlyKeys("top.py", "a/b.ts", "b/c/D.java");
        assertThat(files.get("a/b.ts").size()).isEqualTo(2);
    }

    @Test
    void tooManySourceFilesIsRefusedWithAReason() throws IOException {
        for (int i = 0; i < 5; i++) {
            write("src/f" + i + ".py");
        }

        assertThatThrownBy(() -> SourceFiles.list(root, new IgnoreRules(root), () -> false, 3, 100))
                .isInstanceOf(IOException.class)
                .hasMessage("the workspace has more than 3 source files, too many to map: start Reaper in a"
                        + " project's folder");
        assertThatThrownBy(() -> SourceFiles.list(root, new IgnoreRules(root), () -> false, 100, 2))
                .hasMessageContaining("more than 2 files");
    }
}
