package dev.reaper.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reaper.json.Json;
import dev.reaper.protocol.ContentBlock;
import dev.reaper.protocol.Message;
import dev.reaper.protocol.Role;
import dev.reaper.router.ChatRequest;
import dev.reaper.router.ToolSpec;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Writes a {@code generateContent} request. Thought signatures go back on the parts that carried them;
 * tool schemas are cut down to the OpenAPI subset Gemini accepts.
 */
final class GeminiRequestEncoder {

    private static final Set<String> SCHEMA_KEYS = Set.of("type", "format", "description", "nullable", "enum",
            "properties", "required", "items", "minItems", "maxItems", "minimum", "maximum", "anyOf",
            "minLength", "maxLength", "pattern", "title");

    private GeminiRequestEncoder() {}

    static byte[] encode(String provider, ChatRequest request) {
        ObjectNode body = Json.object();
        if (request.system() != null && !request.system().isEmpty()) {
            body.putObject("systemInstruction").putArray("parts").addObject().put("text", request.system());
        }
        Map<String, String> callNames = new HashMap<>();
        ArrayNode contents = body.putArray("contents");
        for (Message m : request.messages()) {
            ArrayNode parts = Json.array();
            for (ContentBlock b : m.content()) {
                ObjectNode part = encodeBlock(provider, b, callNames);
                if (part != null) {
                    parts.add(part);
                }
            }
            if (parts.isEmpty()) {
                continue;
            }
            ObjectNode content = contents.addObject();
            content.put("role", m.role() == Role.USER ? "user" : "model");
            content.set("parts", parts);
        }
        if (!request.tools().isEmpty()) {
            ArrayNode decls = body.putArray("tools").addObject().putArray("functionDeclarations");
            for (ToolSpec t : request.tools()) {
                ObjectNode fn = decls.addObject();
                fn.put("name", t.name());
                fn.put("description", t.description());
                JsonNode schema = sanitize(Json.parse(t.inputSchemaJson()));
                if (schema.path("properties").size() > 0) {
                    fn.set("parameters", schema);
                }
            }
        }
        body.putObject("generationConfig").put("maxOutputTokens", request.maxTokens());
        return Json.bytes(body);
    }

    private static ObjectNode encodeBlock(String provider, ContentBlock b, Map<String, String> callNames) {
        ObjectNode part = Json.object();
        switch (b) {
            case ContentBlock.Text t -> {
                if (t.text().isEmpty()) {
                    return null;
                }
                part.put("text", t.text());
            }
            case ContentBlock.Image img -> {
                ObjectNode data = part.putObject("inlineData");
                data.put("mimeType", img.mediaType());
                data.put("data", img.base64Data());
            }
            case ContentBlock.ToolUse call -> {
                callNames.put(call.id(), call.name());
                ObjectNode fc = part.putObject("functionCall");
                fc.put("name", call.name());
                fc.set("args", Json.tryParse(call.argumentsJson()).filter(JsonNode::isObject).orElse(Json.object()));
                if (call.signature() != null && provider.equals(call.provider())) {
                    part.put("thoughtSignature", call.signature());
                }
            }
            case ContentBlock.ToolResult r -> {
                ObjectNode fr = part.putObject("functionResponse");
                fr.put("name", callNames.getOrDefault(r.toolUseId(), "tool"));
                ObjectNode response = fr.putObject("response");
                response.put(r.isError() ? "error" : "content", r.content());
            }
            case ContentBlock.Reasoning r -> {
                if (r.signature() == null || !provider.equals(r.provider())) {
                    return null;
                }
                part.put("text", "");
                part.put("thoughtSignature", r.signature());
            }
            case ContentBlock.Opaque o -> {
                if (!provider.equals(o.provider())) {
                    return null;
                }
                return (ObjectNode) Json.parse(o.json());
            }
        }
        return part;
    }

    /** Keeps the schema keywords Gemini's function declarations accept, recursively. */
    static JsonNode sanitize(JsonNode schema) {
        if (!schema.isObject()) {
            return schema;
        }
        ObjectNode out = Json.object();
        for (Map.Entry<String, JsonNode> e : schema.properties()) {
            String key = e.getKey();
            if (!SCHEMA_KEYS.contains(key)) {
                continue;
            }
            JsonNode v = e.getValue();
            switch (key) {
                case "properties" -> {
                    ObjectNode props = out.putObject("properties");
                    v.properties().forEach(p -> props.set(p.getKey(), sanitize(p.getValue())));
                }
                case "items" -> out.set("items", sanitize(v));
                case "anyOf" -> {
                    ArrayNode any = out.putArray("anyOf");
                    v.forEach(s -> any.add(sanitize(s)));
                }
                case "type" -> {
                    if (v.isArray()) {
                        // ["string", "null"]: Gemini takes one type and a nullable flag
                        String first = null;
                        for (JsonNode t : v) {
                            if (t.asText().equals("null")) {
                                out.put("nullable", true);
                            } else if (first == null) {
                                first = t.asText();
                            }
                        }
                        out.put("type", first == null ? "string" : first);
                    } else {
                        out.set("type", v);
                    }
                }
                default -> out.set(key, v);
            }
        }
        return out;
    }
}
