package dev.reaper.providers.bedrock;

import java.util.Map;

/**
 * One frame of an AWS event stream: its headers and payload. Header values keep their wire type as a
 * Java type: {@link Boolean}, {@link Byte}, {@link Short}, {@link Integer}, {@link Long}, {@code byte[]},
 * {@link String}, {@link java.time.Instant} (timestamps) and {@link java.util.UUID}.
 */
record EventStreamMessage(Map<String, Object> headers, byte[] payload) {

    EventStreamMessage {
        headers = Map.copyOf(headers);
    }

    /** A string header's value, or null when it is absent or of another type. */
    String stringHeader(String name) {
        return headers.get(name) instanceof String s ? s : null;
    }
}
