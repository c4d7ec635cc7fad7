package dev.reaper.mcp.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The tools an MCP server offers and the one way they are run. The server only speaks the protocol; whoever
 * implements this owns argument validation, the permission decision and what the tools act on.
 */
public interface ServedTools {

    ServedTools NONE = new ServedTools() {
        @Override
        public List<ObjectNode> list() {
            return List.of();
        }

        @Override
        public ObjectNode call(String name, JsonNode arguments, Exchange exchange) {
            throw new IllegalStateException("no tools");
        }
    };

    /** The tools' definitions for {@code tools/list} ({@code name}, {@code description}, {@code inputSchema}), in order. */
    List<ObjectNode> list();

    /** Whether a tool of that name is offered. */
    default boolean has(String name) {
        return list().stream().anyMatch(t -> t.path("name").asText().equals(name));
    }

    /**
     * Runs one call and returns its {@code tools/call} result ({@code content}, {@code isError}). Failures
     * (invalid arguments, a permission denied, a missing file) are {@code isError} results, never exceptions;
     * the exchange's cancellation is cancelled when the client gives up on the call.
     */
    ObjectNode call(String name, JsonNode arguments, Exchange exchange);
}
