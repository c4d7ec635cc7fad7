package dev.reaper.mcp.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reaper.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class McpServerTest {

    private static ObjectNode tool(String name) {
        ObjectNode t = Json.object();
        t.put("name", name);
        t.put("description", "the " + name + " tool");
        t.set("inputSchema", Json.parse("{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}}}"));
        return t;
    }

    private static ObjectNode text(String text, boolean error) {
        ObjectNode r = Json.object();
        r.putArray("content").addObject().put("type", "text").put("text", text);
        r.put("isError", error);
        return r;
    }

    /** echo answers its text; wait blocks until cancelled; fail returns an error output. */
    private final CountDownLatch waitStarted = new CountDownLatch(1);
    private final CountDownLatch waitCancelled = new CountDownLatch(1);

    private final ServedTools tools = new ServedTools() {
        @Override
        public List<ObjectNode> list() {
            return List.of(tool("echo"), tool("wait"), tool("fail"));
        }

        @Override
        public ObjectNode call(String name, JsonNode arguments, Exchange exchange) {
            return switch (name) {
                case "echo" -> text(arguments.path("text").asText(), false);
                case "fail" -> text("it failed: token sk-secret-123", true);
                default -> {
                    exchange.cancellation().onCancel(waitCancelled::countDown);
                    waitStarted.countDown();
                    try {
                        waitCancelled.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    yield text("waited", false);
                }
            };
        }
    };

    private McpWire wire(AuditLog audit) throws Exception {
        return new McpWire(new McpServer(tools, audit, "1.2.3"));
    }

    @Test
    void initializeNegotiatesTheVersion() throws Exception {
        try (McpWire w = wire(AuditLog.NONE)) {
            JsonNode r = w.call(1, "initialize", "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
                    + "\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}");
            assertThat(r.path("id").asInt()).isEqualTo(1);
            assertThat(r.at("/result/protocolVersion").asText()).isEqualTo("2025-11-25");
            assertThat(r.at("/result/serverInfo/name").asText()).isEqualTo("reaper");
            assertThat(r.at("/result/serverInfo/version").asText()).isEqualTo("1.2.3");
            assertThat(r.at("/result/capabilities/tools").isObject()).isTrue();
            w.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            assertThat(w.call(2, "initialize", "{\"protocolVersion\":\"2025-03-26\"}")
                    .at("/result/protocolVersion").asText()).isEqualTo("2025-03-26");
            assertThat(w.call(3, "initialize", "{\"protocolVersion\":\"1999-01-01\"}")
                    .at("/result/protocolVersion").asText()).isEqualTo("2025-11-25");
            assertThat(w.call(4, "ping", "{}").path("result").isObject()).isTrue();
        }
    }

    @Test
    void listsAndCallsTools() throws Exception {
        try (McpWire w = wire(AuditLog.NONE)) {
            JsonNode list = w.call(1, "tools/list", "{}");
            assertThat(list.at("/result/tools/0/name").asText()).isEqualTo("echo");
            assertThat(list.at("/result/tools/0/inputSchema/type").asText()).isEqualTo("object");
            JsonNode r = w.call(2, "tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":\"hi\"}}");
            assertThat(r.at("/result/content/0/type").asText()).isEqualTo("text");
            assertThat(r.at("/result/content/0/text").asText()).isEqualTo("hi");
            assertThat(r.at("/result/isError").asBoolean()).isFalse();
            JsonNode failed = w.call(3, "tools/call", "{\"name\":\"fail\",\"arguments\":{}}");
            assertThat(failed.has("error")).isFalse();
            assertThat(failed.at("/result/isError").asBoolean()).isTrue();
            assertThat(w.call(4, "tools/call", "{\"name\":\"nope\"}").at("/error/code").asInt())
                    .isEqualTo(McpServer.INVALID_PARAMS);
        }
    }

    @Test
    void malformedJsonAndUnknownMethodsAreErrorsAndTheConnectionStays() throws Exception {
        try (McpWire w = wire(AuditLog.NONE)) {
            w.send("{not json");
            JsonNode parse = w.next();
            assertThat(parse.at("/error/code").asInt()).isEqualTo(-32700);
            assertThat(parse.get("id").isNull()).isTrue();
            w.send("[1,2]");
            assertThat(w.next().at("/error/code").asInt()).isEqualTo(-32600);
            JsonNode unknown = w.call(7, "resources/list", "{}");
            assertThat(w.call(9, "no/such", "{}").at("/error/code").asInt()).isEqualTo(-32601);
            assertThat(unknown.path("id").asInt()).isEqualTo(7);
            assertThat(unknown.at("/error/code").asInt()).isEqualTo(-32601);
            assertThat(w.call(8, "ping", "{}").has("result")).isTrue();
        }
    }

    @Test
    void aHugeMessageIsDroppedWithAnErrorAndTheConnectionStays() throws Exception {
        try (McpWire w = wire(AuditLog.NONE)) {
            w.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                    + "\"arguments\":{\"text\":\"" + "x".repeat(McpServer.MAX_MESSAGE) + "\"}}}");
            JsonNode error = w.next();
            assertThat(error.at("/error/code").asInt()).isEqualTo(-32600);
            assertThat(error.at("/error/message").asText()).contains("16 MiB");
            assertThat(w.call(2, "ping", "{}").has("result")).isTrue();
        }
    }

    @Test
    void cancelledCallsStopAndGetNoResponse() throws Exception {
        try (McpWire w = wire(AuditLog.NONE)) {
            w.request(5, "tools/call", "{\"name\":\"wait\",\"arguments\":{}}");
            assertThat(waitStarted.await(5, TimeUnit.SECONDS)).isTrue();
            // other requests are answered while the call runs
            assertThat(w.call(6, "ping", "{}").path("id").asInt()).isEqualTo(6);
            w.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":5,"
                    + "\"reason\":\"user\"}}");
            assertThat(waitCancelled.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(w.call(9, "ping", "{}").path("id").asInt()).isEqualTo(9);
            assertThat(w.poll(300)).isNull();
        }
    }

    @Test
    void everyCallIsAuditedWithSecretsRedacted(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("state/mcp-audit.jsonl");
        AuditLog audit = new AuditLog(file, s -> s.replace("hunter2", "[REDACTED]"), Clock.systemUTC());
        try (McpWire w = wire(audit)) {
            w.call(1, "initialize", "{\"protocolVersion\":\"2025-11-25\",\"clientInfo\":{\"name\":\"ed\"}}");
            w.call(2, "tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":\"pw hunter2\"}}");
            w.call(3, "tools/call", "{\"name\":\"fail\",\"arguments\":{}}");
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        assertThat(Files.readString(file)).doesNotContain("hunter2");
        JsonNode first = Json.parse(lines.get(0));
        assertThat(first.path("client").asText()).isEqualTo("ed");
        assertThat(first.path("tool").asText()).isEqualTo("echo");
        assertThat(first.at("/arguments/text").asText()).isEqualTo("pw [REDACTED]");
        assertThat(first.path("resultChars").asInt()).isEqualTo("pw hunter2".length());
        assertThat(first.path("isError").asBoolean()).isFalse();
        assertThat(first.has("durationMs")).isTrue();
        assertThat(first.has("time")).isTrue();
        assertThat(Json.parse(lines.get(1)).path("isError").asBoolean()).isTrue();
    }
}
