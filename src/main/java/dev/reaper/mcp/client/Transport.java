package dev.reaper.mcp.client;

import dev.reaper.mcp.McpFailure;

/**
 * How messages reach one MCP server and come back: each message is one JSON text. Incoming messages and the
 * end of the connection are delivered to the listener, on the transport's own thread.
 */
public interface Transport extends AutoCloseable {

    /** What the transport delivers. */
    interface Listener {
        void message(String json);

        /** The connection ended on the server's side; {@code reason} says how (an exit code, last words). */
        void closed(String reason);
    }

    /** Starts delivering messages to the listener; called once, before the first {@link #send}. */
    void start(Listener listener);

    void send(String json) throws McpFailure;

    /**
     * Whether the stateless revision (2026-07-28: {@code server/discover}, no handshake) is tried first on this
     * transport. Only stdio does: over HTTP it also needs per-request headers Reaper does not send yet.
     */
    default boolean triesStateless() {
        return false;
    }

    /** The protocol revision the handshake settled on; HTTP sends it with every later request. */
    default void negotiated(String protocolVersion) {
    }

    /** The handshake is done: HTTP opens its stream for what the server sends unasked. */
    default void ready() {
    }

    /** Ends the connection, and the server process if there is one; returns when it is gone. */
    @Override
    void close();
}
