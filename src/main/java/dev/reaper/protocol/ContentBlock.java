package dev.reaper.protocol;

import java.util.Objects;

/**
 * One part of a message. Provider adapters translate these to and from their wire formats; blocks a
 * provider needs back verbatim on the next turn (reasoning signatures, server-side tool blocks) are
 * kept whole and tagged with the provider that produced them, so they are never sent to another.
 */
public sealed interface ContentBlock {

    record Text(String text) implements ContentBlock {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /** An image, base64-encoded, with its media type (image/png, image/jpeg, ...). */
    record Image(String mediaType, String base64Data) implements ContentBlock {
        public Image {
            Objects.requireNonNull(mediaType, "mediaType");
            Objects.requireNonNull(base64Data, "base64Data");
        }
    }

    /**
     * A tool call made by the model. {@code argumentsJson} is the JSON object text as the model sent it
     * (repaired to {@code {}} when it sent nothing). {@code signature} is provider continuation data that
     * must be returned with the call on the next turn (Gemini's thoughtSignature), or null.
     */
    record ToolUse(String id, String name, String argumentsJson, String signature, String provider)
            implements ContentBlock {
        public ToolUse {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(argumentsJson, "argumentsJson");
        }

        public ToolUse(String id, String name, String argumentsJson) {
            this(id, name, argumentsJson, null, null);
        }
    }

    /** The result of a tool call, sent back to the model in the next user message. */
    record ToolResult(String toolUseId, String content, boolean isError) implements ContentBlock {
        public ToolResult {
            Objects.requireNonNull(toolUseId, "toolUseId");
            Objects.requireNonNull(content, "content");
        }
    }

    /**
     * Model reasoning, kept verbatim: visible text, the provider's signature over it, and redacted
     * (encrypted) data when the provider hides the text. Only the producing provider gets it back.
     */
    record Reasoning(String text, String signature, String redactedData, String provider) implements ContentBlock {
        public Reasoning {
            Objects.requireNonNull(text, "text");
        }
    }

    /** A provider-specific block Reaper does not interpret (server tool results and the like), kept as raw JSON. */
    record Opaque(String provider, String json) implements ContentBlock {
        public Opaque {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(json, "json");
        }
    }
}
