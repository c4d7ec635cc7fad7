package dev.reaper.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reaper.json.Json;
import dev.reaper.protocol.ContentBlock;
import dev.reaper.protocol.Message;
import dev.reaper.protocol.Role;
import java.util.ArrayList;
import java.util.List;

/** Messages as JSON, for transcripts and exports. Lossless: every block round-trips. */
public final class MessageCodec {

    private MessageCodec() {}

    public static ObjectNode encode(Message m) {
        ObjectNode n = Json.object();
        n.put("role", m.role() == Role.USER ? "user" : "assistant");
        ArrayNode content = n.putArray("content");
        for (ContentBlock b : m.content()) {
            content.add(encode(b));
        }
        return n;
    }

    public static ObjectNode encode(ContentBlock b) {
        ObjectNode n = Json.object();
        switch (b) {
            case ContentBlock.Text t -> {
                n.put("type", "text");
                n.put("text", t.text());
            }
            case ContentBlock.Image i -> {
                n.put("type", "image");
                n.put("media_type", i.mediaType());
                n.put("data", i.base64Data());
            }
            case ContentBlock.ToolUse u -> {
                n.put("type", "tool_use");
                n.put("id", u.id());
                n.put("name", u.name());
                n.put("arguments", u.argumentsJson());
                putIfPresent(n, "signature", u.signature());
                putIfPresent(n, "provider", u.provider());
            }
            case ContentBlock.ToolResult r -> {
                n.put("type", "tool_result");
                n.put("tool_use_id", r.toolUseId());
                n.put("content", r.content());
                if (r.isError()) {
                    n.put("is_error", true);
                }
            }
            case ContentBlock.Reasoning r -> {
                n.put("type", "reasoning");
                n.put("text", r.text());
                putIfPresent(n, "signature", r.signature());
                putIfPresent(n, "redacted", r.redactedData());
                putIfPresent(n, "provider", r.provider());
            }
            case ContentBlock.Opaque o -> {
                n.put("type", "opaque");
                n.put("provider", o.provider());
                n.put("json", o.json());
            }
        }
        return n;
    }

    private static void putIfPresent(ObjectNode n, String field, String value) {
        if (value != null) {
            n.put(field, value);
        }
    }

    public static Message decode(JsonNode n) {
        Role role = "assistant".equals(Json.text(n, "role")) ? Role.ASSISTANT : Role.USER;
        List<ContentBlock> blocks = new ArrayList<>();
        for (JsonNode b : n.path("content")) {
            ContentBlock block = decodeBlock(b);
            if (block != null) {
                blocks.add(block);
            }
        }
        return new Message(role, blocks);
    }

    private static ContentBlock decodeBlock(JsonNode b) {
        String type = Json.text(b, "type");
        if (type == null) {
            return null;
        }
        return switch (type) {
            case "text" -> new ContentBlock.Text(b.path("text").asText());
            case "image" -> new ContentBlock.Image(b.path("media_type").asText(), b.path("data").asText());
            case "tool_use" -> new ContentBlock.ToolUse(b.path("id").asText(), b.path("name").asText(),
                    b.path("arguments").asText("{}"), Json.text(b, "signature"), Json.text(b, "provider"));
            case "tool_result" -> new ContentBlock.ToolResult(b.path("tool_use_id").asText(),
                    b.path("content").asText(), b.path("is_error").asBoolean(false));
            case "reasoning" -> new ContentBlock.Reasoning(b.path("text").asText(), Json.text(b, "signature"),
                    Json.text(b, "redacted"), Json.text(b, "provider"));
            case "opaque" -> new ContentBlock.Opaque(b.path("provider").asText(), b.path("json").asText());
            default -> null;
        };
    }
}
