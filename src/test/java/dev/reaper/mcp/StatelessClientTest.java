package dev.reaper.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.json.Json;
import dev.reaper.mcp.client.McpClient;
import dev.reaper.mcp.client.StdioTransport;
import dev.reaper.protocol.Cancellation;
import dev.reaper.testing.Peers;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stateless MCP revision (2026-07-28) over stdio, against a server of the official TypeScript SDK v2: Reaper
 * finds it with {@code server/discover} and then names the revision in every request; a server of an earlier
 * revision answers the probe with an error and is initialised as before.
 */
class StatelessClientTest {

    @TempDir
    Path root;

    private McpClient connect(String... args) throws Exception {
        Path node = Peers.node22();
        Path modules = Peers.node22Tool("conformance").getParent().getParent();
        Path script = root.resolve("stateless-server.cjs");
        try (InputStream in = StatelessClientTest.class.getResourceAsStream("/mcp/stateless-server.cjs")) {
            Files.copy(in, script);
        }
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("NODE_PATH", modules.toString());
        List<String> command = new java.util.ArrayList<>(List.of(node.toString(), script.toString()));
        command.addAll(List.of(args));
        StdioTransport t = StdioTransport.launch("stateless", command, root, env, Duration.ofMillis(500));
        return new McpClient("stateless", t, root, McpClientTest.QUICK);
    }

    @Test
    void aStatelessOnlyServerIsFoundAndUsed() throws Exception {
        try (McpClient c = connect("reject")) {
            McpClient.ServerInfo info = c.initialize("test");
            assertThat(c.stateless()).isTrue();
            assertThat(info.protocolVersion()).isEqualTo("2026-07-28");
            assertThat(info.name()).isEqualTo("stateless");
            assertThat(c.listTools()).extracting(McpClient.ToolSpec::name).containsExactly("add");
            JsonNode r = c.callTool("add", Json.parse("{\"a\":2,\"b\":3}"), new Cancellation());
            assertThat(r.at("/content/0/text").asText()).isEqualTo("5");
        }
    }

    @Test
    void aServerOfBothRevisionsIsSpokenToStatelessly() throws Exception {
        try (McpClient c = connect()) {
            c.initialize("test");
            assertThat(c.stateless()).isTrue();
            assertThat(c.callTool("add", Json.parse("{\"a\":1,\"b\":1}"), new Cancellation()).at("/content/0/text")
                    .asText()).isEqualTo("2");
        }
    }

    @Test
    void anEarlierServerIsInitialisedAfterTheProbe() throws Exception {
        StdioTransport t = StdioTransport.launch("everything", List.of(Peers.program("mcp-server-everything")
                .toString()), root, System.getenv(), Duration.ofMillis(500));
        try (McpClient c = new McpClient("everything", t, root, McpClientTest.QUICK)) {
            assertThat(c.initialize("test").protocolVersion()).isEqualTo("2025-11-25");
            assertThat(c.stateless()).isFalse();
            assertThat(c.callTool("get-sum", Json.parse("{\"a\":2,\"b\":3}"), new Cancellation()).toString())
                    .contains("5");
        }
    }
}
