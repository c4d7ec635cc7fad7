package dev.reaper.mcp.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reaper.json.Json;
import java.util.Optional;

/**
 * JSON-RPC 2.0 as MCP uses it: building requests, notifications and responses, and reading one incoming
 * message into what it is. No batches (MCP dropped them in 2025-06-18).
 */
public final class JsonRpc {

    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INTERNAL_ERROR = -32603;
    /**
     * Reaper's own, never sent: a transport says with it that a request got no answer from the server (it
     * could not be delivered, or the reply was an HTTP error).
     */
    public static final int NOT_DELIVERED = -32099;
    /** Reaper's own, never sent: the server no longer knows the session (HTTP 404); initialize again. */
    public static final int SESSION_EXPIRED = -32098;

    private JsonRpc() {}

    /** An incoming message: exactly one of a response, a request from the peer, or a notification. */
    public sealed interface Incoming permits Response, Request, Notification {}

    /** The answer to one of our requests: a result, or an error. */
    public record Response(JsonNode id, Optional<JsonNode> result, Optional<Error> error) implements Incoming {}

    /** A request the peer makes of us; it needs an answer with the same id. */
    public record Request(JsonNode id, String method, JsonNode params) implements Incoming {}

    public record Notification(String method, JsonNode params) implements Incoming {}

    /** A JSON-RPC error object. */
    public record Error(int code, String message, Optional<JsonNode> data) {}

    public static ObjectNode request(long id, String method, JsonNode params) {
        ObjectNode m = envelope();
        m.put("id", id);
        m.put("method", method);
        if (params != null) {
            m.set("params", params);
        }
        return m;
    }

    public static ObjectNode notification(String method, JsonNode params) {
        ObjectNode m = envelope();
        m.put("method", method);
        if (params != null) {
            m.set("params", params);
        }
        return m;
    }

    public static ObjectNode result(JsonNode id, JsonNode result) {
        ObjectNode m = envelope();
        m.set("id", id);
        m.set("result", result);
        return m;
    }

    public static ObjectNode error(JsonNode id, int code, String message) {
        ObjectNode m = envelope();
        m.set("id", id);
        ObjectNode e = m.putObject("error");
        e.put("code", code);
        e.put("message", message);
        return m;
    }

    private static ObjectNode envelope() {
        ObjectNode m = Json.object();
        m.put("jsonrpc", "2.0");
        return m;
    }

    /**
     * Reads one line from the peer.
     *
     * @throws IllegalArgumentException when the line is not a JSON-RPC 2.0 message, saying why
     */
    public static Incoming read(String line) {
        JsonNode m = Json.tryParse(line).orElseThrow(() -> new IllegalArgumentException("not JSON: " + clip(line)));
        if (!m.isObject()) {
            throw new IllegalArgumentException("not a JSON-RPC message object" + (m.isArray()
                    ? " (batches are not used by MCP)" : "") + ": " + clip(line));
        }
        if (!"2.0".equals(m.path("jsonrpc").asText(null))) {
            throw new IllegalArgumentException("not JSON-RPC 2.0 (\"jsonrpc\": \"2.0\" is missing): " + clip(line));
        }
        JsonNode method = m.get("method");
        JsonNode id = m.get("id");
        JsonNode params = m.has("params") ? m.get("params") : Json.object();
        if (method != null) {
            if (!method.isTextual()) {
                throw new IllegalArgumentException("\"method\" is not a string: " + clip(line));
            }
            return id == null || id.isNull() ? new Notification(method.asText(), params)
                    : new Request(id, method.asText(), params);
        }
        if (id == null) {
            throw new IllegalArgumentException("neither a request nor a response (no method, no id): " + clip(line));
        }
        if (m.has("error")) {
            JsonNode e = m.get("error");
            return new Response(id, Optional.empty(), Optional.of(new Error(e.path("code").asInt(INTERNAL_ERROR),
                    e.path("message").asText("(no message)"), Optional.ofNullable(e.get("data")))));
        }
        if (!m.has("result")) {
            throw new IllegalArgumentException("a response with neither result nor error: " + clip(line));
        }
        return new Response(id, Optional.of(m.get("result")), Optional.empty());
    }

    /** A line shortened for an error message. */
    static String clip(String line) {
        String s = line.strip();
        return s.length() <= 120 ? s : s.substring(0, 120) + "…";
    }
}
