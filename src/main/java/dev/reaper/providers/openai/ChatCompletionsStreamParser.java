package dev.reaper.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.json.Json;
import dev.reaper.protocol.StopReason;
import dev.reaper.protocol.Usage;
import dev.reaper.router.ProviderException;
import dev.reaper.router.ResponseAssembler;
import dev.reaper.router.wire.SseDecoder;
import java.util.Optional;

/**
 * Chat Completions chunks into an assembler, for OpenAI and every compatible server: choice-less chunks
 * (Azure's prompt filter, the usage chunk), usage on any chunk (last non-null wins), reasoning as
 * {@code reasoning_content} or {@code reasoning}, Mistral's content part arrays, tool calls accumulated
 * per index with ids and names never overwritten by empty ones, and error objects inside the stream.
 */
final class ChatCompletionsStreamParser implements SseDecoder.Handler {

    private final ResponseAssembler out;
    private int wholeCalls;

    ChatCompletionsStreamParser(ResponseAssembler out) {
        this.out = out;
    }

    @Override
    public void onEvent(String event, String data) {
        String d = data.strip();
        if (d.equals("[DONE]")) {
            out.markComplete();
            return;
        }
        Optional<JsonNode> parsed = Json.tryParse(d);
        if (parsed.isEmpty() || !parsed.get().isObject()) {
            return;
        }
        JsonNode chunk = parsed.get();
        if (Json.has(chunk, "error")) {
            error(chunk.get("error"));
            return;
        }
        out.start(Json.text(chunk, "id"), Json.text(chunk, "model"));
        JsonNode usage = chunk.get("usage");
        if (usage != null && usage.isObject()) {
            out.usage(usage(usage));
        }
        for (JsonNode choice : chunk.path("choices")) {
            if (choice.path("index").asInt(0) != 0) {
                continue; // Reaper asks for one choice
            }
            delta(choice.path("delta"));
            String finish = Json.text(choice, "finish_reason");
            if (finish != null) {
                out.finish(finish, stopReason(finish));
            }
        }
    }

    /** A non-streamed completion: each choice carries a whole {@code message} instead of deltas. */
    void wholeCompletion(String body) {
        JsonNode root = Json.tryParse(body).orElse(null);
        if (root == null || !root.isObject()) {
            out.error(new ProviderException(ProviderException.Kind.MALFORMED_STREAM, out.provider(),
                    out.provider() + " sent a response that is not JSON"));
            return;
        }
        if (Json.has(root, "error")) {
            error(root.get("error"));
            return;
        }
        out.start(Json.text(root, "id"), Json.text(root, "model"));
        if (root.path("usage").isObject()) {
            out.usage(usage(root.get("usage")));
        }
        for (JsonNode choice : root.path("choices")) {
            if (choice.path("index").asInt(0) != 0) {
                continue;
            }
            delta(choice.path("message"));
            String finish = Json.text(choice, "finish_reason");
            if (finish != null) {
                out.finish(finish, stopReason(finish));
            }
        }
        out.markComplete();
    }

    private void delta(JsonNode delta) {
        if (!delta.isObject()) {
            return;
        }
        String reasoning = Json.text(delta, "reasoning_content");
        if (reasoning == null) {
            reasoning = Json.text(delta, "reasoning");
        }
        if (reasoning != null) {
            out.reasoning(reasoning);
        }
        JsonNode content = delta.get("content");
        if (content != null && content.isTextual()) {
            out.text(content.asText());
        } else if (content != null && content.isArray()) {
            contentParts(content);
        }
        String refusal = Json.text(delta, "refusal");
        if (refusal != null) {
            out.text(refusal);
        }
        JsonNode calls = delta.get("tool_calls");
        if (calls != null && calls.isArray()) {
            for (JsonNode call : calls) {
                toolCall(call);
            }
        }
    }

    /** Mistral's content as parts: {@code text} and {@code thinking} (itself a list of text parts). */
    private void contentParts(JsonNode parts) {
        for (JsonNode part : parts) {
            String type = Json.text(part, "type");
            if ("text".equals(type)) {
                out.text(Json.text(part, "text"));
            } else if ("thinking".equals(type)) {
                JsonNode thinking = part.path("thinking");
                if (thinking.isTextual()) {
                    out.reasoning(thinking.asText());
                } else {
                    for (JsonNode t : thinking) {
                        out.reasoning(Json.text(t, "text"));
                    }
                }
            }
        }
    }

    private void toolCall(JsonNode call) {
        JsonNode fn = call.path("function");
        Object key = call.has("index") ? (Object) call.path("index").asInt() : "whole-" + wholeCalls++;
        out.toolCallBegin(key, Json.text(call, "id"), Json.text(fn, "name"));
        JsonNode args = fn.get("arguments");
        if (args != null && args.isTextual()) {
            out.toolCallArguments(key, args.asText());
        } else if (args != null && args.isObject()) {
            out.toolCallArguments(key, args.toString());
        }
        if (key instanceof String) {
            out.toolCallEnd(key);
        }
    }

    private void error(JsonNode error) {
        out.error(OpenAiErrors.inStream(out.provider(), error));
    }

    static Usage usage(JsonNode u) {
        long prompt = u.path("prompt_tokens").asLong();
        long cached = u.path("prompt_tokens_details").path("cached_tokens").asLong();
        if (cached == 0) {
            cached = u.path("prompt_cache_hit_tokens").asLong(); // DeepSeek
        }
        long reasoning = u.path("completion_tokens_details").path("reasoning_tokens").asLong();
        return new Usage(Math.max(0, prompt - cached), u.path("completion_tokens").asLong(), cached, 0, reasoning);
    }

    static StopReason stopReason(String raw) {
        return switch (raw) {
            case "stop" -> StopReason.END_TURN;
            case "tool_calls", "function_call" -> StopReason.TOOL_USE;
            case "length" -> StopReason.MAX_TOKENS;
            case "content_filter" -> StopReason.CONTENT_FILTER;
            default -> StopReason.OTHER;
        };
    }
}
