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
import dev.reaper.tools.builtin.BuiltinTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workspace's files as resources and the mode prompts of {@code reaper mcp serve}, over the protocol. */
class ServerFeaturesTest {

    @TempDir
    Path root;

    @TempDir
    Path outside;

    private McpWire serve() throws Exception {
        PermissionRules rules = PermissionRules.parse(List.of(), List.of(), List.of("read(.env)", "read(secret/**)"));
        ServerTools tools = new ServerTools(BuiltinTools.all(() -> {
            throw new IllegalStateException("no repo map in this test");
        }), PermissionMode.DEFAULT, rules, new WorkspaceBoundary(root, List.of()), new IgnoreRules(root), Map.of());
        return new McpWire(new McpServer(ServerFeatures.of(tools), AuditLog.NONE, "test", ServerFeatures.INSTRUCTIONS));
    }

    private String uri(Path p) throws Exception {
        return p.toRealPath().toUri().toString();
    }

    @Test
    void listsAndReadsTheVisibleFiles() throws Exception {
        Files.writeString(root.resolve("a.txt"), "alpha\n");
        Files.write(root.resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 1});
        Files.writeString(root.resolve(".env"), "TOKEN=x\n");
        Files.writeString(root.resolve(".gitignore"), "build/\n");
        Files.createDirectories(root.resolve("build"));
        Files.writeString(root.resolve("build/out.txt"), "generated\n");
        try (McpWire w = serve()) {
            JsonNode init = w.call(1, "initialize", "{\"protocolVersion\":\"2025-11-25\"}");
            assertThat(init.at("/result/capabilities/resources/subscribe").asBoolean()).isTrue();
            assertThat(init.at("/result/capabilities/prompts").isObject()).isTrue();
            List<String> names = new ArrayList<>();
            w.call(2, "resources/list", "{}").at("/result/resources").forEach(r -> names.add(r.path("name").asText()));
            assertThat(names).contains("a.txt", "logo.png").doesNotContain(".env", "build/out.txt");

            JsonNode text = w.call(3, "resources/read", "{\"uri\":\"" + uri(root.resolve("a.txt")) + "\"}");
            assertThat(text.at("/result/contents/0/text").asText()).isEqualTo("alpha\n");
            JsonNode blob = w.call(4, "resources/read", "{\"uri\":\"" + uri(root.resolve("logo.png")) + "\"}");
            assertThat(blob.at("/result/contents/0/mimeType").asText()).isEqualTo("image/png");
            assertThat(Base64.getDecoder().decode(blob.at("/result/contents/0/blob").asText())).hasSize(7);
        }
    }

    @Test
    void refusesWhatMayNotBeRead() throws Exception {
        Files.writeString(root.resolve(".env"), "TOKEN=x\n");
        Files.writeString(outside.resolve("secret.txt"), "no\n");
        Files.write(root.resolve("big.txt"), new byte[(int) ServerResources.MAX_BYTES + 1]);
        try (McpWire w = serve()) {
            JsonNode denied = w.call(1, "resources/read", "{\"uri\":\"" + uri(root.resolve(".env")) + "\"}");
            assertThat(denied.at("/error/code").asInt()).isEqualTo(-32602);
            assertThat(denied.toString()).doesNotContain("TOKEN");
            JsonNode out = w.call(2, "resources/read", "{\"uri\":\"" + uri(outside.resolve("secret.txt")) + "\"}");
            assertThat(out.at("/error/message").asText()).contains("outside the workspace");
            assertThat(w.call(3, "resources/read", "{\"uri\":\"" + uri(root) + "no-such\"}").at("/error/code").asInt())
                    .isEqualTo(-32002);
            assertThat(w.call(4, "resources/read", "{\"uri\":\"https://example.com/x\"}").at("/error/code").asInt())
                    .isEqualTo(-32002);
            assertThat(w.call(5, "resources/read", "{\"uri\":\"" + uri(root.resolve("big.txt")) + "\"}")
                    .at("/error/message").asText()).contains("KiB");

            // a symlink to a denied file, and one leading outside: refused, where the link is named
            Files.createDirectories(root.resolve("secret"));
            Files.writeString(root.resolve("secret/key"), "KEY-123\n");
            Files.createSymbolicLink(root.resolve("k"), root.resolve("secret/key"));
            Files.createSymbolicLink(root.resolve("out"), outside.resolve("secret.txt"));
            String link = root.toRealPath().resolve("k").toUri().toString();
            JsonNode viaLink = w.call(6, "resources/read", "{\"uri\":\"" + link + "\"}");
            assertThat(viaLink.at("/error/code").asInt()).isEqualTo(-32602);
            assertThat(viaLink.toString()).doesNotContain("KEY-123");
            JsonNode subscribe = w.call(7, "resources/subscribe", "{\"uri\":\"" + link + "\"}");
            assertThat(subscribe.at("/error/code").asInt()).isEqualTo(-32602);
            String out2 = root.toRealPath().resolve("out").toUri().toString();
            assertThat(w.call(8, "resources/read", "{\"uri\":\"" + out2 + "\"}").at("/error/message").asText())
                    .contains("outside the workspace");
        }
    }

    @Test
    void promptsAttachTheCodeOrSayWhatIsMissing() throws Exception {
        Files.writeString(root.resolve("calc.py"), "def add(a, b):\n    return a + b\n");
        try (McpWire w = serve()) {
            List<String> names = new ArrayList<>();
            w.call(1, "prompts/list", "{}").at("/result/prompts").forEach(p -> names.add(p.path("name").asText()));
            assertThat(names).containsExactly("explain", "tests", "review");
            JsonNode tests = w.call(2, "prompts/get", "{\"name\":\"tests\",\"arguments\":{\"path\":\"calc.py\"}}");
            assertThat(tests.at("/result/messages/0/content/text").asText()).startsWith("Write tests for calc.py");
            assertThat(tests.at("/result/messages/1/content/text").asText()).contains("return a + b");
            assertThat(w.call(3, "prompts/get", "{\"name\":\"tests\",\"arguments\":{}}").at("/error/message").asText())
                    .contains("path");
            assertThat(w.call(4, "prompts/get", "{\"name\":\"explain\",\"arguments\":{\"path\":\"../x\"}}")
                    .at("/error/code").asInt()).isEqualTo(-32602);
            assertThat(w.call(5, "prompts/get", "{\"name\":\"nope\"}").at("/error/code").asInt()).isEqualTo(-32602);
            JsonNode done = w.call(6, "completion/complete", "{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"explain\"},"
                    + "\"argument\":{\"name\":\"path\",\"value\":\"ca\"}}");
            assertThat(done.at("/result/completion/values/0").asText()).isEqualTo("calc.py");
        }
    }
}
