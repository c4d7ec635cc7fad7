package dev.reaper.providers.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reaper.json.Json;
import dev.reaper.protocol.ContentBlock;
import dev.reaper.protocol.Message;
import dev.reaper.protocol.Role;
import dev.reaper.router.ChatRequest;
import dev.reaper.router.ToolSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a Responses API request for a stateless conversation ({@code store: false}, the whole history sent
 * each turn): the system prompt as {@code instructions}; user text and images as a user message; tool
 * results as {@code function_call_output} items placed before the rest of their user message; assistant
 * text, {@code function_call} items with their call ids, and this provider's reasoning items with their
 * {@code encrypted_content} verbatim, in the order the model produced them. Item ids are never sent: with
 * nothing stored, the server would look them up and fail. Tools are non-strict function tools, as strict
 * mode would reject schemas with optional properties.
 */
final class ResponsesRequestEncoder {

    private ResponsesRequestEncoder() {}

    /**
     * @param provider the provider name, so only reasoning it produced is sent back to it
     * @param official whether the endpoint is OpenAI's own API, which takes a prompt cache key and reasoning
     *                 summaries for its reasoning models
     */
    static byte[] encode(String provider, String model, ChatRequest request, boolean official) {
        ObjectNode body = Json.object();
        body.put("model", model);
        body.put("stream", true);
        body.put("store", false);
        body.putArray("include").add("reasoning.encrypted_content");
        body.put("max_output_tokens", request.maxTokens());
        if (official && request.sessionId() != null) {
            body.put("prompt_cache_key", "reaper-" + request.sessionId());
        }
        if (official && isReasoningModel(model)) {
            body.putObject("reasoning").put("summary", "auto");
        }
        if (request.system() != null && !request.system().isEmpty()) {
            body.put("instructions", request.system());
        }
        ArrayNode input = body.putArray("input");
        for (Message m : request.messages()) {
            if (m.role() == Role.ASSISTANT) {
                assistant(input, m, provider);
            } else {
                user(input, m);
            }
        }
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (ToolSpec t : request.tools()) {
                ObjectNode fn = tools.addObject();
                fn.put("type", "function");
                fn.put("name", t.name());
                fn.put("description", t.description());
                fn.set("parameters", Json.parse(t.inputSchemaJson()));
                fn.put("strict", false);
            }
        }
        return Json.bytes(body);
    }

    /** OpenAI's reasoning families, which stream reasoning summaries only when asked to. */
    static boolean isReasoningModel(String model) {
        return model.matches("o\\d.*") || model.contains("codex")
                || (model.startsWith("gpt-5") && !model.contains("-chat"));
    }

    private static void assistant(ArrayNode input, Message m, String provider) {
        StringBuilder text = new StringBuilder();
        for (ContentBlock b : m.content()) {
            switch (b) {
                case ContentBlock.Text t -> text.append(t.text());
                case ContentBlock.ToolUse call -> {
                    flushText(input, text);
                    ObjectNode c = input.addObject();
                    c.put("type", "function_call");
                    c.put("call_id", call.id());
                    c.put("name", call.name());
                    c.put("arguments", call.argumentsJson());
                }
                case ContentBlock.Reasoning r -> {
                    if (r.signature() != null && provider.equals(r.provider())) {
                        flushText(input, text);
                        ObjectNode item = input.addObject();
                        item.put("type", "reasoning");
                        ArrayNode summary = item.putArray("summary");
                        if (!r.text().isEmpty()) {
                            summary.addObject().put("type", "summary_text").put("text", r.text());
                        }
                        item.put("encrypted_content", r.signature());
                    }
                }
                default -> { } // images, results and other providers' blocks have no assistant item
            }
        }
        flushText(input, text);
    }

    private static void flushText(ArrayNode input, StringBuilder text) {
        if (text.isEmpty()) {
            return;
        }
        ObjectNode msg = input.addObject();
        msg.put("type", "message");
        msg.put("role", "assistant");
        msg.putArray("content").addObject().put("type", "output_text").put("text", text.toString());
        text.setLength(0);
    }

    private static void user(ArrayNode input, Message m) {
        List<ContentBlock> rest = new ArrayList<>();
        for (ContentBlock b : m.content()) {
            if (b instanceof ContentBlock.ToolResult r) {
                ObjectNode out = input.addObject();
                out.put("type", "function_call_output");
                out.put("call_id", r.toolUseId());
                out.put("output", r.content().isEmpty() ? "(no output)" : r.content());
            } else if (b instanceof ContentBlock.Text || b instanceof ContentBlock.Image) {
                rest.add(b);
            }
        }
        if (rest.isEmpty()) {
            return;
        }
        ObjectNode msg = input.addObject();
        msg.put("type", "message");
        msg.put("role", "user");
        ArrayNode parts = msg.putArray("content");
        for (ContentBlock b : rest) {
            ObjectNode part = parts.addObject();
            if (b instanceof ContentBlock.Text t) {
                part.put("type", "input_text");
                part.put("text", t.text());
            } else if (b instanceof ContentBlock.Image img) {
                part.put("type", "input_image");
                part.put("image_url", "data:" + img.mediaType() + ";base64," + img.base64Data());
            }
        }
    }
}
