package dev.reaper.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reaper.json.Json;
import dev.reaper.mcp.client.HttpTransport;
import dev.reaper.mcp.client.McpClient;
import dev.reaper.protocol.Cancellation;
import dev.reaper.testing.Peers;
import dev.reaper.tools.ToolOutput;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client over Streamable HTTP, against server-everything in its streamableHttp mode. */
class HttpTransportTest {

    @TempDir
    Path root;

    Process server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.destroy();
            server.toHandle().descendants().forEach(ProcessHandle::destroy);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    URI startEverything() throws Exception {
        Path program = Peers.program("mcp-server-everything");
        int port = freePort();
        ProcessBuilder pb = new ProcessBuilder(List.of(program.toString(), "streamableHttp")).directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(root.resolve("server.log").toFile());
        pb.environment().put("PORT", String.valueOf(port));
        server = pb.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return URI.create("http://127.0.0.1:" + port + "/mcp");
            } catch (IOException e) {
                if (System.nanoTime() > deadline || !server.isAlive()) {
                    throw new AssertionError("server-everything did not listen on " + port, e);
                }
                Thread.sleep(100);
            }
        }
    }

    @Test
    void initializeListAndCallOverHttp() throws Exception {
        URI url = startEverything();
        try (McpClient c = new McpClient("web", new HttpTransport("web", url, Map.of("X-Test", "1"),
                Duration.ofSeconds(5)), root, McpClientTest.QUICK)) {
            assertThat(c.initialize("test").protocolVersion()).isEqualTo("2025-11-25");
            assertThat(c.listTools()).extracting(McpClient.ToolSpec::name).contains("echo", "get-sum");
            assertThat(ToolResults.output(c.callTool("echo", Json.parse("{\"message\":\"over http\"}"),
                    new Cancellation()))).isEqualTo(ToolOutput.ok("Echo: over http"));
            assertThat(ToolResults.output(c.callTool("get-sum", Json.parse("{\"a\":20,\"b\":22}"),
                    new Cancellation())).text()).contains("42");
        }
    }

    @Test
    void anUnreachableServerIsAClearErrorWithoutItsHeaders() throws Exception {
        int port = freePort();
        try (McpClient c = new McpClient("gone", new HttpTransport("gone", URI.create("http://127.0.0.1:" + port
                + "/mcp"), Map.of("Authorization", "Bearer sekrit"), Duration.ofSeconds(2)), root,
                McpClientTest.QUICK)) {
            assertThatThrownBy(() -> c.initialize("test")).isInstanceOf(McpFailure.class)
                    .hasMessageStartingWith("MCP server gone: cannot reach http://127.0.0.1:" + port + "/mcp")
                    .message().doesNotContain("sekrit");
        }
    }
}
