package dev.reaper.providers.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.json.Json;
import dev.reaper.protocol.StopReason;
import dev.reaper.protocol.Usage;
import dev.reaper.router.ProviderException;
import dev.reaper.router.ResponseAssembler;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * ConverseStream frames (and whole Converse responses) into an assembler. Events are told apart by the
 * {@code :event-type} header and carry their body as the JSON payload. Copes with streams that skip
 * {@code messageStart} or a text block's {@code contentBlockStart}, send {@code metadata} before or after
 * {@code messageStop} or not at all, and tool calls without input. An {@code exception} or {@code error}
 * frame, or broken framing, ends the response with a typed error; what came before it is kept.
 */
final class BedrockStreamParser implements EventStreamDecoder.Handler {

    private final ResponseAssembler out;
    private boolean failed;

    BedrockStreamParser(ResponseAssembler out) {
        this.out = out;
    }

    @Override
    public void onMessage(EventStreamMessage message) {
        if (failed) {
            return;
        }
        String messageType = Optional.ofNullable(message.stringHeader(":message-type")).orElse("event");
        switch (messageType) {
            case "event" -> Json.tryParse(new String(message.payload(), StandardCharsets.UTF_8))
                    .ifPresent(body -> event(message.stringHeader(":event-type"), body));
            case "exception" -> fail(BedrockErrors.fromStream(out.provider(), message.stringHeader(":exception-type"),
                    message.payload()));
            case "error" -> {
                String code = Optional.ofNullable(message.stringHeader(":error-code")).orElse("error");
                String text = Optional.ofNullable(message.stringHeader(":error-message")).orElse(code);
                fail(new ProviderException(BedrockErrors.kindOf(code, text, 0), out.provider(),
                        out.provider() + " stream error (" + code + "): " + text));
            }
            default -> { } // message types added after this was written
        }
    }

    @Override
    public void onMalformed(String problem) {
        fail(new ProviderException(ProviderException.Kind.MALFORMED_STREAM, out.provider(),
                out.provider() + " sent a broken event stream: " + problem));
    }

    private void fail(ProviderException e) {
        failed = true;
        out.error(e);
    }

    private void event(String type, JsonNode e) {
        if (type == null) {
            return;
        }
        switch (type) {
            case "contentBlockStart" -> blockStart(e.path("contentBlockIndex").asInt(), e.path("start"));
            case "contentBlockDelta" -> blockDelta(e.path("contentBlockIndex").asInt(), e.path("delta"));
            case "contentBlockStop" -> blockStop(e.path("contentBlockIndex").asInt());
            case "messageStop" -> stop(Json.text(e, "stopReason"));
            case "metadata" -> usage(e.path("usage"));
            default -> { } // messageStart (the role only) and events added later
        }
    }

    private void blockStart(int index, JsonNode start) {
        JsonNode toolUse = start.path("toolUse");
        if (toolUse.isObject()) {
            out.toolCallBegin(index, Json.text(toolUse, "toolUseId"), Json.text(toolUse, "name"));
        } else {
            out.endBlock();
        }
    }

    private void blockDelta(int index, JsonNode delta) {
        if (delta.has("text")) {
            out.text(Json.text(delta, "text"));
        } else if (delta.path("toolUse").isObject()) {
            out.toolCallArguments(index, Json.text(delta.path("toolUse"), "input"));
        } else if (delta.path("reasoningContent").isObject()) {
            JsonNode r = delta.path("reasoningContent");
            if (r.has("text")) {
                out.reasoning(Json.text(r, "text"));
            }
            out.reasoningSignature(Json.text(r, "signature"));
            String redacted = Json.text(r, "redactedContent");
            if (redacted != null) {
                out.redactedReasoning(redacted);
            }
        }
        // citations and deltas added later carry no text of their own
    }

    private void blockStop(int index) {
        if (out.hasOpenToolCall(index)) {
            out.toolCallEnd(index);
        } else {
            out.endBlock();
        }
    }

    private void stop(String raw) {
        if (raw == null) {
            out.markComplete();
        } else {
            out.finish(raw, stopReason(raw));
        }
    }

    private void usage(JsonNode u) {
        if (u.isObject()) {
            // Bedrock counts cache reads and writes apart from inputTokens, as Reaper does.
            out.usage(new Usage(Json.longValue(u, "inputTokens"), Json.longValue(u, "outputTokens"),
                    Json.longValue(u, "cacheReadInputTokens"), Json.longValue(u, "cacheWriteInputTokens"), 0));
        }
    }

    /** A non-streamed Converse response: {@code output.message.content}, {@code stopReason}, {@code usage}. */
    void wholeResponse(byte[] body) {
        JsonNode r = Json.tryParse(new String(body, StandardCharsets.UTF_8)).orElse(null);
        if (r == null || !r.isObject()) {
            fail(new ProviderException(ProviderException.Kind.MALFORMED_STREAM, out.provider(),
                    out.provider() + " sent a response that is not JSON"));
            return;
        }
        for (JsonNode block : r.path("output").path("message").path("content")) {
            wholeBlock(block);
        }
        usage(r.path("usage"));
        stop(Json.text(r, "stopReason"));
    }

    private void wholeBlock(JsonNode block) {
        if (block.has("text")) {
            out.text(Json.text(block, "text"));
            out.endBlock();
        } else if (block.path("toolUse").isObject()) {
            JsonNode use = block.path("toolUse");
            JsonNode input = use.path("input");
            out.toolCall(Json.text(use, "toolUseId"), Json.text(use, "name"),
                    input.isMissingNode() || input.isNull() ? "" : input.toString(), null, null);
        } else if (block.path("reasoningContent").isObject()) {
            JsonNode r = block.path("reasoningContent");
            JsonNode text = r.path("reasoningText");
            if (text.isObject()) {
                out.reasoning(Optional.ofNullable(Json.text(text, "text")).orElse(""));
                out.reasoningSignature(Json.text(text, "signature"));
                out.endBlock();
            }
            String redacted = Json.text(r, "redactedContent");
            if (redacted != null) {
                out.redactedReasoning(redacted);
            }
        } else {
            out.opaque(Json.write(block));
        }
    }

    static StopReason stopReason(String raw) {
        return switch (raw) {
            case "end_turn" -> StopReason.END_TURN;
            case "tool_use" -> StopReason.TOOL_USE;
            case "max_tokens", "model_context_window_exceeded" -> StopReason.MAX_TOKENS;
            case "stop_sequence" -> StopReason.STOP_SEQUENCE;
            case "guardrail_intervened", "content_filtered" -> StopReason.CONTENT_FILTER;
            default -> StopReason.OTHER;
        };
    }
}
