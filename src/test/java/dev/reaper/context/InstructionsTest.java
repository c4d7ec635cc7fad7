package dev.reaper.context;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reaper.context.Instructions.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Instruction files: the user's first, then AGENTS.md (or CLAUDE.md) from the root down to the cwd. */
class InstructionsTest {

    @TempDir
    Path tmp;

    Path config;
    Path root;
    Path cwd;

    @BeforeEach
    void layout() throws IOException {
        config = Files.createDirectories(tmp.resolve("config"));
        root = Files.createDirectories(tmp.resolve("repo"));
        cwd = Files.createDirectories(root.resolve("a/b"));
    }

    private Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    @Test
    void readsTheUserFileThenEveryDirectoryFromTheRootDownToTheCwd() throws IOException {
        write(config.resolve("AGENTS.md"), "user rules\n");
        write(root.resolve("AGENTS.md"), "root rules\n");
        write(root.resolve("a/AGENTS.md"), "  a rules  \n");
        write(root.resolve("a/b/AGENTS.md"), "b rules");
        write(root.resolve("a/b/c/AGENTS.md"), "below the cwd");
        write(root.resolve("other/AGENTS.md"), "a sibling");
        write(tmp.resolve("AGENTS.md"), "above the root");
        assertThat(Instructions.load(new Workspace(root, cwd, true), config)).containsExactly(
                new Source(config.resolve("AGENTS.md"), "user rules"),
                new Source(root.resolve("AGENTS.md"), "root rules"),
                new Source(root.resolve("a/AGENTS.md"), "a rules"),
                new Source(root.resolve("a/b/AGENTS.md"), "b rules"));
    }

    @Test
    void claudeMdIsReadOnlyWhereThereIsNoAgentsMd() throws IOException {
        write(config.resolve("CLAUDE.md"), "user claude");
        write(root.resolve("AGENTS.md"), "root agents");
        write(root.resolve("CLAUDE.md"), "root claude");
        write(root.resolve("a/CLAUDE.md"), "a claude");
        assertThat(Instructions.load(new Workspace(root, cwd, true), config)).containsExactly(
                new Source(config.resolve("CLAUDE.md"), "user claude"),
                new Source(root.resolve("AGENTS.md"), "root agents"),
                new Source(root.resolve("a/CLAUDE.md"), "a claude"));
    }

    @Test
    void withoutAUserConfigDirectoryOnlyTheWorkspaceIsRead() throws IOException {
        write(root.resolve("AGENTS.md"), "root");
        assertThat(Instructions.load(new Workspace(root, root, true), null))
                .containsExactly(new Source(root.resolve("AGENTS.md"), "root"));
    }

    @Test
    void noInstructionFilesGiveNoSources() {
        assertThat(Instructions.load(new Workspace(root, cwd, false), config)).isEmpty();
    }

    @Test
    void aDirectoryNamedAgentsMdIsNotAFile() throws IOException {
        Files.createDirectories(root.resolve("AGENTS.md"));
        write(root.resolve("CLAUDE.md"), "claude");
        assertThat(Instructions.load(new Workspace(root, root, true), null))
                .containsExactly(new Source(root.resolve("CLAUDE.md"), "claude"));
    }

    @Test
    void aFileOverTheCapIsCutAndSaysSo() throws IOException {
        write(root.resolve("AGENTS.md"), "x".repeat(Instructions.MAX_BYTES) + "TAIL");
        assertThat(Instructions.load(new Workspace(root, root, true), null)).containsExactly(new Source(
                root.resolve("AGENTS.md"), "x".repeat(32 * 1024) + "\n[... AGENTS.md cut at 32 KB]"));
    }

    @Test
    void aFileExactlyAtTheCapIsWhole() throws IOException {
        write(root.resolve("CLAUDE.md"), "y".repeat(32 * 1024));
        assertThat(Instructions.load(new Workspace(root, root, true), null))
                .containsExactly(new Source(root.resolve("CLAUDE.md"), "y".repeat(32 * 1024)));
    }
}
