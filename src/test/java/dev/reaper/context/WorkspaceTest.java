package dev.reaper.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workspace is the nearest git root above the current directory, or the directory itself. */
class WorkspaceTest {

    @TempDir
    Path tmp;

    Path base;

    @BeforeEach
    void base() throws IOException {
        base = tmp.toRealPath();
    }

    @Test
    void theGitRootAboveTheCurrentDirectoryIsTheRoot() throws IOException {
        Path repo = Files.createDirectories(base.resolve("repo"));
        Files.createDirectories(repo.resolve(".git"));
        Path cwd = Files.createDirectories(repo.resolve("src/main"));
        assertThat(Workspace.detect(cwd)).isEqualTo(new Workspace(repo, cwd, true));
    }

    @Test
    void theGitRootItselfIsBothRootAndCurrentDirectory() throws IOException {
        Path repo = Files.createDirectories(base.resolve("repo"));
        Files.createDirectories(repo.resolve(".git"));
        assertThat(Workspace.detect(repo)).isEqualTo(new Workspace(repo, repo, true));
    }

    @Test
    void aGitFileAsInWorktreesAndSubmodulesMarksARoot() throws IOException {
        Path worktree = Files.createDirectories(base.resolve("wt"));
        Files.writeString(worktree.resolve(".git"), "gitdir: /elsewhere/.git/worktrees/wt\n");
        Path cwd = Files.createDirectories(worktree.resolve("pkg"));
        assertThat(Workspace.detect(cwd)).isEqualTo(new Workspace(worktree, cwd, true));
    }

    @Test
    void theInnermostRepositoryWins() throws IOException {
        Path outer = Files.createDirectories(base.resolve("outer"));
        Files.createDirectories(outer.resolve(".git"));
        Path inner = Files.createDirectories(outer.resolve("vendor/inner"));
        Files.createDirectories(inner.resolve(".git"));
        Path cwd = Files.createDirectories(inner.resolve("src"));
        assertThat(Workspace.detect(cwd)).isEqualTo(new Workspace(inner, cwd, true));
    }

    @Test
    void withoutGitTheCurrentDirectoryIsTheRoot() throws IOException {
        Path cwd = Files.createDirectories(base.resolve("plain/sub"));
        assertThat(Workspace.detect(cwd)).isEqualTo(new Workspace(cwd, cwd, false));
    }

    @Test
    void theCurrentDirectoryIsNormalized() throws IOException {
        Path repo = Files.createDirectories(base.resolve("repo"));
        Files.createDirectories(repo.resolve(".git"));
        Path cwd = Files.createDirectories(repo.resolve("a"));
        assertThat(Workspace.detect(repo.resolve("a/./../a"))).isEqualTo(new Workspace(repo, cwd, true));
    }
}
