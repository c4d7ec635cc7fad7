package dev.reaper.mcp.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reaper.json.Json;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Answers a server's {@code elicitation/create} in form mode (MCP 2025-06-18 and later): the server asks for a
 * few flat fields described by a restricted JSON Schema, and the answer accepts with values, declines, or
 * cancels. A client with a handler declares the {@code elicitation} capability; one without does not, and the
 * server must not ask. {@link #DECLINE} is the answer when nobody can be asked (one-shot runs, and
 * {@code reaper mcp call} unless told {@code --elicitation defaults}): a server's "proceed?" is never answered
 * yes for the user. An interactive front-end shows the form instead.
 */
public interface Elicitation {

    /** What the user (or Reaper for them) answered. */
    sealed interface Answer permits Accept, Decline, Cancel {}

    /** @param content the field values, by name */
    record Accept(ObjectNode content) implements Answer {}

    record Decline() implements Answer {}

    record Cancel() implements Answer {}

    /**
     * @param server  the server's configured name
     * @param message what the server says it wants, to show as it is
     * @param schema  the {@code requestedSchema}: an object of primitive properties, some required
     */
    Answer ask(String server, String message, JsonNode schema);

    /** Declines every form: nobody is there to answer it. */
    Elicitation DECLINE = (server, message, schema) -> new Decline();

    /**
     * Accepts with the schema's own defaults (SEP-1034: string, number, integer, boolean and enum defaults, and
     * multi-select arrays) when every required field has one, else declines: nobody is there to fill the form
     * in, and a server's defaults are the only values Reaper can give without making anything up.
     */
    Elicitation DEFAULTS = (server, message, schema) -> defaults(schema).<Answer>map(Accept::new)
            .orElseGet(Decline::new);

    /** The schema's defaults as content, or empty when a required field has none (or a default of the wrong type). */
    static Optional<ObjectNode> defaults(JsonNode schema) {
        ObjectNode content = Json.object();
        JsonNode properties = schema.path("properties");
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            JsonNode d = p.getValue().get("default");
            if (d != null && fits(p.getValue(), d)) {
                content.set(p.getKey(), d);
            }
        }
        for (JsonNode required : schema.path("required")) {
            if (!content.has(required.asText())) {
                return Optional.empty();
            }
        }
        return Optional.of(content);
    }

    /** Whether a default is a value of its property's type (and among its choices, for an enum). */
    private static boolean fits(JsonNode property, JsonNode value) {
        String type = property.path("type").asText("");
        boolean typed = switch (type) {
            case "string" -> value.isTextual();
            case "number" -> value.isNumber();
            case "integer" -> value.isIntegralNumber() || value.isNumber() && value.asDouble() == Math.rint(value.asDouble());
            case "boolean" -> value.isBoolean();
            case "array" -> value.isArray();
            default -> false;
        };
        if (!typed) {
            return false;
        }
        JsonNode choices = property.get("enum");
        if (choices != null && choices.isArray()) {
            for (JsonNode c : choices) {
                if (c.equals(value)) {
                    return true;
                }
            }
            return false;
        }
        JsonNode oneOf = property.get("oneOf");
        if (oneOf != null && oneOf.isArray() && value.isTextual()) {
            for (JsonNode c : oneOf) {
                if (c.path("const").equals(value)) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }
}
