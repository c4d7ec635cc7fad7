package dev.reaper.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.json.Json;
import dev.reaper.tools.ToolOutput;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code tools/call} result as text for the model: text blocks as they are, images and audio as a line
 * saying what they were (the model gets text only), embedded resources with their text or a line for
 * binary ones, resource links by URI. {@code structuredContent} is added as JSON when no text block carries
 * it already (servers should echo it as text; not all do). {@code isError} makes an error result.
 */
public final class ToolResults {

    private ToolResults() {}

    public static ToolOutput output(JsonNode result) {
        List<String> parts = new ArrayList<>();
        boolean anyText = false;
        for (JsonNode block : result.path("content")) {
            String type = block.path("type").asText("");
            switch (type) {
                case "text" -> {
                    parts.add(block.path("text").asText(""));
                    anyText = true;
                }
                case "image", "audio" -> parts.add("[" + type + ": " + block.path("mimeType").asText("unknown type")
                        + ", " + base64Bytes(block.path("data").asText("")) + " bytes, not shown]");
                case "resource" -> parts.add(resource(block.path("resource")));
                case "resource_link" -> parts.add("[resource link: " + block.path("uri").asText("")
                        + describe(block) + "]");
                default -> parts.add("[content of type " + (type.isEmpty() ? "(none)" : type) + ", not shown]");
            }
        }
        JsonNode structured = result.get("structuredContent");
        if (structured != null && !structured.isNull() && !anyText) {
            parts.add(Json.write(structured));
        }
        String text = parts.isEmpty() ? "(no output)" : String.join("\n", parts);
        return result.path("isError").asBoolean(false) ? ToolOutput.error(text) : ToolOutput.ok(text);
    }

    /** One resource's contents: its text under a line naming it, or a line for binary contents. */
    static String resource(JsonNode r) {
        String head = "[resource " + r.path("uri").asText("") + "]";
        if (r.has("text")) {
            return head + "\n" + r.path("text").asText("");
        }
        return head.substring(0, head.length() - 1) + ": " + r.path("mimeType").asText("binary") + ", "
                + base64Bytes(r.path("blob").asText("")) + " bytes, not shown]";
    }

    private static String describe(JsonNode link) {
        String name = link.path("name").asText("");
        String description = link.path("description").asText("");
        return (name.isEmpty() ? "" : " " + name) + (description.isEmpty() ? "" : " (" + description + ")");
    }

    /** The decoded size of base64 text, without decoding it. */
    private static long base64Bytes(String data) {
        String d = data.strip();
        int pad = d.endsWith("==") ? 2 : d.endsWith("=") ? 1 : 0;
        return Math.max(0, d.length() / 4L * 3 - pad);
    }
}
