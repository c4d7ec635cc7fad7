package dev.reaper.tools.builtin;

import static dev.reaper.testing.ToolWorkspace.args;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reaper.context.IgnoreRules;
import dev.reaper.policy.WorkspaceBoundary;
import dev.reaper.repomap.RepoMap;
import dev.reaper.testing.Peers;
import dev.reaper.testing.PolyglotRepo;
import dev.reaper.testing.ToolWorkspace;
import dev.reaper.tools.ToolContext;
import dev.reaper.tools.ToolOutput;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepoMapToolTest {

    @TempDir
    Path root;

    @TempDir
    Path cache;

    ToolWorkspace ws;
    RepoMap map;
    RepoMapTool tool;

    @BeforeEach
    void setUp() {
        Peers.require("ctags");
        PolyglotRepo.write(root);
        ws = new ToolWorkspace(root);
        map = RepoMap.open(ws.root(), new IgnoreRules(ws.root()), cache);
        tool = new RepoMapTool(() -> map);
    }

    @AfterEach
    void tearDown() {
        if (map != null) {
            map.close();
        }
    }

    @Test
    void withoutArgumentsTheMapStartsWithTheMostUsedFile() throws Exception {
        ToolOutput out = ws.run(tool, "{}");

        assertThat(out.isError()).isFalse();
        assertThat(out.text().lines().toList()).element(1).isEqualTo("java/com/ex/model/Account.java:");
        assertThat(out.text()).contains("│export function totalArea(shapes: Shape[]): number {");
    }

    @Test
    void aFocusAndABudgetShapeTheMap() throws Exception {
        ToolOutput out = ws.run(tool, args("focus", "totalArea", "max_tokens", 100));

        assertThat(out.text()).startsWith("Repository map: ").contains("(focus: totalArea)");
        assertThat(out.text().lines().toList()).element(1).isEqualTo("web/src/shapes.ts:");
        assertThat(out.text().length()).isLessThanOrEqualTo(100 * 4);
    }

    @Test
    void filesKeptFromReadingAreNotShown() throws Exception {
        ToolContext denyingPython = new ToolContext(new WorkspaceBoundary(ws.root(), List.of()),
                new IgnoreRules(ws.root()), ws.cancellation(), (p, b, a) -> { }, ToolWorkspace.defaultEnvironment(),
                path -> !path.startsWith("py/"));

        ToolOutput out = tool.run(dev.reaper.json.Json.parse("{}"), denyingPython);

        assertThat(out.text()).doesNotContain("py/").contains("java/com/ex/model/Account.java");
    }

    @Test
    void aWorkspaceWithoutSourcesSaysSo(@TempDir Path empty) throws Exception {
        ToolWorkspace bare = new ToolWorkspace(empty);
        bare.write("notes.md", "# notes\n");
        try (RepoMap none = RepoMap.open(bare.root(), new IgnoreRules(bare.root()), cache)) {
            ToolOutput out = bare.run(new RepoMapTool(() -> none), "{}");

            assertThat(out).isEqualTo(ToolOutput.ok("The workspace has no source files to map."));
        }
    }

    @Test
    void theCallReadsTheWholeWorkspace() throws Exception {
        assertThat(tool.targets(dev.reaper.json.Json.parse("{}"), ws.context())).isNotEmpty();
        assertThat(tool.kind()).isEqualTo(dev.reaper.policy.ToolKind.READ);
    }
}
