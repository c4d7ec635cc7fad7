package dev.reaper.providers.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reaper.json.Json;
import dev.reaper.protocol.ContentBlock;
import dev.reaper.protocol.Message;
import dev.reaper.protocol.Role;
import dev.reaper.router.ChatRequest;
import dev.reaper.router.ToolSpec;
import java.util.Locale;

/**
 * Writes a Converse request body (the same for {@code converse} and {@code converse-stream}; the model
 * travels in the URL). Reasoning and provider blocks go back only to the provider that produced them,
 * verbatim: signed reasoning text, and redacted reasoning as the base64 it arrived as.
 */
final class BedrockRequestEncoder {

    private BedrockRequestEncoder() {}

    static byte[] encode(String provider, ChatRequest request) {
        ObjectNode body = Json.object();
        if (request.system() != null && !request.system().isEmpty()) {
            body.putArray("system").addObject().put("text", request.system());
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
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putObject("toolConfig").putArray("tools");
            for (ToolSpec t : request.tools()) {
                ObjectNode spec = tools.addObject().putObject("toolSpec");
                spec.put("name", t.name());
                if (t.description() != null && !t.description().isEmpty()) {
                    spec.put("description", t.description());
                }
                spec.putObject("inputSchema").set("json", Json.parse(t.inputSchemaJson()));
            }
        }
        body.putObject("inferenceConfig").put("maxTokens", request.maxTokens());
        return Json.bytes(body);
    }

    private static JsonNode encodeBlock(String provider, ContentBlock b) {
        ObjectNode n = Json.object();
        switch (b) {
            case ContentBlock.Text t -> {
                if (t.text().isEmpty()) {
                    return null; // Converse rejects blank text blocks
                }
                n.put("text", t.text());
            }
            case ContentBlock.Image img -> {
                ObjectNode image = n.putObject("image");
                image.put("format", imageFormat(img.mediaType()));
                image.putObject("source").put("bytes", img.base64Data());
            }
            case ContentBlock.ToolUse call -> {
                ObjectNode use = n.putObject("toolUse");
                use.put("toolUseId", call.id());
                use.put("name", call.name());
                use.set("input", Json.tryParse(call.argumentsJson()).filter(JsonNode::isObject).orElse(Json.object()));
            }
            case ContentBlock.ToolResult r -> {
                ObjectNode result = n.putObject("toolResult");
                result.put("toolUseId", r.toolUseId());
                result.putArray("content").addObject().put("text", r.content().isEmpty() ? "(no output)" : r.content());
                result.put("status", r.isError() ? "error" : "success");
            }
            case ContentBlock.Reasoning r -> {
                if (!provider.equals(r.provider())) {
                    return null;
                }
                ObjectNode reasoning = n.putObject("reasoningContent");
                if (r.redactedData() != null) {
                    reasoning.put("redactedContent", r.redactedData());
                } else if (r.signature() != null) {
                    ObjectNode text = reasoning.putObject("reasoningText");
                    text.put("text", r.text());
                    text.put("signature", r.signature());
                } else {
                    return null; // unsigned reasoning is rejected when sent back
                }
            }
            case ContentBlock.Opaque o -> {
                return provider.equals(o.provider()) ? Json.parse(o.json()) : null;
            }
        }
        return n;
    }

    /** Converse names formats {@code png}, {@code jpeg}, {@code gif} and {@code webp}. */
    private static String imageFormat(String mediaType) {
        String subtype = mediaType.substring(mediaType.indexOf('/') + 1).toLowerCase(Locale.ROOT);
        return subtype.equals("jpg") ? "jpeg" : subtype;
    }
}
