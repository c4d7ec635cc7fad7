package dev.reaper.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reaper.json.Json;
import dev.reaper.protocol.StopReason;
import dev.reaper.protocol.Usage;
import dev.reaper.router.ProviderException;
import dev.reaper.router.ResponseAssembler;
import dev.reaper.router.wire.SseDecoder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Responses API events into an assembler. Output items are keyed by {@code output_index} (some proxies
 * change {@code item_id} on every event) and by which response of the stream they belong to, as a body may
 * hold several concatenated responses. Message text, refusals, reasoning summaries and reasoning text
 * stream as deltas; a reasoning item's {@code encrypted_content} is kept verbatim as the block's signature.
 * Function calls take their {@code call_id} from {@code output_item.added} and their arguments from the
 * deltas, replaced by the full value the {@code .done} events repeat. Custom tools stream raw text, which
 * becomes {@code {"input": text}} so tool arguments stay JSON. Hosted tools (web search, code interpreter,
 * MCP, shell, ...) run on the provider's side and are skipped. Usage comes only with the final response;
 * its status ({@code completed}, {@code incomplete}, {@code failed}) is the stop reason. An {@code error}
 * event is reported with the text so far kept; events that are not JSON are skipped.
 */
final class ResponsesStreamParser implements SseDecoder.Handler {

    private final ResponseAssembler out;
    /** Raw input of open custom tool calls, by item key. */
    private final Map<String, StringBuilder> customInputs = new LinkedHashMap<>();
    private int responses;
    private boolean clientCalls;
    /** The key of the message or reasoning item whose text is streaming, or null. */
    private String streaming;

    ResponsesStreamParser(ResponseAssembler out) {
        this.out = out;
    }

    @Override
    public void onEvent(String event, String data) {
        Optional<JsonNode> parsed = Json.tryParse(data.strip());
        if (parsed.isEmpty() || !parsed.get().isObject()) {
            return;
        }
        JsonNode ev = parsed.get();
        String type = Optional.ofNullable(Json.text(ev, "type")).orElse(event == null ? "" : event);
        String key = key(ev);
        switch (type) {
            case "response.created" -> {
                responses++;
                clientCalls = false;
                endStreaming();
                start(ev.path("response"));
            }
            case "response.in_progress" -> start(ev.path("response"));
            case "response.output_item.added" -> itemAdded(key, ev.path("item"));
            case "response.output_text.delta", "response.refusal.delta" -> {
                streamingIn(key);
                out.text(Json.text(ev, "delta"));
            }
            case "response.reasoning_summary_text.delta", "response.reasoning_text.delta" -> {
                streamingIn(key);
                out.reasoning(Json.text(ev, "delta"));
            }
            case "response.reasoning_summary_part.added" -> {
                if (ev.path("summary_index").asInt(0) > 0) {
                    streamingIn(key);
                    out.reasoning("\n\n");
                }
            }
            case "response.function_call_arguments.delta" -> out.toolCallArguments(key, Json.text(ev, "delta"));
            case "response.function_call_arguments.done" ->
                    out.toolCallArgumentsReplace(key, Json.text(ev, "arguments"));
            case "response.custom_tool_call_input.delta" -> {
                StringBuilder input = customInputs.get(key);
                String delta = Json.text(ev, "delta");
                if (input != null && delta != null) {
                    input.append(delta);
                }
            }
            case "response.output_item.done" -> itemDone(key, ev.path("item"));
            case "response.completed", "response.incomplete", "response.failed" -> finished(ev.path("response"));
            case "error" -> out.error(OpenAiErrors.inStream(out.provider(), errorObject(ev)));
            default -> { } // part boundaries, annotations, hosted tools' progress, unknown events
        }
    }

    @Override
    public void onEnd(boolean midLine) {
        for (String key : customInputs.keySet().toArray(String[]::new)) {
            endCustomCall(key, null);
        }
    }

    /** A non-streamed response: the same items, each delivered whole in {@code output}. */
    void wholeResponse(String body) {
        JsonNode root = Json.tryParse(body).orElse(null);
        if (root == null || !root.isObject()) {
            out.error(new ProviderException(ProviderException.Kind.MALFORMED_STREAM, out.provider(),
                    out.provider() + " sent a response that is not JSON"));
            return;
        }
        if (root.path("error").isObject() && !root.has("output")) {
            out.error(OpenAiErrors.inStream(out.provider(), root.get("error")));
            return;
        }
        start(root);
        for (JsonNode item : root.path("output")) {
            wholeItem(item);
        }
        finished(root);
        out.markComplete();
    }

    private void start(JsonNode response) {
        out.start(Json.text(response, "id"), Json.text(response, "model"));
    }

    /** Items of concatenated responses reuse output indexes, so the response's number is part of the key. */
    private String key(JsonNode ev) {
        JsonNode index = ev.get("output_index");
        return responses + ":" + (index != null && index.canConvertToInt() ? index.asText() : Json.text(ev, "item_id"));
    }

    /** Text arriving for an item other than the one streaming starts a new block. */
    private void streamingIn(String key) {
        if (!key.equals(streaming)) {
            out.endBlock();
            streaming = key;
        }
    }

    private void endStreaming() {
        out.endBlock();
        streaming = null;
    }

    private void itemAdded(String key, JsonNode item) {
        switch (String.valueOf(Json.text(item, "type"))) {
            case "function_call" -> {
                out.toolCallBegin(key, Json.text(item, "call_id"), Json.text(item, "name"));
                out.toolCallArguments(key, Json.text(item, "arguments"));
            }
            case "custom_tool_call" -> {
                out.toolCallBegin(key, Json.text(item, "call_id"), Json.text(item, "name"));
                customInputs.put(key, new StringBuilder(Optional.ofNullable(Json.text(item, "input")).orElse("")));
            }
            default -> { }
        }
    }

    private void itemDone(String key, JsonNode item) {
        switch (String.valueOf(Json.text(item, "type"))) {
            case "function_call" -> {
                out.toolCallBegin(key, Json.text(item, "call_id"), Json.text(item, "name"));
                out.toolCallArgumentsReplace(key, Json.text(item, "arguments"));
                out.toolCallEnd(key);
                clientCalls = true;
            }
            case "custom_tool_call" -> {
                out.toolCallBegin(key, Json.text(item, "call_id"), Json.text(item, "name"));
                endCustomCall(key, Json.text(item, "input"));
            }
            case "reasoning" -> {
                streamingIn(key);
                out.reasoningSignature(Json.text(item, "encrypted_content"));
                endStreaming();
            }
            case "message" -> {
                if (key.equals(streaming)) {
                    endStreaming();
                }
            }
            default -> { }
        }
    }

    /** Closes a custom tool call with its whole input, or what streamed of it when {@code whole} is null. */
    private void endCustomCall(String key, String whole) {
        StringBuilder streamed = customInputs.remove(key);
        String input = whole != null ? whole : streamed == null ? "" : streamed.toString();
        out.toolCallArgumentsReplace(key, Json.write(Json.object().put("input", input)));
        out.toolCallEnd(key);
        clientCalls = true;
    }

    private void wholeItem(JsonNode item) {
        switch (String.valueOf(Json.text(item, "type"))) {
            case "message" -> {
                for (JsonNode part : item.path("content")) {
                    String type = String.valueOf(Json.text(part, "type"));
                    if (type.equals("output_text")) {
                        out.text(Json.text(part, "text"));
                    } else if (type.equals("refusal")) {
                        out.text(Json.text(part, "refusal"));
                    }
                }
                out.endBlock();
            }
            case "reasoning" -> {
                String sep = "";
                for (JsonNode part : item.path("summary")) {
                    out.reasoning(sep + Optional.ofNullable(Json.text(part, "text")).orElse(""));
                    sep = "\n\n";
                }
                for (JsonNode part : item.path("content")) {
                    out.reasoning(Json.text(part, "text"));
                }
                out.reasoningSignature(Json.text(item, "encrypted_content"));
                out.endBlock();
            }
            case "function_call" -> {
                out.toolCall(Json.text(item, "call_id"), Json.text(item, "name"), Json.text(item, "arguments"), null,
                        null);
                clientCalls = true;
            }
            case "custom_tool_call" -> {
                String input = Optional.ofNullable(Json.text(item, "input")).orElse("");
                out.toolCall(Json.text(item, "call_id"), Json.text(item, "name"),
                        Json.write(Json.object().put("input", input)), null, null);
                clientCalls = true;
            }
            default -> { }
        }
    }

    private void finished(JsonNode response) {
        JsonNode usage = response.get("usage");
        if (usage != null && usage.isObject()) {
            out.usage(usage(usage));
        }
        String status = Json.text(response, "status");
        if ("failed".equals(status)) {
            JsonNode error = response.path("error");
            out.error(error.isObject() ? OpenAiErrors.inStream(out.provider(), error)
                    : new ProviderException(ProviderException.Kind.SERVER, out.provider(),
                            out.provider() + " reported the response failed, without saying why"));
        }
        if (status != null) {
            out.finish(status, stopReason(status, Json.text(response.path("incomplete_details"), "reason")));
        }
    }

    private StopReason stopReason(String status, String incompleteReason) {
        return switch (status) {
            case "completed" -> clientCalls ? StopReason.TOOL_USE : StopReason.END_TURN;
            case "incomplete" -> "max_output_tokens".equals(incompleteReason) ? StopReason.MAX_TOKENS
                    : "content_filter".equals(incompleteReason) ? StopReason.CONTENT_FILTER : StopReason.OTHER;
            default -> StopReason.OTHER;
        };
    }

    /** The {@code error} event carries its fields at the top level, or (as recorded) inside {@code error}. */
    private static JsonNode errorObject(JsonNode ev) {
        if (ev.path("error").isObject()) {
            return ev.get("error");
        }
        ObjectNode e = Json.object();
        e.put("message", Optional.ofNullable(Json.text(ev, "message")).orElse("unknown error"));
        if (Json.text(ev, "code") != null) {
            e.put("code", Json.text(ev, "code"));
        }
        return e;
    }

    static Usage usage(JsonNode u) {
        long input = u.path("input_tokens").asLong();
        long cached = u.path("input_tokens_details").path("cached_tokens").asLong();
        long reasoning = u.path("output_tokens_details").path("reasoning_tokens").asLong();
        return new Usage(Math.max(0, input - cached), u.path("output_tokens").asLong(), cached, 0, reasoning);
    }
}
