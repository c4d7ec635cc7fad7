package dev.reaper.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reaper.config.McpConfig;
import dev.reaper.json.Json;
import dev.reaper.testing.Peers;
import dev.reaper.testing.ToolWorkspace;
import dev.reaper.tools.Tool;
import dev.reaper.tools.ToolRegistry;
import dev.reaper.tools.ToolFailure;
import dev.reaper.tools.ToolOutput;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The servers of a workspace as a session sees them: the tools of those that start (and the resource tools),
 * each failure said once, and nothing left running after close.
 */
class McpServersTest {

    @TempDir
    Path root;

    McpServers servers(McpConfig.Server... servers) {
        return new McpServers(new McpConfig(List.of(servers), List.of()), root, System.getenv(), McpClientTest.QUICK,
                Duration.ofMillis(500), "test");
    }

    static McpConfig.Server stdio(String name, String... command) {
        return new McpConfig.Server(name, new McpConfig.Stdio(List.of(command), Map.of()), "test");
    }

    @Test
    void theToolsOfTheServersThatStartAndEachFailureOnce() throws Exception {
        String everything = Peers.program("mcp-server-everything").toString();
        List<String> notices = new ArrayList<>();
        McpConfig.Server missing = stdio("missing", root.resolve("nope").toString());
        try (McpServers s = servers(stdio("everything", everything), missing)) {
            List<String> names = s.tools(notices::add).stream().map(Tool::name).toList();
            List<String> again = s.tools(notices::add).stream().map(Tool::name).toList();

            assertThat(names).contains("mcp__everything__echo", "mcp__everything__get-sum",
                    "mcp_list_resources", "mcp_read_resource").noneMatch(n -> n.startsWith("mcp__missing"));
            assertThat(again).isEqualTo(names);
            assertThat(notices).singleElement().asString().startsWith("MCP server missing could not be started")
                    .endsWith("its tools are not available in this session");
            assertThat(s.statuses()).extracting(st -> st.tools().isPresent()).containsExactly(true, false);
        }
    }

    @Test
    void resourcesAreListedAndRead() throws Exception {
        String everything = Peers.program("mcp-server-everything").toString();
        ToolWorkspace ws = new ToolWorkspace(root);
        try (McpServers s = servers(stdio("everything", everything))) {
            List<Tool> tools = s.tools(n -> { });
            Tool list = tools.stream().filter(t -> t.name().equals("mcp_list_resources")).findFirst().orElseThrow();
            Tool read = tools.stream().filter(t -> t.name().equals("mcp_read_resource")).findFirst().orElseThrow();

            ToolOutput listed = list.run(Json.object(), ws.context());
            assertThat(listed.text()).contains("everything: demo://resource/static/document/",
                    "everything: template demo://resource/dynamic/text/{resourceId}");
            ToolOutput templated = read.run(Json.parse("{\"server\":\"everything\",\"uri\":"
                    + "\"demo://resource/dynamic/text/7\"}"), ws.context());
            assertThat(templated.text()).startsWith("[resource demo://resource/dynamic/text/7]");
            String uri = listed.text().lines().filter(l -> l.contains("demo://resource/static/document/")).findFirst()
                    .orElseThrow().replaceFirst("^everything: (\\S+).*$", "$1");
            ToolOutput content = read.run(Json.parse("{\"server\":\"everything\",\"uri\":\"" + uri + "\"}"),
                    ws.context());
            assertThat(content.isError()).isFalse();
            assertThat(content.text()).startsWith("[resource " + uri + "]\n").hasSizeGreaterThan(uri.length() + 20);
        }
    }

    @Test
    void namesAreCleanedAndCutForProviders() {
        assertThat(ToolNames.of("my server", "do.it/now")).isEqualTo("mcp__my_server__do_it_now");
        assertThat(ToolNames.of("s", "x".repeat(100))).hasSize(64).startsWith("mcp__s__xxx");
    }

    @Test
    void contentBlocksBecomeTextForTheModel() {
        ToolOutput out = ToolResults.output(Json.parse("""
                {"content": [{"type": "text", "text": "hello"},
                  {"type": "image", "mimeType": "image/png", "data": "iVBORw0KGgo="},
                  {"type": "resource", "resource": {"uri": "file:///a.txt", "text": "A"}},
                  {"type": "resource_link", "uri": "file:///b.txt", "name": "b"}],
                 "isError": true}
                """));
        assertThat(out).isEqualTo(ToolOutput.error("hello\n[image: image/png, 8 bytes, not shown]\n"
                + "[resource file:///a.txt]\nA\n[resource link: file:///b.txt b]"));
        assertThat(ToolResults.output(Json.parse("{\"content\": [], \"structuredContent\": {\"t\": 1}}")))
                .isEqualTo(ToolOutput.ok("{\"t\":1}"));
    }

    @Test
    void closingStopsEveryServer() throws Exception {
        String everything = Peers.program("mcp-server-everything").toString();
        McpServers s = servers(stdio("a", everything), stdio("b", everything));
        s.tools(n -> { });
        List<ProcessHandle> running = ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("server-everything")).toList();
        assertThat(running).isNotEmpty();

        s.close();

        assertThat(running).noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void variablesAreExpandedWhenAServerStarts() throws Exception {
        Variables vars = new Variables("gh", Map.of("TOKEN", "abc", "EMPTY", ""));

        assertThat(vars.expand("Bearer ${TOKEN}", "its headers")).isEqualTo("Bearer abc");
        assertThat(vars.expand("${EMPTY:-x}/${MISSING:-https://d.example}", "its url"))
                .isEqualTo("x/https://d.example");
        assertThat(vars.expand("cost: $5 {not a ref}", "its command")).isEqualTo("cost: $5 {not a ref}");
        assertThatThrownBy(() -> vars.expand("Bearer ${GH_TOKEN}", "its headers"))
                .hasMessage("MCP server gh uses ${GH_TOKEN} in its headers, which is not set");

        String everything = Peers.program("mcp-server-everything").toString();
        Path bin = Path.of(everything).getParent();
        try (McpServers s = new McpServers(new McpConfig(List.of(stdio("e", "${PEERS_BIN}/mcp-server-everything")),
                List.of()), root, Map.of("PEERS_BIN", bin.toString(), "PATH", System.getenv("PATH")),
                McpClientTest.QUICK, Duration.ofMillis(500), "test")) {
            assertThat(s.tools(n -> { }).stream().map(Tool::name)).contains("mcp__e__echo");
        }
    }

    @Test
    void aServerThatDiesMidSessionMakesItsToolsFailWithTheReason() throws Exception {
        String everything = Peers.program("mcp-server-everything").toString();
        ToolWorkspace ws = new ToolWorkspace(root);
        try (McpServers s = servers(stdio("e", everything))) {
            Tool echo = s.tools(n -> { }).stream().filter(t -> t.name().equals("mcp__e__echo")).findFirst()
                    .orElseThrow();
            ProcessHandle.current().descendants()
                    .filter(p -> p.info().commandLine().orElse("").contains("server-everything"))
                    .forEach(ProcessHandle::destroyForcibly);

            assertThatThrownBy(() -> {
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (System.nanoTime() < deadline) {
                    echo.run(Json.parse("{\"message\":\"x\"}"), ws.context());
                    Thread.sleep(50);
                }
            }).isInstanceOf(ToolFailure.class).hasMessageStartingWith("MCP server e exited (code");
        }
    }

    @Test
    void aServersChangedToolListIsWhatSessionsSeeNext() throws Exception {
        Path script = McpClientTest.pagingScript(root, root.resolve("cancelled.log"));
        ToolWorkspace ws = new ToolWorkspace(root);
        try (McpServers s = servers(stdio("pager", "node", script.toString()))) {
            assertThat(s.tools(n -> { })).extracting(Tool::name).containsExactly("mcp__pager__first",
                    "mcp__pager__second");
            ToolRegistry registry = new ToolRegistry(List.of(), s::current);

            assertThat(s.current()).isSameAs(s.current()); // built once per list

            assertThat(registry.find("mcp__pager__first").orElseThrow().run(Json.object(), ws.context()).text())
                    .isEqualTo("changed");

            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (registry.names().size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(registry.names()).containsExactly("mcp__pager__first", "mcp__pager__second",
                    "mcp__pager__third");
        }
    }

    @Test
    void aServersOwnStartTimeoutApplies() {
        McpConfig.Server mute = new McpConfig.Server("mute", new McpConfig.Stdio(List.of("sleep", "600"), Map.of()),
                "test", Optional.of(Duration.ofSeconds(1)), Optional.empty());
        try (McpServers s = servers(mute)) {
            assertThat(s.statuses()).singleElement().extracting(st -> st.failure().orElseThrow())
                    .isEqualTo("MCP server mute did not answer initialize within 1 s");
        }
    }
}
