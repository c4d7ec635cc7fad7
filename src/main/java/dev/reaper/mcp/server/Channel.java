package dev.reaper.mcp.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** Where a server's messages to one client go: a line on stdio, an event on an HTTP stream, a WebSocket frame. */
@FunctionalInterface
public interface Channel {

    /** A channel that drops what it is given (HTTP with no stream open for the message). */
    Channel NOWHERE = message -> {
        throw new IOException("no stream is open to the client for " + message.path("method").asText("a message"));
    };

    /** Sends one whole message. */
    void send(ObjectNode message) throws IOException;
}
