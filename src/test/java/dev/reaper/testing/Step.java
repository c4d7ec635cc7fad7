package dev.reaper.testing;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One scripted reply of the {@link FakeProvider}, independent of wire format: the fake renders it in the
 * format of the endpoint that was called.
 */
public sealed interface Step {

    /** A text answer. */
    record Text(String text) implements Step {}

    /** Tool calls (with optional text before them). */
    record ToolCalls(String text, List<Call> calls) implements Step {}

    record Call(String name, String argumentsJson) {}

    /** An HTTP error response. */
    record HttpError(int status, Map<String, String> headers, String body) implements Step {}

    /** Exact bytes with a content type, for malformed or hand-made streams. */
    record Raw(String contentType, byte[] body) implements Step {}

    /** The reply of {@code inner}, cut after {@code bytes} bytes by a TCP reset. */
    record ResetAfter(Step inner, int bytes) implements Step {}

    /** The reply of {@code inner}, which stalls for {@code pause} after {@code bytes} bytes. */
    record StallAfter(Step inner, int bytes, Duration pause) implements Step {}

    /** A text answer streamed one token (about four characters) per event, at {@code tokensPerSecond}. */
    record Paced(String text, int tokensPerSecond) implements Step {}

    /** Read the request, then never answer. */
    record Hang() implements Step {}

    /** Waits {@code delay} before answering with {@code inner}; a client that leaves meanwhile is counted. */
    record Delayed(Step inner, Duration delay) implements Step {}

    static Step text(String text) {
        return new Text(text);
    }

    static Step call(String name, String argumentsJson) {
        return new ToolCalls("", List.of(new Call(name, argumentsJson)));
    }

    static Step error(int status, String body, Map<String, String> headers) {
        return new HttpError(status, headers, body);
    }
}
