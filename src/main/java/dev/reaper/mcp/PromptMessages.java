package dev.reaper.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.protocol.ContentBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code prompts/get} result as a prompt the user sends: the messages' text in order (an assistant message
 * marked as such), embedded resources as their text under a line naming them, resource links by URI, and images
 * apart, to attach, each named in the text where it was. Audio cannot be sent, and is named as left out.
 */
public final class PromptMessages {

    /** The prompt's text and its images (image/* content, base64). */
    public record Rendered(String text, List<ContentBlock.Image> images) {
        public Rendered {
            images = List.copyOf(images);
        }
    }

    private PromptMessages() {}

    public static Rendered render(JsonNode result) {
        List<String> parts = new ArrayList<>();
        List<ContentBlock.Image> images = new ArrayList<>();
        for (JsonNode message : result.path("messages")) {
            boolean assistant = message.path("role").asText("user").equals("assistant");
            JsonNode content = message.path("content");
            List<JsonNode> blocks = new ArrayList<>();
            if (content.isArray()) {
                content.forEach(blocks::add);
            } else {
                blocks.add(content);
            }
            for (JsonNode block : blocks) {
                String part = switch (block.path("type").asText("")) {
                    case "text" -> block.path("text").asText("");
                    case "image" -> {
                        images.add(new ContentBlock.Image(block.path("mimeType").asText("image/png"),
                                block.path("data").asText("")));
                        yield "[image " + images.size() + ": " + block.path("mimeType").asText("image") + "]";
                    }
                    case "resource" -> ToolResults.resource(block.path("resource"));
                    case "resource_link" -> "[resource link: " + block.path("uri").asText("") + "]";
                    case "audio" -> "[audio: " + block.path("mimeType").asText("audio") + ", left out]";
                    default -> "[content of type " + block.path("type").asText("(none)") + ", left out]";
                };
                parts.add(assistant ? "(assistant) " + part : part);
            }
        }
        return new Rendered(String.join("\n\n", parts).strip(), images);
    }
}
