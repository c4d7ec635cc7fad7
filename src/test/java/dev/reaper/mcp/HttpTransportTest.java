package dev.reaper.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reaper.json.Json;
import dev.reaper.mcp.client.HttpTransport;
import dev.reaper.mcp.client.McpClient;
import dev.reaper.protocol.Cancellation;
import dev.reaper.testing.Peers;
import dev.reaper.tools.ToolOutput;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
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

    /**
     * A loopback server that gives a new session at each initialize and forgets it on demand: a request with a
     * forgotten session gets 404, after which the client must initialize again and retry.
     */
    @Test
    void aForgottenSessionIsInitializedAgainAndTheRequestRetried() throws Exception {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        String[] valid = {null};
        int[] sessions = {0};
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/mcp", ex -> {
            JsonNode m = Json.parse(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String session = ex.getRequestHeaders().getFirst("Mcp-Session-Id");
            String method = m.path("method").asText();
            seen.add(method + " session=" + session + " version="
                    + ex.getRequestHeaders().getFirst("MCP-Protocol-Version"));
            if (method.equals("initialize")) {
                valid[0] = "s" + ++sessions[0];
                ex.getResponseHeaders().add("Mcp-Session-Id", valid[0]);
                reply(ex, 200, "{\"jsonrpc\":\"2.0\",\"id\":" + m.get("id") + ",\"result\":{\"protocolVersion\":"
                        + "\"2025-06-18\",\"capabilities\":{},\"serverInfo\":{\"name\":\"f\",\"version\":\"1\"}}}");
            } else if (!valid[0].equals(session)) {
                reply(ex, 404, "");
            } else if (!m.has("id")) {
                reply(ex, 202, "");
            } else {
                reply(ex, 200, "{\"jsonrpc\":\"2.0\",\"id\":" + m.get("id")
                        + ",\"result\":{\"tools\":[{\"name\":\"t\",\"inputSchema\":{\"type\":\"object\"}}]}}");
            }
        });
        http.start();
        URI url = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/mcp");
        try (McpClient c = new McpClient("f", new HttpTransport("f", url, Map.of(), Duration.ofSeconds(5)), root,
                McpClientTest.QUICK)) {
            c.initialize("test");
            while (seen.size() < 2) {
                Thread.sleep(10); // notifications/initialized is on its way
            }
            valid[0] = "forgotten";

            assertThat(c.listTools()).extracting(McpClient.ToolSpec::name).containsExactly("t");
        } finally {
            http.stop(0);
        }
        assertThat(seen).containsSubsequence("initialize session=null version=null",
                "notifications/initialized session=s1 version=2025-06-18",
                "tools/list session=s1 version=2025-06-18",
                "initialize session=null version=2025-06-18",
                "notifications/initialized session=s2 version=2025-06-18",
                "tools/list session=s2 version=2025-06-18");
    }

    /** A loopback server that says, on its GET stream, that its tools changed; the client lists them again. */
    @Test
    void whatTheServerSendsOnItsStreamIsHandled() throws Exception {
        int[] lists = {0};
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/mcp", ex -> {
            if (ex.getRequestMethod().equals("GET")) {
                ex.getResponseHeaders().add("Content-Type", "text/event-stream");
                ex.sendResponseHeaders(200, 0);
                ex.getResponseBody().write(("data: {\"jsonrpc\":\"2.0\",\"method\":"
                        + "\"notifications/tools/list_changed\"}\n\n").getBytes(StandardCharsets.UTF_8));
                ex.getResponseBody().flush();
                ex.close();
                return;
            }
            if (ex.getRequestMethod().equals("DELETE")) {
                reply(ex, 200, "");
                return;
            }
            JsonNode m = Json.parse(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String method = m.path("method").asText();
            if (method.equals("initialize")) {
                reply(ex, 200, "{\"jsonrpc\":\"2.0\",\"id\":" + m.get("id") + ",\"result\":{\"protocolVersion\":"
                        + "\"2025-11-25\",\"capabilities\":{},\"serverInfo\":{\"name\":\"f\",\"version\":\"1\"}}}");
            } else if (!m.has("id")) {
                reply(ex, 202, "");
            } else {
                String tool = ++lists[0] == 1 ? "old" : "new";
                reply(ex, 200, "{\"jsonrpc\":\"2.0\",\"id\":" + m.get("id") + ",\"result\":{\"tools\":[{\"name\":\""
                        + tool + "\",\"inputSchema\":{\"type\":\"object\"}}]}}");
            }
        });
        http.start();
        URI url = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/mcp");
        try (McpClient c = new McpClient("f", new HttpTransport("f", url, Map.of(), Duration.ofSeconds(5)), root,
                McpClientTest.QUICK)) {
            c.initialize("test");
            c.listTools();

            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!c.tools().get(0).name().equals("new") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(c.tools()).extracting(McpClient.ToolSpec::name).containsExactly("new");
        } finally {
            http.stop(0);
        }
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
        ex.close();
    }
}
