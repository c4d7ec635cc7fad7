package dev.reaper.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The walk visits exactly the files the ignore rules keep, deciding each entry once. */
class FileWalkerTest {

    @TempDir
    Path root;

    private void write(String path, String... lines) throws IOException {
        Path f = root.resolve(path);
        Files.createDirectories(f.getParent());
        Files.writeString(f, String.join("\n", lines) + "\n");
    }

    private List<String> walk(Path start) throws IOException {
        List<String> out = new ArrayList<>();
        FileWalker.walk(start, new IgnoreRules(root), () -> false, (file, attrs) -> {
            out.add(root.relativize(file).toString().replace('\\', '/'));
            return true;
        });
        out.sort(null);
        return out;
    }

    @Test
    void visitsWhatTheRulesKeepAtEveryDepth() throws IOException {
        write(".gitignore", "build/", "*.log", "/out/*", "!/out/keep.txt");
        write("sub/.gitignore", "*.tmp", "!keep.log");
        for (String f : List.of("a.txt", "a.log", "build/x.txt", "sub/x.tmp", "sub/deep/y.tmp", "sub/keep.log",
                "sub/deep/z.txt", "out/x.class", "out/keep.txt", "deep/build/c.txt")) {
            write(f, "x");
        }
        assertThat(walk(root)).containsExactly(".gitignore", "a.txt", "out/keep.txt", "sub/.gitignore",
                "sub/deep/z.txt", "sub/keep.log");
    }

    @Test
    void aWalkStartingInsideAnIgnoredDirectoryFindsNothing() throws IOException {
        write(".gitignore", "vendor/");
        write("vendor/lib/a.go", "x");
        assertThat(walk(root.resolve("vendor/lib"))).isEmpty();
    }

    @Test
    void theGitDirectoryIsNeverVisited() throws IOException {
        write(".git/config", "x");
        write("src/a.py", "x");
        assertThat(walk(root)).containsExactly("src/a.py");
    }
}
