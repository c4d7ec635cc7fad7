package dev.reaper.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.json.Json;
import dev.reaper.protocol.StopReason;
import dev.reaper.protocol.Usage;
import dev.reaper.router.ProviderException;
import dev.reaper.router.ResponseAssembler;
import dev.reaper.router.wire.SseDecoder;
import java.util.Optional;

/**
 * Messages API stream events into an assembler. Handles pings anywhere, usage that changes in
 * {@code message_delta}, several messages in one stream, blocks carried whole inside
 * {@code message_start}, unknown blocks and deltas (skipped or kept opaque), errors after HTTP 200,
 * and streams that end inside an open block.
 */
final class AnthropicStreamParser implements SseDecoder.Handler {

    private final ResponseAssembler out;
    private String messageId;
    private boolean messageOpen;
    private Usage usage = Usage.ZERO;
    /** Block index to kind ("text", "thinking", "tool", "opaque", "skip") of the current message. */
    private final java.util.Map<Integer, String> blockKinds = new java.util.HashMap<>();
    private final java.util.Map<Integer, StringBuilder> opaqueInputs = new java.util.HashMap<>();
    private final java.util.Map<Integer, JsonNode> opaqueStarts = new java.util.HashMap<>();
    private int generation;
    private boolean failed;

    AnthropicStreamParser(ResponseAssembler out) {
        this.out = out;
    }

    @Override
    public void onEvent(String event, String data) {
        if (failed) {
            return;
        }
        Optional<JsonNode> parsed = Json.tryParse(data);
        if (parsed.isEmpty()) {
            return; // not JSON: skip and go on
        }
        JsonNode e = parsed.get();
        String type = Json.text(e, "type");
        if (type == null) {
            type = event;
        }
        if (type == null) {
            return;
        }
        switch (type) {
            case "message_start" -> messageStart(e.path("message"));
            case "content_block_start" -> blockStart(e.path("index").asInt(), e.path("content_block"));
            case "content_block_delta" -> blockDelta(e.path("index").asInt(), e.path("delta"));
            case "content_block_stop" -> blockStop(e.path("index").asInt());
            case "message_delta" -> messageDelta(e);
            case "message_stop" -> messageStop();
            case "error" -> error(e.path("error"));
            default -> { } // ping and events added after this was written
        }
    }

    /** A non-streamed Messages API response: the message object, or an error object. */
    void wholeMessage(String body) {
        JsonNode m = Json.tryParse(body).orElse(null);
        if (m == null || !m.isObject()) {
            out.error(new ProviderException(ProviderException.Kind.MALFORMED_STREAM, out.provider(),
                    out.provider() + " sent a response that is not JSON"));
            return;
        }
        if ("error".equals(Json.text(m, "type"))) {
            error(m.path("error"));
            return;
        }
        messageStart(m);
        String stop = Json.text(m, "stop_reason");
        if (stop != null) {
            out.finish(stop, stopReason(stop));
        }
        messageStop();
    }

    @Override
    public void onEnd(boolean midLine) {
        // Blocks left open (a stream cut at max_tokens or by the network) are closed best-effort by the
        // assembler; without message_stop the response stays marked incomplete.
    }

    private void messageStart(JsonNode message) {
        String id = Json.text(message, "id");
        if (messageOpen) {
            if (id != null && id.equals(messageId)) {
                return; // a repeated message_start: ignore
            }
            if (hasOpenTool()) {
                out.error(new ProviderException(ProviderException.Kind.MALFORMED_STREAM, out.provider(),
                        "the stream started message " + id + " while a tool_use block of " + messageId
                                + " was still open"));
                failed = true;
                return;
            }
        }
        messageOpen = true;
        messageId = id;
        generation++;
        blockKinds.clear();
        out.start(id, Json.text(message, "model"));
        usage = Usage.ZERO;
        applyUsage(message.path("usage"));
        JsonNode content = message.path("content");
        if (content.isArray()) {
            for (JsonNode block : content) {
                wholeBlock(block);
            }
        }
    }

    private boolean hasOpenTool() {
        for (var e : blockKinds.entrySet()) {
            if ((e.getValue().equals("tool") || e.getValue().equals("server_tool")) && out.hasOpenToolCall(key(e.getKey()))) {
                return true;
            }
        }
        return false;
    }

    private Object key(int index) {
        return generation + ":" + index;
    }

    private void wholeBlock(JsonNode block) {
        String type = Json.text(block, "type");
        if (type == null) {
            return;
        }
        switch (type) {
            case "text" -> {
                out.text(Json.text(block, "text"));
                out.endBlock();
            }
            case "thinking" -> {
                out.reasoning(Optional.ofNullable(Json.text(block, "thinking")).orElse(""));
                out.reasoningSignature(Json.text(block, "signature"));
                out.endBlock();
            }
            case "redacted_thinking" -> out.redactedReasoning(Json.text(block, "data"));
            case "tool_use" -> out.toolCall(Json.text(block, "id"), Json.text(block, "name"),
                    block.path("input").toString(), null, null);
            case "server_tool_use", "mcp_tool_use" -> out.toolCall(Json.text(block, "id"), Json.text(block, "name"),
                    block.path("input").toString(), null, type);
            default -> out.opaque(Json.write(block));
        }
    }

    private void blockStart(int index, JsonNode block) {
        String type = Json.text(block, "type");
        if (type == null) {
            blockKinds.put(index, "skip");
            return;
        }
        switch (type) {
            case "text" -> {
                out.endBlock();
                blockKinds.put(index, "text");
                out.text(Optional.ofNullable(Json.text(block, "text")).orElse(""));
            }
            case "thinking" -> {
                out.endBlock();
                blockKinds.put(index, "thinking");
                out.reasoning(Optional.ofNullable(Json.text(block, "thinking")).orElse(""));
                out.reasoningSignature(Json.text(block, "signature"));
            }
            case "redacted_thinking" -> {
                blockKinds.put(index, "skip");
                out.redactedReasoning(Json.text(block, "data"));
            }
            case "tool_use", "server_tool_use", "mcp_tool_use" -> {
                boolean client = type.equals("tool_use");
                blockKinds.put(index, client ? "tool" : "server_tool");
                out.toolCallBegin(key(index), Json.text(block, "id"), Json.text(block, "name"), client ? null : type);
                JsonNode input = block.get("input");
                if (input != null && input.isObject() && !input.isEmpty()) {
                    // A whole input at block start; input_json_delta fragments, if any, replace it.
                    out.toolCallArguments(key(index), input.toString());
                    opaqueStarts.put(index, input);
                }
            }
            default -> {
                blockKinds.put(index, "opaque");
                out.opaque(Json.write(block));
            }
        }
    }

    private void blockDelta(int index, JsonNode delta) {
        String kind = blockKinds.getOrDefault(index, "skip");
        String type = Json.text(delta, "type");
        if (type == null) {
            return;
        }
        switch (type) {
            case "text_delta" -> {
                if (kind.equals("text")) {
                    out.text(Json.text(delta, "text"));
                }
            }
            case "thinking_delta" -> {
                if (kind.equals("thinking")) {
                    out.reasoning(Json.text(delta, "thinking"));
                }
            }
            case "signature_delta" -> {
                if (kind.equals("thinking")) {
                    out.reasoningSignature(Json.text(delta, "signature"));
                }
            }
            case "input_json_delta" -> {
                if (kind.equals("tool") || kind.equals("server_tool")) {
                    if (opaqueStarts.remove(index) != null) {
                        out.toolCallArgumentsReplace(key(index), "");
                    }
                    out.toolCallArguments(key(index), Json.text(delta, "partial_json"));
                }
            }
            default -> { } // citations_delta, compaction_delta and deltas added later
        }
    }

    private void blockStop(int index) {
        String kind = blockKinds.getOrDefault(index, "skip");
        switch (kind) {
            case "tool", "server_tool" -> out.toolCallEnd(key(index));
            case "text", "thinking" -> out.endBlock();
            default -> { }
        }
        opaqueStarts.remove(index);
    }

    private void messageDelta(JsonNode e) {
        applyUsage(e.path("usage"));
        String stop = Json.text(e.path("delta"), "stop_reason");
        if (stop != null) {
            out.finish(stop, stopReason(stop));
        }
    }

    private void messageStop() {
        messageOpen = false;
        out.markComplete();
    }

    private void applyUsage(JsonNode u) {
        if (u == null || !u.isObject()) {
            return;
        }
        usage = new Usage(
                u.has("input_tokens") ? u.path("input_tokens").asLong() : usage.inputTokens(),
                u.has("output_tokens") ? u.path("output_tokens").asLong() : usage.outputTokens(),
                u.has("cache_read_input_tokens") ? u.path("cache_read_input_tokens").asLong() : usage.cacheReadTokens(),
                u.has("cache_creation_input_tokens") ? u.path("cache_creation_input_tokens").asLong() : usage.cacheWriteTokens(),
                0);
        out.usage(usage);
    }

    private void error(JsonNode error) {
        String type = Optional.ofNullable(Json.text(error, "type")).orElse("error");
        String message = Optional.ofNullable(Json.text(error, "message")).orElse(type);
        out.error(new ProviderException(AnthropicAdapter.kindOf(type, message, 0), out.provider(),
                out.provider() + " stream error (" + type + "): " + message));
    }

    static StopReason stopReason(String raw) {
        return switch (raw) {
            case "end_turn" -> StopReason.END_TURN;
            case "tool_use" -> StopReason.TOOL_USE;
            case "max_tokens", "model_context_window_exceeded" -> StopReason.MAX_TOKENS;
            case "stop_sequence" -> StopReason.STOP_SEQUENCE;
            case "refusal" -> StopReason.REFUSAL;
            case "pause_turn" -> StopReason.PAUSE;
            default -> StopReason.OTHER;
        };
    }
}
