package dev.reaper.tui.complete;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reaper.context.IgnoreRules;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileIndexTest {

    @TempDir
    Path root;

    void file(String rel) throws Exception {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "x");
    }

    @Test
    void fuzzyMatchesPreferFileNamesAndContiguousRuns() throws Exception {
        file("src/main/java/app/Main.java");
        file("src/main/java/app/Mailer.java");
        file("docs/maintenance.md");
        file("README.md");
        FileIndex index = new FileIndex(root, new IgnoreRules(root));
        assertThat(index.match("main", 10).get(0)).isEqualTo("src/main/java/app/Main.java");
        assertThat(index.match("mlr", 10)).contains("src/main/java/app/Mailer.java")
                .doesNotContain("README.md");
        assertThat(index.match("readme", 10)).containsExactly("README.md");
        assertThat(index.match("zzz", 10)).isEmpty();
        assertThat(index.match("", 2)).hasSize(2);
    }

    @Test
    void honoursGitignore() throws Exception {
        file("src/a.py");
        file("build/out.py");
        Files.writeString(root.resolve(".gitignore"), "build/\n");
        FileIndex index = new FileIndex(root, new IgnoreRules(root));
        assertThat(index.files()).containsExactlyInAnyOrder("src/a.py", ".gitignore");
    }

    @Test
    void aRefreshFindsNewFilesInTheBackground() throws Exception {
        file("a.txt");
        FileIndex index = new FileIndex(root, new IgnoreRules(root));
        assertThat(index.files()).containsExactly("a.txt");
        file("b.txt");
        index.refresh();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!index.files().contains("b.txt") && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(index.files()).contains("a.txt", "b.txt");
    }
}
