package dev.reaper.mcp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.json.Json;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reaper's WebSocket transport, driven by the JDK's own WebSocket client. */
class WebSocketServerTest {

    private WebSocketServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private URI start(Optional<String> token) throws Exception {
        server = WebSocketServer.start(new McpServer(ConformanceFixture.features(), AuditLog.NONE, "t", null),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), new HttpGuard(true, token, List.of()));
        return server.endpoint();
    }

    /** A client that queues each text message it gets, and "closed CODE" when the server closes. */
    private static final class Client implements WebSocket.Listener {
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(partial.toString());
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            received.add("closed " + status);
            return null;
        }

        JsonNode next() throws InterruptedException {
            String m = received.poll(10, TimeUnit.SECONDS);
            assertThat(m).as("a message within 10 s").isNotNull();
            return m.startsWith("closed") ? Json.object().put("closed", m) : Json.parse(m);
        }
    }

    private static WebSocket connect(URI url, Client client, String... headers) throws Exception {
        WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("mcp");
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b.buildAsync(url, client).get(10, TimeUnit.SECONDS);
    }

    @Test
    void servesASessionPerConnection() throws Exception {
        URI url = start(Optional.empty());
        assertThat(url.toString()).startsWith("ws://127.0.0.1:").endsWith("/mcp");
        Client c = new Client();
        WebSocket ws = connect(url, c);
        assertThat(ws.getSubprotocol()).isEqualTo("mcp");
        ws.sendText("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"ws\",\"version\":\"1\"}}}", true).join();
        assertThat(c.next().at("/result/protocolVersion").asText()).isEqualTo("2025-11-25");
        ws.sendText("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"test_tool_with_progress\",\"arguments\":{},\"_meta\":{\"progressToken\":7}}}", true).join();
        for (int i = 0; i < 3; i++) {
            assertThat(c.next().path("method").asText()).isEqualTo("notifications/progress");
        }
        assertThat(c.next().at("/result/content/0/text").asText()).contains("progress");
        ws.sendText("{not json", true).join();
        assertThat(c.next().at("/error/code").asInt()).isEqualTo(-32700);
        ws.sendText("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"resources/read\",\"params\":{\"uri\":"
                + "\"test://static-text\"}}", true).join();
        assertThat(c.next().at("/result/contents/0/text").asText()).contains("static text");
        ws.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true).join();
        assertThat(c.next().path("closed").asText()).as("binary frames end the connection").startsWith("closed 1003");
    }

    @Test
    void theHandshakeIsGuarded() throws Exception {
        URI url = start(Optional.of("tok"));
        assertThatThrownBy(() -> connect(url, new Client())).isInstanceOf(ExecutionException.class);
        assertThatThrownBy(() -> connect(url, new Client(), "Authorization", "Bearer tok", "Origin",
                "http://evil.example")).isInstanceOf(ExecutionException.class);
        assertThatThrownBy(() -> connect(url, new Client(), "Authorization", "Bearer tok", "Origin", "null"))
                .as("sandboxed frames and file:// pages send Origin: null").isInstanceOf(ExecutionException.class);
        WebSocket ok = connect(url, new Client(), "Authorization", "Bearer tok");
        assertThat(ok.isInputClosed()).isFalse();
        ok.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
    }

    @Test
    void onlyTheMcpPathUpgrades() throws Exception {
        URI url = start(Optional.empty());
        CompletableFuture<WebSocket> other = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(url.resolve("/other"), new Client());
        assertThatThrownBy(() -> other.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
    }
}
