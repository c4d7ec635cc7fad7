package dev.reaper.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.reaper.json.Json;
import dev.reaper.protocol.StopReason;
import dev.reaper.protocol.Usage;
import dev.reaper.router.ProviderException;
import dev.reaper.router.ResponseAssembler;
import dev.reaper.router.wire.SseDecoder;
import java.util.Optional;

/**
 * {@code streamGenerateContent?alt=sse} chunks into an assembler. Each chunk is a whole response
 * fragment: text and thought parts, function calls (whole, or streamed as {@code partialArgs} by
 * JSONPath), thought signatures on any part, cumulative usage (last wins), and errors sent as raw JSON
 * lines or as {@code error} objects inside the stream.
 */
final class GeminiStreamParser implements SseDecoder.Handler {

    private static final String STREAMED_CALL = "streamed-call";

    private final ResponseAssembler out;
    private final StringBuilder stray = new StringBuilder();
    private JsonPathWriter streamedArgs;
    private int streamedCount;
    private boolean sawCalls;

    GeminiStreamParser(ResponseAssembler out) {
        this.out = out;
    }

    @Override
    public void onEvent(String event, String data) {
        flushStray();
        Optional<JsonNode> parsed = Json.tryParse(data);
        if (parsed.isEmpty()) {
            return;
        }
        JsonNode root = parsed.get();
        if (root.isArray()) {
            root.forEach(this::chunk);
        } else {
            chunk(root);
        }
    }

    @Override
    public void onStrayLine(String line) {
        stray.append(line).append('\n');
        flushStrayIfComplete();
    }

    @Override
    public void onEnd(boolean midLine) {
        flushStray();
        endStreamedCall();
    }

    private void flushStrayIfComplete() {
        Optional<JsonNode> parsed = Json.tryParse(stray.toString());
        if (parsed.isPresent()) {
            stray.setLength(0);
            JsonNode n = parsed.get();
            chunk(n.isArray() && !n.isEmpty() ? n.get(0) : n);
        }
    }

    private void flushStray() {
        if (!stray.isEmpty()) {
            flushStrayIfComplete();
            stray.setLength(0);
        }
    }

    private void chunk(JsonNode chunk) {
        if (Json.has(chunk, "error")) {
            JsonNode error = chunk.get("error");
            out.error(GeminiAdapter.toException(out.provider(), error.path("code").asInt(0), error, null));
            return;
        }
        out.start(Json.text(chunk, "responseId"), Json.text(chunk, "modelVersion"));
        JsonNode usage = chunk.get("usageMetadata");
        if (usage != null && usage.isObject() && usage.has("promptTokenCount")) {
            out.usage(usage(usage));
        }
        JsonNode candidates = chunk.path("candidates");
        if (candidates.isEmpty()) {
            String blocked = Json.text(chunk.path("promptFeedback"), "blockReason");
            if (blocked != null) {
                out.finish(blocked, StopReason.CONTENT_FILTER);
            }
            return;
        }
        JsonNode candidate = candidates.get(0);
        for (JsonNode part : candidate.path("content").path("parts")) {
            part(part);
        }
        String finish = Json.text(candidate, "finishReason");
        if (finish != null) {
            endStreamedCall();
            out.finish(finish, stopReason(finish, sawCalls));
        }
    }

    private void part(JsonNode part) {
        String signature = Json.text(part, "thoughtSignature");
        JsonNode call = part.get("functionCall");
        if (call != null && call.isObject()) {
            functionCall(call, signature);
            return;
        }
        String text = Json.text(part, "text");
        if (text != null) {
            if (part.path("thought").asBoolean(false)) {
                out.reasoning(text);
            } else {
                out.text(text);
            }
        }
        if (signature != null) {
            out.reasoningSignature(signature);
            out.endBlock();
        }
    }

    private void functionCall(JsonNode call, String signature) {
        sawCalls = true;
        String name = Json.text(call, "name");
        boolean willContinue = call.path("willContinue").asBoolean(false);
        JsonNode partials = call.get("partialArgs");
        if (name != null && !name.isEmpty()) {
            endStreamedCall();
            if (willContinue) {
                streamedCount++;
                streamedArgs = new JsonPathWriter();
                out.toolCallBegin(streamKey(), idOf(call), name);
                out.toolCallSignature(streamKey(), signature);
                if (call.has("args")) {
                    call.get("args").properties().forEach(e -> streamedArgs.root().set(e.getKey(), e.getValue()));
                }
            } else {
                JsonNode args = call.get("args");
                out.toolCall(idOf(call), name, args == null || args.isNull() ? "{}" : args.toString(), signature, null);
            }
            return;
        }
        if (streamedArgs == null) {
            return;
        }
        if (partials != null && partials.isArray()) {
            for (JsonNode p : partials) {
                partialArg(p);
            }
        }
        if (!willContinue && (partials == null || partials.isEmpty())) {
            endStreamedCall();
        }
    }

    private void partialArg(JsonNode p) {
        String path = Json.text(p, "jsonPath");
        if (p.has("stringValue")) {
            streamedArgs.appendString(path, p.path("stringValue").asText());
        } else if (p.has("numberValue")) {
            streamedArgs.setValue(path, p.get("numberValue"));
        } else if (p.has("boolValue")) {
            streamedArgs.setValue(path, p.get("boolValue"));
        } else if (p.has("nullValue")) {
            streamedArgs.setValue(path, JsonNodeFactory.instance.nullNode());
        }
    }

    private Object streamKey() {
        return STREAMED_CALL + streamedCount;
    }

    private void endStreamedCall() {
        if (streamedArgs != null) {
            out.toolCallArguments(streamKey(), streamedArgs.root().toString());
            out.toolCallEnd(streamKey());
            streamedArgs = null;
        }
    }

    private static String idOf(JsonNode call) {
        String id = Json.text(call, "id");
        return id != null && !id.isEmpty() ? id : ResponseAssembler.newCallId();
    }

    static Usage usage(JsonNode u) {
        long prompt = u.path("promptTokenCount").asLong();
        long cached = u.path("cachedContentTokenCount").asLong();
        long thoughts = u.path("thoughtsTokenCount").asLong();
        return new Usage(Math.max(0, prompt - cached), u.path("candidatesTokenCount").asLong() + thoughts,
                cached, 0, thoughts);
    }

    static StopReason stopReason(String raw, boolean sawCalls) {
        return switch (raw) {
            case "STOP" -> sawCalls ? StopReason.TOOL_USE : StopReason.END_TURN;
            case "MAX_TOKENS" -> StopReason.MAX_TOKENS;
            case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY" ->
                    StopReason.CONTENT_FILTER;
            default -> StopReason.OTHER;
        };
    }

}
