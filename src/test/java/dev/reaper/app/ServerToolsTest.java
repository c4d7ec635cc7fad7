package dev.reaper.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.context.IgnoreRules;
import dev.reaper.mcp.server.AuditLog;
import dev.reaper.mcp.server.McpServer;
import dev.reaper.mcp.server.McpWire;
import dev.reaper.policy.PermissionMode;
import dev.reaper.policy.PermissionRules;
import dev.reaper.policy.WorkspaceBoundary;
import dev.reaper.testing.Peers;
import dev.reaper.tools.builtin.BuiltinTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code reaper mcp serve}'s tools over the protocol, in a real workspace, under each permission mode. */
class ServerToolsTest {

    @TempDir
    Path root;

    private McpWire serve(PermissionMode mode, PermissionRules rules) throws Exception {
        ServerTools tools = new ServerTools(BuiltinTools.all(() -> {
            throw new IllegalStateException("no repo map in this test");
        }), mode, rules, new WorkspaceBoundary(root, List.of()), new IgnoreRules(root), Map.of());
        return new McpWire(new McpServer(tools, AuditLog.NONE, "test"));
    }

    private static String write(String path, String content) {
        return "{\"name\":\"write\",\"arguments\":{\"path\":\"" + path + "\",\"content\":\"" + content + "\"}}";
    }

    @Test
    void listsTheWorkspaceToolsWithTheirSchemas() throws Exception {
        try (McpWire w = serve(PermissionMode.DEFAULT, PermissionRules.NONE)) {
            JsonNode tools = w.call(1, "tools/list", "{}").at("/result/tools");
            List<String> names = new ArrayList<>();
            tools.forEach(t -> names.add(t.path("name").asText()));
            assertThat(names).contains("read", "write", "edit", "apply_patch", "glob", "grep", "list", "bash",
                    "git_status", "git_diff", "git_log", "git_blame", "repo_map").doesNotContain("todo");
            tools.forEach(t -> {
                assertThat(t.at("/inputSchema/type").asText()).as(t.path("name").asText()).isEqualTo("object");
                assertThat(t.path("description").asText()).isNotBlank();
            });
        }
    }

    @Test
    void readReturnsTheFileText() throws Exception {
        Files.writeString(root.resolve("a.txt"), "hello from a\n");
        try (McpWire w = serve(PermissionMode.DEFAULT, PermissionRules.NONE)) {
            JsonNode r = w.call(1, "tools/call", "{\"name\":\"read\",\"arguments\":{\"path\":\"a.txt\"}}");
            assertThat(r.at("/result/isError").asBoolean()).isFalse();
            assertThat(r.at("/result/content/0/text").asText()).contains("hello from a");
            JsonNode missing = w.call(2, "tools/call", "{\"name\":\"read\",\"arguments\":{\"path\":\"no.txt\"}}");
            assertThat(missing.at("/result/isError").asBoolean()).isTrue();
            JsonNode invalid = w.call(3, "tools/call", "{\"name\":\"read\",\"arguments\":{}}");
            assertThat(invalid.at("/result/isError").asBoolean()).isTrue();
            assertThat(invalid.at("/result/content/0/text").asText()).contains("Invalid arguments");
        }
    }

    @Test
    void writeIsDeniedInDefaultModeWithHowToAllowIt() throws Exception {
        try (McpWire w = serve(PermissionMode.DEFAULT, PermissionRules.NONE)) {
            JsonNode r = w.call(1, "tools/call", write("b.txt", "new"));
            assertThat(r.has("error")).isFalse();
            assertThat(r.at("/result/isError").asBoolean()).isTrue();
            assertThat(r.at("/result/content/0/text").asText()).contains("Permission denied for write")
                    .contains("--permission-mode acceptEdits");
            JsonNode bash = w.call(2, "tools/call", "{\"name\":\"bash\",\"arguments\":{\"command\":\"touch c\"}}");
            assertThat(bash.at("/result/isError").asBoolean()).isTrue();
        }
        assertThat(root.resolve("b.txt")).doesNotExist();
        assertThat(root.resolve("c")).doesNotExist();
    }

    @Test
    void writeIsAllowedWithAcceptEdits() throws Exception {
        try (McpWire w = serve(PermissionMode.ACCEPT_EDITS, PermissionRules.NONE)) {
            JsonNode r = w.call(1, "tools/call", write("b.txt", "new"));
            assertThat(r.at("/result/isError").asBoolean()).as(r.toString()).isFalse();
        }
        assertThat(root.resolve("b.txt")).hasContent("new");
    }

    @Test
    void permissionRulesApply() throws Exception {
        Files.writeString(root.resolve(".env"), "KEY=1\n");
        PermissionRules rules = PermissionRules.parse(List.of("write"), List.of(), List.of("read(.env)"));
        try (McpWire w = serve(PermissionMode.DEFAULT, rules)) {
            assertThat(w.call(1, "tools/call", write("d.txt", "x")).at("/result/isError").asBoolean()).isFalse();
            JsonNode env = w.call(2, "tools/call", "{\"name\":\"read\",\"arguments\":{\"path\":\".env\"}}");
            assertThat(env.at("/result/isError").asBoolean()).isTrue();
            assertThat(env.at("/result/content/0/text").asText()).doesNotContain("KEY=1");
        }
        assertThat(root.resolve("d.txt")).hasContent("x");
    }

    @Test
    void aCancelledBashCallIsKilled() throws Exception {
        Peers.require("bash");
        long start = System.nanoTime();
        try (McpWire w = serve(PermissionMode.BYPASS, PermissionRules.NONE)) {
            w.request(1, "tools/call", "{\"name\":\"bash\",\"arguments\":{\"command\":\"sleep 30 && touch late\"}}");
            assertThat(w.call(2, "ping", "{}").path("id").asInt()).isEqualTo(2);
            Thread.sleep(300);
            w.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":1}}");
            assertThat(w.call(3, "ping", "{}").path("id").asInt()).isEqualTo(3);
            assertThat(w.poll(500)).as("no answer to a cancelled call").isNull();
        }
        // the server returned without waiting out its drain time: the command was killed, not waited for
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        assertThat(root.resolve("late")).doesNotExist();
    }
}
