package dev.reaper.providers.vertex;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.json.Json;
import dev.reaper.router.wire.StreamDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Tells the two formats Vertex AI answers in apart, so one adapter can read both: Claude models speak
 * Anthropic's Messages events (named {@code event:} lines, JSON objects with a {@code type}), Gemini
 * models speak {@code generateContent} chunks (bare {@code data:} lines, raw JSON error bodies, no
 * {@code type}). The bytes before the first line that shows which are held back and replayed into the
 * chosen decoder, so a stream waits for nothing beyond its first line.
 */
final class FormatSniffer implements StreamDecoder {

    /** A stream still undecided after this much is no Anthropic stream (its first event is small). */
    private static final int MAX_HEAD = 1 << 16;

    private final Supplier<StreamDecoder> anthropic;
    private final Supplier<StreamDecoder> gemini;
    private byte[] head = new byte[512];
    private int size;
    private int scanned;
    private int lineStart;
    private StreamDecoder chosen;

    FormatSniffer(Supplier<StreamDecoder> anthropic, Supplier<StreamDecoder> gemini) {
        this.anthropic = anthropic;
        this.gemini = gemini;
    }

    /** Whether a whole JSON body (a message or an error) is Anthropic's rather than Google's. */
    static boolean isAnthropic(byte[] body) {
        return Json.tryParse(new String(body, StandardCharsets.UTF_8)).map(FormatSniffer::isAnthropic).orElse(false);
    }

    private static boolean isAnthropic(JsonNode json) {
        return json.isObject() && json.has("type");
    }

    @Override
    public void feed(byte[] bytes, int offset, int length) {
        if (chosen != null) {
            chosen.feed(bytes, offset, length);
            return;
        }
        if (size + length > head.length) {
            head = Arrays.copyOf(head, Math.max(head.length * 2, size + length));
        }
        System.arraycopy(bytes, offset, head, size, length);
        size += length;
        decide().ifPresent(this::choose);
    }

    @Override
    public void end() {
        if (chosen == null) {
            choose(false); // nothing told: Gemini's parser makes sense of leftovers such as a raw error body
        }
        chosen.end();
    }

    private void choose(boolean isAnthropic) {
        chosen = isAnthropic ? anthropic.get() : gemini.get();
        chosen.feed(head, 0, size);
        head = null;
    }

    /** Looks at each complete line not seen yet; empty while none tells. */
    private Optional<Boolean> decide() {
        for (; scanned < size; scanned++) {
            if (head[scanned] != '\n' && head[scanned] != '\r') {
                continue;
            }
            String line = new String(head, lineStart, scanned - lineStart, StandardCharsets.UTF_8).strip();
            lineStart = scanned + 1;
            Optional<Boolean> told = classify(line);
            if (told.isPresent()) {
                return told;
            }
        }
        return size > MAX_HEAD ? Optional.of(false) : Optional.empty();
    }

    private static Optional<Boolean> classify(String line) {
        if (line.isEmpty() || line.startsWith(":")) {
            return Optional.empty(); // a blank line or a comment says nothing
        }
        if (line.startsWith("event:")) {
            return Optional.of(true);
        }
        if (line.startsWith("data:")) {
            return Optional.of(Json.tryParse(line.substring("data:".length())).map(FormatSniffer::isAnthropic)
                    .orElse(false));
        }
        return Optional.of(false); // a bare line: the start of a raw Google error body
    }
}
