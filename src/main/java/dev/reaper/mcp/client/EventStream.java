package dev.reaper.mcp.client;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One logical stream of server-sent events as MCP uses them (2025-11-25, SEP-1699): each event's data lines,
 * joined, are one JSON-RPC message; a whole event's {@code id:} is remembered (even on an event without data, the
 * "priming" event a server sends so that a client can resume), and {@code retry:} sets how long to wait before
 * reconnecting. The same object reads the stream's later connections (a GET with {@code Last-Event-ID}), so
 * the id and delay carry over. Messages longer than the limit end the stream with an error: a server cannot make
 * Reaper hold an unbounded message.
 */
final class EventStream {

    private final int maxMessageChars;
    private volatile String lastEventId;
    private volatile Duration retry;
    private volatile int events;

    EventStream(int maxMessageChars) {
        this.maxMessageChars = maxMessageChars;
    }

    /** The id of the last event read, on any of the stream's connections. */
    Optional<String> lastEventId() {
        return Optional.ofNullable(lastEventId);
    }

    /** The delay the server asked for with {@code retry:}, if it did. */
    Optional<Duration> retry() {
        return Optional.ofNullable(retry);
    }

    /** How many events (with data or an id) have been read so far, on all connections. */
    int events() {
        return events;
    }

    /**
     * Reads one connection until it ends or {@code message} returns false for a message (the awaited answer came).
     *
     * @return true when {@code message} stopped the reading, false when the connection ended
     * @throws IOException when the connection breaks, or a message is over the limit
     */
    boolean read(InputStream body, Predicate<String> message) throws IOException {
        BoundedLines in = new BoundedLines(body, maxMessageChars);
        StringBuilder data = new StringBuilder();
        boolean hasData = false;
        boolean hasId = false;
        String pendingId = null;
        for (String line; (line = in.next()) != null; ) {
            if (line.isEmpty()) {
                if (hasData || hasId) {
                    events++;
                }
                if (pendingId != null) { // the event is whole: now it counts as read, for resuming after it
                    lastEventId = pendingId;
                    pendingId = null;
                }
                if (hasData && !data.isEmpty()) {
                    String m = data.toString();
                    data.setLength(0);
                    hasData = false;
                    hasId = false;
                    if (!message.test(m)) {
                        return true;
                    }
                }
                data.setLength(0);
                hasData = false;
                hasId = false;
                continue;
            }
            if (line.startsWith(":")) {
                continue; // a comment, sent to keep the connection alive
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + (line.startsWith(": ", colon) ? 2 : 1));
            switch (field) {
                case "data" -> {
                    if (hasData) {
                        data.append('\n');
                    }
                    data.append(value);
                    hasData = true;
                    if (data.length() > maxMessageChars) {
                        throw new BoundedLines.TooLong(maxMessageChars);
                    }
                }
                case "id" -> {
                    if (value.indexOf('\0') < 0) {
                        pendingId = value;
                        hasId = true;
                    }
                }
                case "retry" -> {
                    if (!value.isEmpty() && value.chars().allMatch(Character::isDigit) && value.length() < 10) {
                        retry = Duration.ofMillis(Long.parseLong(value));
                    }
                }
                default -> {
                    // "event" and unknown fields: MCP sends only messages
                }
            }
        }
        return false; // an event cut off by the end of the connection is dropped, as SSE says: it comes again
    }
}
