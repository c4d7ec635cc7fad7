package dev.reaper.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reaper.policy.WorkspaceBoundary.OutsideWorkspaceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Paths named by the model resolve inside the workspace, with {@code ..} collapsed and symlinks followed. */
class WorkspaceBoundaryTest {

    @TempDir
    Path tmp;

    Path root;
    Path outside;
    WorkspaceBoundary boundary;

    @BeforeEach
    void layout() throws IOException {
        Path real = tmp.toRealPath();
        root = Files.createDirectories(real.resolve("ws"));
        Files.createDirectories(root.resolve("src"));
        Files.writeString(root.resolve("src/App.java"), "class App {}");
        outside = Files.createDirectories(real.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        boundary = new WorkspaceBoundary(root, List.of());
    }

    private void assertOutside(WorkspaceBoundary b, String path) {
        assertThatThrownBy(() -> b.resolve(path))
                .isInstanceOf(OutsideWorkspaceException.class)
                .hasMessage("'" + path + "' is outside the workspace " + root
                        + "; only files under it (or directories the user allowed) can be used");
    }

    @Test
    void aRelativePathResolvesAgainstTheRoot() {
        assertThat(boundary.resolve("src/App.java")).isEqualTo(root.resolve("src/App.java"));
        assertThat(boundary.resolve("src/New.java")).isEqualTo(root.resolve("src/New.java"));
        assertThat(boundary.resolve(".")).isEqualTo(root);
    }

    @Test
    void dotDotThatStaysInsideIsCollapsed() {
        assertThat(boundary.resolve("src/../README.md")).isEqualTo(root.resolve("README.md"));
        assertThat(boundary.resolve("./src/./App.java")).isEqualTo(root.resolve("src/App.java"));
    }

    @Test
    void dotDotThatLeavesTheRootIsRefused() {
        assertOutside(boundary, "../outside/secret.txt");
        assertOutside(boundary, "src/../../outside/secret.txt");
        assertOutside(boundary, "..");
    }

    @Test
    void anAbsolutePathInsideIsAccepted() {
        String abs = root.resolve("src/App.java").toString();
        assertThat(boundary.resolve(abs)).isEqualTo(root.resolve("src/App.java"));
    }

    @Test
    void anAbsolutePathOutsideIsRefused() {
        assertOutside(boundary, outside.resolve("secret.txt").toString());
        assertOutside(boundary, "/etc/passwd");
    }

    @Test
    void aSiblingDirectorySharingTheRootsNamePrefixIsOutside() throws IOException {
        Path sibling = Files.createDirectories(root.resolveSibling("ws-evil"));
        assertOutside(boundary, sibling.resolve("x.txt").toString());
    }

    @Test
    void aSymlinkInsideToAFileOutsideIsOutside() throws IOException {
        Files.createSymbolicLink(root.resolve("link.txt"), outside.resolve("secret.txt"));
        assertOutside(boundary, "link.txt");
    }

    @Test
    void aSymlinkInsideToADirectoryOutsideIsOutside() throws IOException {
        Files.createSymbolicLink(root.resolve("out"), outside);
        assertOutside(boundary, "out");
        assertOutside(boundary, "out/secret.txt");
    }

    @Test
    void aNewFileUnderASymlinkedDirectoryOutsideIsOutside() throws IOException {
        Files.createSymbolicLink(root.resolve("out"), outside);
        assertOutside(boundary, "out/new.txt");
        assertOutside(boundary, "out/deeper/still/new.txt");
    }

    @Test
    void aDanglingSymlinkPointingOutsideIsOutside() throws IOException {
        Files.createSymbolicLink(root.resolve("dangling"), outside.resolve("missing.txt"));
        Files.createSymbolicLink(root.resolve("dangling-relative"), Path.of("../outside/missing.txt"));
        Files.createSymbolicLink(root.resolve("dangling-dir"), outside.resolve("missing-dir"));
        assertOutside(boundary, "dangling");
        assertOutside(boundary, "dangling-relative");
        assertOutside(boundary, "dangling-dir/new.txt");
    }

    @Test
    void aDanglingSymlinkChainIsFollowedToItsEnd() throws IOException {
        Files.createSymbolicLink(root.resolve("first"), root.resolve("second"));
        Files.createSymbolicLink(root.resolve("second"), outside.resolve("missing.txt"));
        assertOutside(boundary, "first");
    }

    @Test
    void aSymlinkThatStaysInsideIsAccepted() throws IOException {
        Files.createSymbolicLink(root.resolve("alias"), root.resolve("src"));
        Files.createSymbolicLink(root.resolve("dangling-inside"), Path.of("src/Missing.java"));
        assertThat(boundary.resolve("alias/App.java")).isEqualTo(root.resolve("alias/App.java"));
        assertThat(boundary.resolve("dangling-inside")).isEqualTo(root.resolve("dangling-inside"));
    }

    @Test
    void ruleTargetsNameBothTheLinkAndWhereItLeads() throws IOException {
        Files.createDirectories(root.resolve("secrets"));
        Files.createSymbolicLink(root.resolve("alias"), root.resolve("secrets"));
        assertThat(boundary.ruleTargets(boundary.resolve("alias/key"))).containsExactly("alias/key", "secrets/key");
        assertThat(boundary.ruleTargets(boundary.resolve("src/App.java"))).containsExactly("src/App.java");
        PermissionRules rules = PermissionRules.parse(List.of(), List.of(), List.of("edit(secrets/**)"));
        assertThat(PermissionPolicy.decide(PermissionMode.BYPASS, rules, "edit", ToolKind.EDIT,
                boundary.ruleTargets(boundary.resolve("alias/key"))).verdict()).isEqualTo(Decision.Verdict.DENY);
    }

    @Test
    void additionalDirectoriesAreInside() throws IOException {
        WorkspaceBoundary wider = new WorkspaceBoundary(root, List.of(outside));
        String secret = outside.resolve("secret.txt").toString();
        assertThat(wider.resolve(secret)).isEqualTo(outside.resolve("secret.txt"));
        assertThat(wider.resolve("../outside/new.txt")).isEqualTo(outside.resolve("new.txt"));
        Files.createSymbolicLink(root.resolve("out"), outside);
        assertThat(wider.resolve("out/secret.txt")).isEqualTo(root.resolve("out/secret.txt"));
        assertOutside(wider, "/etc/passwd");
    }

    @Test
    void aPathWithANulCharacterIsRefused() {
        assertThatThrownBy(() -> boundary.resolve("src/App.java\0.txt"))
                .isInstanceOf(OutsideWorkspaceException.class)
                .hasMessage("the path contains a NUL character");
    }

    @Test
    void anEmptyPathIsRefused() {
        assertThatThrownBy(() -> boundary.resolve("  "))
                .isInstanceOf(OutsideWorkspaceException.class)
                .hasMessage("the path is empty: give a path relative to the workspace");
        assertThatThrownBy(() -> boundary.resolve(null)).isInstanceOf(OutsideWorkspaceException.class);
    }

    @Test
    void relativeGivesForwardSlashPathsUnderTheRoot() {
        assertThat(boundary.relative(root.resolve("src/App.java"))).isEqualTo("src/App.java");
        assertThat(boundary.relative(root.resolve("src/../README.md"))).isEqualTo("README.md");
        assertThat(boundary.relative(root)).isEqualTo(".");
    }

    @Test
    void relativeGivesTheAbsolutePathOutsideTheRoot() {
        assertThat(boundary.relative(outside.resolve("secret.txt"))).isEqualTo(outside.resolve("secret.txt").toString());
    }

    @Test
    void aRootReachedThroughASymlinkIsTheRealDirectory() throws IOException {
        Path alias = Files.createSymbolicLink(root.resolveSibling("ws-alias"), root);
        WorkspaceBoundary viaAlias = new WorkspaceBoundary(alias, List.of());
        assertThat(viaAlias.root()).isEqualTo(root);
        assertThat(viaAlias.resolve("src/App.java")).isEqualTo(root.resolve("src/App.java"));
    }

    @Test
    void relativeSeesThroughASymlinkToTheRoot() throws IOException {
        // The workspace is detected without resolving symlinks, so the model sees (and writes) paths under
        // the alias; permission rules must still see them as workspace-relative.
        Path alias = Files.createSymbolicLink(root.resolveSibling("ws-alias"), root);
        Path viaAlias = boundary.resolve(alias.resolve("src/App.java").toString());
        assertThat(boundary.relative(viaAlias)).isEqualTo("src/App.java");
        assertThat(boundary.relative(alias)).isEqualTo(".");
    }
}
