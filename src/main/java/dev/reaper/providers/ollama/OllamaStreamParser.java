package dev.reaper.providers.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.json.Json;
import dev.reaper.protocol.StopReason;
import dev.reaper.protocol.Usage;
import dev.reaper.router.ProviderException;
import dev.reaper.router.ResponseAssembler;
import dev.reaper.router.wire.NdjsonDecoder;

/**
 * Ollama's NDJSON lines into an assembler: text and thinking per line, tool calls whole (arguments as a
 * JSON object, usually without an id), the {@code done} line with counts and maybe more text, and
 * {@code {"error": ...}} lines that can arrive mid-stream with no done line.
 */
final class OllamaStreamParser implements NdjsonDecoder.Handler {

    private final ResponseAssembler out;
    private boolean sawCalls;

    OllamaStreamParser(ResponseAssembler out) {
        this.out = out;
    }

    @Override
    public void onLine(String line) {
        JsonNode n = Json.tryParse(line).orElse(null);
        if (n == null || !n.isObject()) {
            return;
        }
        String error = Json.text(n, "error");
        if (error != null) {
            out.error(new ProviderException(OllamaAdapter.kindOf(error, 0), out.provider(),
                    out.provider() + " stream error: " + error));
            return;
        }
        out.start(null, Json.text(n, "model"));
        JsonNode msg = n.path("message");
        // Every line carries both fields, one of them empty ("content":"" while thinking): an empty one
        // must not end the block the other is building, or each token becomes a block of its own.
        String thinking = Json.text(msg, "thinking");
        if (thinking != null && !thinking.isEmpty()) {
            out.reasoning(thinking);
        }
        String content = Json.text(msg, "content");
        if (content == null) {
            content = Json.text(n, "response"); // /api/generate lines
        }
        if (content != null && !content.isEmpty()) {
            out.text(content);
        }
        for (JsonNode call : msg.path("tool_calls")) {
            sawCalls = true;
            JsonNode f = call.path("function");
            JsonNode args = f.get("arguments");
            out.toolCall(Json.text(call, "id"), Json.text(f, "name"),
                    args == null || args.isNull() ? "{}" : args.isTextual() ? args.asText() : args.toString(),
                    null, null);
        }
        if (n.path("done").asBoolean(false)) {
            out.usage(new Usage(n.path("prompt_eval_count").asLong(), n.path("eval_count").asLong(), 0, 0, 0));
            String reason = Json.text(n, "done_reason");
            out.finish(reason, switch (reason == null ? "stop" : reason) {
                case "length" -> StopReason.MAX_TOKENS;
                case "stop" -> sawCalls ? StopReason.TOOL_USE : StopReason.END_TURN;
                default -> StopReason.OTHER;
            });
        }
    }
}
