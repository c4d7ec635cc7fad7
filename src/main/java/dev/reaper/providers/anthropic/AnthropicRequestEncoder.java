package dev.reaper.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reaper.json.Json;
import dev.reaper.protocol.ContentBlock;
import dev.reaper.protocol.Message;
import dev.reaper.protocol.Role;
import dev.reaper.router.ChatRequest;
import dev.reaper.router.ToolSpec;

/**
 * Writes a Messages API request. The stable prefix (system prompt, tools) and the newest message carry
 * {@code cache_control} breakpoints, so every turn of a session reads the previous one from the cache.
 */
final class AnthropicRequestEncoder {

    private AnthropicRequestEncoder() {}

    static byte[] encode(String provider, String model, ChatRequest request) {
        ObjectNode body = Json.object();
        body.put("model", model);
        body.put("max_tokens", request.maxTokens());
        body.put("stream", true);
        if (request.system() != null && !request.system().isEmpty()) {
            ArrayNode system = body.putArray("system");
            ObjectNode block = system.addObject();
            block.put("type", "text");
            block.put("text", request.system());
            cache(block);
        }
        ArrayNode messages = body.putArray("messages");
        for (Message m : request.messages()) {
            ArrayNode content = Json.array();
            for (ContentBlock b : m.content()) {
                JsonNode encoded = encodeBlock(provider, b);
                if (encoded != null) {
                    content.add(encoded);
                }
            }
            if (content.isEmpty()) {
                continue;
            }
            ObjectNode msg = messages.addObject();
            msg.put("role", m.role() == Role.USER ? "user" : "assistant");
            msg.set("content", content);
        }
        if (!messages.isEmpty()) {
            JsonNode last = messages.get(messages.size() - 1).get("content");
            JsonNode lastBlock = last.get(last.size() - 1);
            String type = lastBlock.path("type").asText();
            if (!type.equals("thinking") && !type.equals("redacted_thinking")) {
                cache((ObjectNode) lastBlock);
            }
        }
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            ObjectNode tool = null;
            for (ToolSpec t : request.tools()) {
                tool = tools.addObject();
                tool.put("name", t.name());
                tool.put("description", t.description());
                tool.set("input_schema", Json.parse(t.inputSchemaJson()));
            }
            cache(tool);
        }
        if (request.sessionId() != null) {
            body.putObject("metadata").put("user_id", "reaper-session-" + request.sessionId());
        }
        return Json.bytes(body);
    }

    private static void cache(ObjectNode block) {
        block.putObject("cache_control").put("type", "ephemeral");
    }

    private static JsonNode encodeBlock(String provider, ContentBlock b) {
        return switch (b) {
            case ContentBlock.Text t -> {
                if (t.text().isEmpty()) {
                    yield null;
                }
                ObjectNode n = Json.object();
                n.put("type", "text");
                n.put("text", t.text());
                yield n;
            }
            case ContentBlock.Image img -> {
                ObjectNode n = Json.object();
                n.put("type", "image");
                ObjectNode src = n.putObject("source");
                src.put("type", "base64");
                src.put("media_type", img.mediaType());
                src.put("data", img.base64Data());
                yield n;
            }
            case ContentBlock.ToolUse call -> {
                ObjectNode n = Json.object();
                n.put("type", "tool_use");
                n.put("id", call.id());
                n.put("name", call.name());
                n.set("input", Json.tryParse(call.argumentsJson()).filter(JsonNode::isObject).orElse(Json.object()));
                yield n;
            }
            case ContentBlock.ToolResult r -> {
                ObjectNode n = Json.object();
                n.put("type", "tool_result");
                n.put("tool_use_id", r.toolUseId());
                n.put("content", r.content().isEmpty() ? "(no output)" : r.content());
                if (r.isError()) {
                    n.put("is_error", true);
                }
                yield n;
            }
            case ContentBlock.Reasoning r -> {
                if (!provider.equals(r.provider())) {
                    yield null;
                }
                ObjectNode n = Json.object();
                if (r.redactedData() != null) {
                    n.put("type", "redacted_thinking");
                    n.put("data", r.redactedData());
                } else if (r.signature() != null) {
                    n.put("type", "thinking");
                    n.put("thinking", r.text());
                    n.put("signature", r.signature());
                } else {
                    yield null; // unsigned thinking is rejected by the API
                }
                yield n;
            }
            case ContentBlock.Opaque o -> provider.equals(o.provider()) ? Json.parse(o.json()) : null;
        };
    }
}
