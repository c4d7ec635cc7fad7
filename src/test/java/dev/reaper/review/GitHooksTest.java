package dev.reaper.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Installing and removing the hooks: idempotent, and a hook that was there is kept and restored. */
class GitHooksTest {

    @TempDir
    Path hooks;

    @Test
    void installingTwiceUpdatesInPlaceAndUninstallRemovesIt() throws IOException {
        GitHooks h = new GitHooks(hooks);
        assertThat(h.install("pre-commit", Severity.HIGH, "/opt/reaper").message()).startsWith("installed");
        assertThat(h.install("pre-commit", Severity.MEDIUM, "/opt/reaper").message()).startsWith("updated");
        String script = Files.readString(hooks.resolve("pre-commit"));
        assertThat(script).startsWith("#!/bin/sh\n").contains("--fail-on medium").contains("REAPER_SKIP_REVIEW")
                .contains("${REAPER:-/opt/reaper}");
        assertThat(Files.isExecutable(hooks.resolve("pre-commit"))).isTrue();
        assertThat(Files.exists(hooks.resolve("pre-commit.pre-reaper"))).isFalse();
        assertThat(h.uninstall("pre-commit").message()).isEqualTo("removed the Reaper pre-commit hook");
        assertThat(Files.exists(hooks.resolve("pre-commit"))).isFalse();
        assertThat(h.uninstall("pre-commit").message()).contains("nothing to remove");
    }

    @Test
    void anExistingHookIsKeptAndRestored() throws IOException {
        Files.writeString(hooks.resolve("pre-push"), "#!/bin/sh\nexit 0\n");
        GitHooks h = new GitHooks(hooks);
        assertThat(h.install("pre-push", Severity.CRITICAL, "reaper").message()).contains("existing hook is kept");
        assertThat(Files.readString(hooks.resolve("pre-push.pre-reaper"))).isEqualTo("#!/bin/sh\nexit 0\n");
        assertThat(Files.readString(hooks.resolve("pre-push"))).contains("input=$(cat)").contains("--range")
                .contains("done || exit $?");
        h.uninstall("pre-push");
        assertThat(Files.readString(hooks.resolve("pre-push"))).isEqualTo("#!/bin/sh\nexit 0\n");
        assertThat(Files.exists(hooks.resolve("pre-push.pre-reaper"))).isFalse();
    }

    @Test
    void anUnknownHookIsRefused() {
        assertThatThrownBy(() -> new GitHooks(hooks).install("post-merge", Severity.HIGH, "reaper"))
                .hasMessageContaining("pre-commit, pre-push");
    }
}
