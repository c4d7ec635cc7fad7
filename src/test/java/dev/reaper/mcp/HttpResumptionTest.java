package dev.reaper.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.reaper.json.Json;
import dev.reaper.mcp.client.HttpTransport;
import dev.reaper.mcp.client.McpClient;
import dev.reaper.protocol.Cancellation;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streamable HTTP resumption (MCP 2025-11-25, SEP-1699) against loopback servers that end event streams early:
 * the client remembers each stream's last event id, waits the {@code retry:} delay, and takes the stream up
 * again with GET and {@code Last-Event-ID}; where that cannot work it fails the request saying why, soon.
 */
class HttpResumptionTest {

    @TempDir
    Path root;

    HttpServer http;
    final List<String> gets = Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch stop = new CountDownLatch(1);

    @AfterEach
    void stopServer() {
        stop.countDown();
        if (http != null) {
            http.stop(0);
        }
    }

    /** What the fake server does with a GET, given its Last-Event-ID (or null) and the exchange. */
    interface OnGet {
        void handle(String lastEventId, HttpExchange ex) throws IOException;
    }

    /** What the fake server does with tools/call. */
    interface OnCall {
        void handle(JsonNode request, HttpExchange ex) throws IOException;
    }

    URI serve(OnCall onCall, OnGet onGet) throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        http.createContext("/mcp", ex -> {
            switch (ex.getRequestMethod()) {
                case "GET" -> {
                    String last = ex.getRequestHeaders().getFirst("Last-Event-ID");
                    gets.add(System.nanoTime() + " " + last);
                    onGet.handle(last, ex);
                }
                case "DELETE" -> json(ex, 200, "");
                default -> {
                    JsonNode m = Json.parse(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                    switch (m.path("method").asText()) {
                        case "initialize" -> json(ex, 200, "{\"jsonrpc\":\"2.0\",\"id\":" + m.get("id")
                                + ",\"result\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
                                + "\"serverInfo\":{\"name\":\"f\",\"version\":\"1\"}}}");
                        case "tools/call" -> onCall.handle(m, ex);
                        default -> json(ex, 202, "");
                    }
                }
            }
        });
        http.start();
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/mcp");
    }

    McpClient client(URI url, Duration timeout) throws McpFailure {
        McpClient c = new McpClient("f", new HttpTransport("f", url, Map.of(), Duration.ofSeconds(5)), root,
                new McpClient.Timeouts(timeout, timeout));
        c.initialize("test");
        return c;
    }

    static OutputStream events(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().add("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        return ex.getResponseBody();
    }

    static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    static String result(JsonNode id, String text) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\""
                + text + "\"}]}}";
    }

    static void json(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
        ex.close();
    }

    void holdOpen() {
        try {
            stop.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aReplyStreamEndedBeforeTheAnswerIsResumedWithLastEventIdAfterTheRetryDelay() throws Exception {
        JsonNode[] pendingCall = {null};
        long[] closedAt = {0};
        URI url = serve((m, ex) -> {
            pendingCall[0] = m.get("id");
            OutputStream out = events(ex);
            write(out, "id: call-1\nretry: 300\ndata: \n\n");
            closedAt[0] = System.nanoTime();
            ex.close();
        }, (last, ex) -> {
            if (last == null) {
                json(ex, 405, ""); // no stream of its own: only resumptions
                return;
            }
            OutputStream out = events(ex);
            write(out, ": resumed\nid: call-2\ndata: " + result(pendingCall[0], "after the break") + "\n\n");
            holdOpen();
            ex.close();
        });
        try (McpClient c = client(url, Duration.ofSeconds(10))) {
            JsonNode r = c.callTool("t", Json.object(), new Cancellation());

            assertThat(ToolResults.output(r).text()).isEqualTo("after the break");
        }
        List<String> resumed = gets.stream().filter(g -> !g.endsWith(" null")).toList();
        assertThat(resumed).hasSize(1);
        String[] at = resumed.get(0).split(" ");
        assertThat(at[1]).isEqualTo("call-1");
        assertThat(Duration.ofNanos(Long.parseLong(at[0]) - closedAt[0])).isGreaterThanOrEqualTo(
                Duration.ofMillis(290)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aResumedStreamThatEndsAgainIsResumedFromItsNewLastEvent() throws Exception {
        JsonNode[] pendingCall = {null};
        URI url = serve((m, ex) -> {
            pendingCall[0] = m.get("id");
            write(events(ex), "id: 1\nretry: 20\ndata: \n\n");
            ex.close();
        }, (last, ex) -> {
            if (last == null) {
                json(ex, 405, "");
            } else if (last.equals("1")) {
                write(events(ex), "id: 2\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\","
                        + "\"params\":{\"level\":\"info\",\"data\":\"half way\"}}\n\n");
                ex.close();
            } else {
                write(events(ex), "id: 3\ndata: " + result(pendingCall[0], "done") + "\n\n");
                ex.close();
            }
        });
        try (McpClient c = client(url, Duration.ofSeconds(10))) {
            assertThat(ToolResults.output(c.callTool("t", Json.object(), new Cancellation())).text())
                    .isEqualTo("done");
        }
        assertThat(gets.stream().map(g -> g.split(" ")[1]).toList()).containsSubsequence("1", "2");
    }

    @Test
    void resumingStopsOnceTheClientGaveUpWaiting() throws Exception {
        int[] primed = {0};
        URI url = serve((m, ex) -> {
            write(events(ex), "id: p0\nretry: 50\ndata: \n\n");
            ex.close();
        }, (last, ex) -> {
            if (last == null) {
                json(ex, 405, "");
                return;
            }
            write(events(ex), "id: p" + ++primed[0] + "\ndata: \n\n"); // always a new event, never the answer
            ex.close();
        });
        try (McpClient c = client(url, Duration.ofSeconds(1))) {
            assertThatThrownBy(() -> c.callTool("t", Json.object(), new Cancellation()))
                    .hasMessage("MCP server f did not answer tools/call within 1 s");
            Thread.sleep(300);
            int after = gets.size();
            Thread.sleep(500);

            assertThat(after).isGreaterThan(5);
            assertThat(gets).hasSize(after);
        }
    }

    @Test
    void aReplyStreamWithoutEventIdsCannotBeResumedAndFailsAtOnce() throws Exception {
        URI url = serve((m, ex) -> {
            write(events(ex), "data: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\","
                    + "\"params\":{\"progressToken\":1,\"progress\":1}}\n\n");
            ex.close();
        }, (last, ex) -> json(ex, 405, ""));
        try (McpClient c = client(url, Duration.ofSeconds(20))) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> c.callTool("t", Json.object(), new Cancellation()))
                    .isInstanceOf(McpFailure.class)
                    .hasMessage("MCP server f ended its reply stream without answering, and gave no event id to"
                            + " resume it from");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void aRefusedResumptionIsAClearError() throws Exception {
        URI url = serve((m, ex) -> {
            write(events(ex), "id: a\nretry: 10\ndata: \n\n");
            ex.close();
        }, (last, ex) -> json(ex, 405, ""));
        try (McpClient c = client(url, Duration.ofSeconds(20))) {
            assertThatThrownBy(() -> c.callTool("t", Json.object(), new Cancellation()))
                    .isInstanceOf(McpFailure.class)
                    .hasMessage("MCP server f ended its reply stream without answering, and refused to resume it"
                            + " (GET with Last-Event-ID: HTTP 405)");
        }
    }

    @Test
    void resumingIsGivenUpWhenTheStreamKeepsEndingWithNothingNew() throws Exception {
        URI url = serve((m, ex) -> {
            write(events(ex), "id: a\nretry: 10\ndata: \n\n");
            ex.close();
        }, (last, ex) -> {
            if (last == null) {
                json(ex, 405, "");
            } else {
                events(ex);
                ex.close();
            }
        });
        try (McpClient c = client(url, Duration.ofSeconds(20))) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> c.callTool("t", Json.object(), new Cancellation()))
                    .isInstanceOf(McpFailure.class)
                    .hasMessage("MCP server f ended its reply stream without answering, and 5 attempts to resume"
                            + " it (GET with Last-Event-ID) brought nothing new");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
        assertThat(gets.stream().filter(g -> g.endsWith(" a"))).hasSize(5);
    }

    @Test
    void theServersOwnStreamIsReopenedFromItsLastEvent() throws Exception {
        URI url = serve((m, ex) -> json(ex, 200, result(m.get("id"), "x")), (last, ex) -> {
            if (last == null) {
                write(events(ex), "id: g1\nretry: 50\ndata: \n\n");
                ex.close();
            } else {
                write(events(ex), "id: g2\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\","
                        + "\"params\":{\"level\":\"info\",\"data\":\"resumed\"}}\n\n");
                holdOpen();
                ex.close();
            }
        });
        try (McpClient c = client(url, Duration.ofSeconds(10))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (gets.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        assertThat(gets.stream().map(g -> g.split(" ")[1]).toList()).startsWith("null", "g1");
    }

    @Test
    void aServerThatNeverAnswersTimesOutAndClosingDoesNotHang() throws Exception {
        URI url = serve((m, ex) -> {
            write(events(ex), ": thinking\n\n");
            holdOpen();
            ex.close();
        }, (last, ex) -> json(ex, 405, ""));
        McpClient c = client(url, Duration.ofSeconds(1));

        assertThatThrownBy(() -> c.callTool("t", Json.object(), new Cancellation())).isInstanceOf(McpFailure.class)
                .hasMessage("MCP server f did not answer tools/call within 1 s");
        long start = System.nanoTime();
        c.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aReplyThatIsNotJsonRpcFailsOnlyItsRequest() throws Exception {
        int[] calls = {0};
        URI url = serve((m, ex) -> json(ex, 200, ++calls[0] == 1 ? "<html>oops</html>" : result(m.get("id"), "ok")),
                (last, ex) -> json(ex, 405, ""));
        try (McpClient c = client(url, Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> c.callTool("t", Json.object(), new Cancellation()))
                    .isInstanceOf(McpFailure.class)
                    .hasMessage("MCP server f answered with something that is not a JSON-RPC message: not JSON:"
                            + " <html>oops</html>");
            assertThat(ToolResults.output(c.callTool("t", Json.object(), new Cancellation())).text())
                    .isEqualTo("ok");
        }
    }

    @Test
    void aMessageOverTheLimitFailsItsRequestWithoutFillingMemory() throws Exception {
        URI url = serve((m, ex) -> {
            OutputStream out = events(ex);
            write(out, "data: {\"jsonrpc\":\"2.0\",\"id\":" + m.get("id") + ",\"result\":{\"content\":[{\"type\":"
                    + "\"text\",\"text\":\"");
            byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8);
            try {
                for (int i = 0; i < 64; i++) {
                    out.write(chunk);
                }
                write(out, "\"}]}}\n\n");
            } catch (IOException e) {
                // the client hung up, as it should
            }
            ex.close();
        }, (last, ex) -> json(ex, 405, ""));
        McpClient c = new McpClient("f", new HttpTransport("f", url, Map.of(), Duration.ofSeconds(5), 1024 * 1024),
                root, new McpClient.Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(10)));
        try (c) {
            c.initialize("test");
            assertThatThrownBy(() -> c.callTool("t", Json.object(), new Cancellation()))
                    .isInstanceOf(McpFailure.class)
                    .hasMessage("MCP server f: its reply was refused: a message is longer than 1048576 characters");
        }
    }
}
