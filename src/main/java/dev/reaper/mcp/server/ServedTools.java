package dev.reaper.mcp.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.protocol.Cancellation;
import dev.reaper.tools.Tool;
import dev.reaper.tools.ToolOutput;
import java.util.List;

/**
 * The tools an MCP server offers and the one way they are run. The server only speaks the protocol; whoever
 * implements this owns argument validation, the permission decision and the workspace the tools act on.
 */
public interface ServedTools {

    /** The tools offered in {@code tools/list}, in order. */
    List<Tool> list();

    /** Whether a tool of that name is offered. */
    default boolean has(String name) {
        return list().stream().anyMatch(t -> t.name().equals(name));
    }

    /**
     * Runs one call. Failures (invalid arguments, a permission denied, a missing file) come back as an error
     * output, never as an exception; {@code cancel} is cancelled when the client gives up on the call.
     */
    ToolOutput call(String name, JsonNode arguments, Cancellation cancel);
}
