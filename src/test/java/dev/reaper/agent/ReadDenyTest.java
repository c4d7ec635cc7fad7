package dev.reaper.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reaper.policy.PermissionMode;
import dev.reaper.policy.PermissionRules;
import dev.reaper.protocol.ContentBlock;
import dev.reaper.testing.TestRepo;
import dev.reaper.testing.ToolWorkspace;
import dev.reaper.tools.ToolContext;
import dev.reaper.tools.ToolRegistry;
import dev.reaper.tools.builtin.BuiltinTools;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A deny rule for reading holds for the tools that walk directories, not only for read itself. */
class ReadDenyTest {

    @TempDir
    Path root;

    ToolWorkspace ws;
    ToolExecutor executor;
    ToolContext context;

    @BeforeEach
    void setUp() {
        ws = new ToolWorkspace(root);
        ws.write("secrets/prod.env", "password=hunter2\n");
        ws.write("src/app.py", "password = input()\n");
        executor = new ToolExecutor(new ToolRegistry(BuiltinTools.all()), PermissionMode.BYPASS,
                PermissionRules.parse(List.of(), List.of(), List.of("read(secrets/**)")), Approver.NON_INTERACTIVE,
                e -> { });
        ToolContext base = ws.context();
        context = new ToolContext(base.workspace(), base.ignore(), base.cancel(), base.changes(), Map.of(),
                executor::mayRead);
    }

    private String run(String tool, String args) {
        return executor.execute(new ContentBlock.ToolUse("c1", tool, args), context).content();
    }

    @Test
    void grepSkipsDeniedFiles() {
        assertThat(run("grep", "{\"pattern\":\"password\"}")).contains("src/app.py").doesNotContain("hunter2")
                .doesNotContain("secrets/");
    }

    @Test
    void globAndListDoNotShowDeniedFiles() {
        assertThat(run("glob", "{\"pattern\":\"*\"}")).contains("src/app.py").doesNotContain("prod.env");
        assertThat(run("list", "{\"path\":\"secrets\"}")).doesNotContain("prod.env");
    }

    @Test
    void gitToolsDoNotShowDeniedFiles() {
        TestRepo repo = TestRepo.init(root);
        repo.commitAll("init");
        ws.write("secrets/prod.env", "password=hunter3\n");
        ws.write("src/app.py", "password = getpass()\n");

        assertThat(run("git_diff", "{}")).contains("getpass").doesNotContain("hunter");
        assertThat(run("git_blame", "{\"path\":\"secrets/prod.env\"}")).doesNotContain("hunter");
    }

    @Test
    void readOfADeniedFileIsDenied() {
        assertThat(run("read", "{\"path\":\"secrets/prod.env\"}")).startsWith("Permission denied");
    }
}
