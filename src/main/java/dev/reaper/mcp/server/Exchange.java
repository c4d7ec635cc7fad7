package dev.reaper.mcp.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.protocol.Cancellation;
import java.time.Duration;

/**
 * What a running tool call may do with the client that made it: report progress, log, ask the client
 * something (sampling, elicitation), and learn that it was cancelled. Messages go where the transport sends
 * the call's own reply (the POST's event stream on HTTP).
 */
public interface Exchange {

    /** The client's name, from {@code initialize}. */
    String client();

    /** The capabilities the client declared in {@code initialize} (an empty object if none). */
    JsonNode clientCapabilities();

    /** Cancelled when the client cancels the call or goes away. */
    Cancellation cancellation();

    /** Sends {@code notifications/progress} when the client asked for progress (a progress token); else nothing. */
    void progress(double progress, Double total, String message);

    /** Sends a {@code notifications/message} at a level (debug, info, warning, error…) if the client's level lets it through. */
    void log(String level, JsonNode data);

    /**
     * Sends a request to the client and waits for its result.
     *
     * @throws McpRequestException when the client answers with an error, does not answer in time, cannot be
     *     reached on this transport, or the call is cancelled
     */
    JsonNode request(String method, JsonNode params, Duration timeout) throws McpRequestException;

    /** A request to the client that got no result. */
    final class McpRequestException extends Exception {
        public McpRequestException(String message) {
            super(message);
        }
    }
}
