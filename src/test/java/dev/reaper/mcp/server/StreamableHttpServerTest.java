package dev.reaper.mcp.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.json.Json;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Streamable HTTP transport's rules: sessions, the guard against rebinding and strangers, bad input. */
class StreamableHttpServerTest {

    private static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{\"elicitation\":{}},\"clientInfo\":{\"name\":\"t\","
            + "\"version\":\"1\"}}}";

    private final HttpClient client = HttpClient.newHttpClient();
    private StreamableHttpServer server;

    private URI start(Optional<String> token, List<String> origins) throws Exception {
        server = StreamableHttpServer.start(new McpServer(ConformanceFixture.features(), AuditLog.NONE, "t", null),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), new HttpGuard(true, token, origins));
        return server.endpoint();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> post(URI url, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String session(URI url) throws Exception {
        HttpResponse<String> r = post(url, INIT);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Json.parse(r.body()).at("/result/serverInfo/name").asText()).isEqualTo("reaper");
        return r.headers().firstValue("Mcp-Session-Id").orElseThrow();
    }

    @Test
    void aSessionIsMintedAtInitializeRequiredAfterItAndEndedByDelete() throws Exception {
        URI url = start(Optional.empty(), List.of());
        String id = session(url);
        assertThat(id).matches("[0-9a-f]{32}");
        assertThat(post(url, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", "Mcp-Session-Id", id)
                .statusCode()).isEqualTo(202);
        HttpResponse<String> ping = post(url, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}", "Mcp-Session-Id", id);
        assertThat(ping.statusCode()).isEqualTo(200);
        assertThat(Json.parse(ping.body()).path("result").isObject()).isTrue();
        assertThat(post(url, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}").statusCode()).isEqualTo(400);
        assertThat(post(url, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}", "Mcp-Session-Id", "nope")
                .statusCode()).isEqualTo(404);
        HttpResponse<String> deleted = client.send(HttpRequest.newBuilder(url).header("Mcp-Session-Id", id).DELETE()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(post(url, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"ping\"}", "Mcp-Session-Id", id)
                .statusCode()).as("a deleted session is unknown").isEqualTo(404);
    }

    @Test
    void idleSessionsEnd() throws Exception {
        server = StreamableHttpServer.start(new McpServer(ConformanceFixture.features(), AuditLog.NONE, "t", null),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), new HttpGuard(true, Optional.empty(),
                        List.of()), Duration.ofMillis(200));
        URI url = server.endpoint();
        String id = session(url);
        assertThat(post(url, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}", "Mcp-Session-Id", id).statusCode())
                .isEqualTo(200);
        Thread.sleep(1500); // several sweeps past the idle time, with nothing sent
        int status = post(url, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}", "Mcp-Session-Id", id).statusCode();
        assertThat(status).as("the session ended once idle").isEqualTo(404);
    }

    @Test
    void toolCallsStreamTheirProgressAndAskTheClientOverTheStream() throws Exception {
        URI url = start(Optional.empty(), List.of());
        String id = session(url);
        HttpResponse<String> r = post(url, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"test_tool_with_progress\",\"arguments\":{},\"_meta\":{\"progressToken\":\"p1\"}}}",
                "Mcp-Session-Id", id);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        List<JsonNode> events = events(r.body());
        assertThat(events).hasSize(4);
        assertThat(events.subList(0, 3)).allSatisfy(e -> {
            assertThat(e.path("method").asText()).isEqualTo("notifications/progress");
            assertThat(e.at("/params/progressToken").asText()).isEqualTo("p1");
        });
        assertThat(events.get(3).path("id").asInt()).isEqualTo(5);
        assertThat(events.get(3).at("/result/isError").asBoolean()).isFalse();

        // a request to the client goes on the call's stream; the answer comes back in a POST of its own
        HttpRequest call = HttpRequest.newBuilder(url).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream").header("Mcp-Session-Id", id)
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/call\","
                        + "\"params\":{\"name\":\"test_elicitation\",\"arguments\":{\"message\":\"who?\"}}}")).build();
        HttpResponse<InputStream> stream = client.send(call, HttpResponse.BodyHandlers.ofInputStream());
        BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
        JsonNode ask = nextEvent(in);
        assertThat(ask.path("method").asText()).isEqualTo("elicitation/create");
        assertThat(ask.at("/params/message").asText()).isEqualTo("who?");
        assertThat(post(url, "{\"jsonrpc\":\"2.0\",\"id\":\"" + ask.path("id").asText() + "\",\"result\":{\"action\":"
                + "\"accept\",\"content\":{\"username\":\"ann\",\"email\":\"a@b.c\"}}}", "Mcp-Session-Id", id)
                .statusCode()).isEqualTo(202);
        JsonNode answer = nextEvent(in);
        assertThat(answer.path("id").asInt()).isEqualTo(6);
        assertThat(answer.at("/result/content/0/text").asText()).contains("accept").contains("ann");
    }

    private static JsonNode nextEvent(BufferedReader in) throws Exception {
        String line;
        while ((line = in.readLine()) != null) {
            if (line.startsWith("data: ")) {
                return Json.parse(line.substring(6));
            }
        }
        throw new AssertionError("the stream ended");
    }

    private static List<JsonNode> events(String body) {
        List<JsonNode> out = new ArrayList<>();
        body.lines().filter(l -> l.startsWith("data: ")).forEach(l -> out.add(Json.parse(l.substring(6))));
        return out;
    }

    @Test
    void foreignOriginsAndHostsAreRefused() throws Exception {
        URI url = start(Optional.empty(), List.of("https://app.example"));
        assertThat(post(url, INIT, "Origin", "http://evil.example").statusCode()).isEqualTo(403);
        assertThat(post(url, INIT, "Origin", "null").statusCode()).as("sandboxed frames send null").isEqualTo(403);
        assertThat(post(url, INIT, "Origin", "http://localhost:3000").statusCode()).isEqualTo(200);
        assertThat(post(url, INIT, "Origin", "https://app.example").statusCode()).isEqualTo(200);
        assertThat(rawStatus(url, "evil.example")).isEqualTo(403);
        assertThat(rawStatus(url, "localhost:" + url.getPort())).isEqualTo(200);
    }

    /** The status of an initialize POST with a Host header of our choosing (HttpClient will not send one). */
    private static int rawStatus(URI url, String host) throws Exception {
        try (Socket s = new Socket(url.getHost(), url.getPort())) {
            byte[] body = INIT.getBytes(StandardCharsets.UTF_8);
            OutputStream out = s.getOutputStream();
            out.write(("POST /mcp HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\nAccept: "
                    + "application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String status = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    @Test
    void aTokenIsRequiredWhenSet() throws Exception {
        URI url = start(Optional.of("s3cret"), List.of());
        HttpResponse<String> none = post(url, INIT);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
        assertThat(none.body()).doesNotContain("s3cret");
        assertThat(post(url, INIT, "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);
        assertThat(post(url, INIT, "Authorization", "Bearer s3cret").statusCode()).isEqualTo(200);
        assertThat(post(url, INIT, "Authorization", "bearer s3cret").statusCode()).as("the scheme is case-blind")
                .isEqualTo(200);
    }

    @Test
    void badInputGetsClearErrorsAndTheServerStays() throws Exception {
        URI url = start(Optional.empty(), List.of());
        String id = session(url);
        HttpResponse<String> garbage = post(url, "{not json", "Mcp-Session-Id", id);
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(Json.parse(garbage.body()).at("/error/code").asInt()).isEqualTo(-32700);
        HttpResponse<String> batch = post(url, "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]", "Mcp-Session-Id", id);
        assertThat(Json.parse(batch.body()).at("/error/code").asInt()).isEqualTo(-32600);
        HttpResponse<String> unknown = post(url, "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"no/such\"}",
                "Mcp-Session-Id", id);
        assertThat(Json.parse(unknown.body()).at("/error/code").asInt()).isEqualTo(-32601);
        HttpResponse<String> huge = post(url, "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"ping\",\"params\":{\"x\":\""
                + "a".repeat(StreamableHttpServer.MAX_BODY) + "\"}}", "Mcp-Session-Id", id);
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(post(url, "{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"ping\"}", "Mcp-Session-Id", id,
                "MCP-Protocol-Version", "1999-01-01").statusCode()).isEqualTo(400);
        HttpResponse<String> text = client.send(HttpRequest.newBuilder(url).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("ping")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(text.statusCode()).isEqualTo(415);
        HttpResponse<String> put = client.send(HttpRequest.newBuilder(url).PUT(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(post(url, "{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":\"ping\"}", "Mcp-Session-Id", id).statusCode())
                .as("still serving").isEqualTo(200);
    }

    @Test
    void resourceUpdatesReachTheGetStream() throws Exception {
        URI url = start(Optional.empty(), List.of());
        String id = session(url);
        HttpResponse<InputStream> get = client.send(HttpRequest.newBuilder(url).header("Accept", "text/event-stream")
                .header("Mcp-Session-Id", id).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(get.statusCode()).isEqualTo(200);
        BufferedReader in = new BufferedReader(new InputStreamReader(get.body(), StandardCharsets.UTF_8));
        assertThat(in.readLine()).startsWith(":");
        assertThat(post(url, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"resources/subscribe\",\"params\":{\"uri\":"
                + "\"test://watched-resource\"}}", "Mcp-Session-Id", id).statusCode()).isEqualTo(200);
        ConformanceFixture.touchWatched();
        JsonNode update = nextEvent(in);
        assertThat(update.path("method").asText()).isEqualTo("notifications/resources/updated");
        assertThat(update.at("/params/uri").asText()).isEqualTo("test://watched-resource");
    }
}
