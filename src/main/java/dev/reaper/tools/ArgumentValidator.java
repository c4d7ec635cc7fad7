package dev.reaper.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks tool arguments against the tool's JSON Schema (the keywords tool schemas use: type,
 * properties, required, additionalProperties, enum, minimum, maximum, items) and says, in words a model
 * acts on, what to change.
 */
public final class ArgumentValidator {

    private ArgumentValidator() {}

    /** Problems found, empty when the arguments are valid. */
    public static List<String> validate(JsonNode args, String schemaJson) {
        List<String> problems = new ArrayList<>();
        check(args, Json.parse(schemaJson), "", problems);
        return problems;
    }

    private static void check(JsonNode value, JsonNode schema, String where, List<String> problems) {
        String type = Json.text(schema, "type");
        String name = where.isEmpty() ? "the arguments" : "`" + where + "`";
        if (type != null && !hasType(value, type)) {
            problems.add(name + " must be " + article(type) + " " + type + ", not " + describe(value));
            return;
        }
        JsonNode en = schema.get("enum");
        if (en != null && en.isArray()) {
            boolean found = false;
            for (JsonNode e : en) {
                found |= e.equals(value);
            }
            if (!found) {
                problems.add(name + " must be one of " + en);
            }
        }
        if (value.isNumber()) {
            if (schema.has("minimum") && value.asDouble() < schema.get("minimum").asDouble()) {
                problems.add(name + " must be at least " + schema.get("minimum"));
            }
            if (schema.has("maximum") && value.asDouble() > schema.get("maximum").asDouble()) {
                problems.add(name + " must be at most " + schema.get("maximum"));
            }
        }
        if (value.isObject()) {
            JsonNode props = schema.path("properties");
            for (JsonNode r : schema.path("required")) {
                JsonNode v = value.get(r.asText());
                if (v == null || v.isNull()) {
                    JsonNode p = props.path(r.asText());
                    String propType = Json.text(p, "type");
                    String description = Json.text(p, "description");
                    String hint = propType == null ? ""
                            : " (" + propType + (description == null ? "" : ": " + description) + ")";
                    problems.add("`" + path(where, r.asText()) + "` is required" + hint);
                }
            }
            for (Map.Entry<String, JsonNode> f : value.properties()) {
                JsonNode p = props.get(f.getKey());
                if (p != null) {
                    if (!f.getValue().isNull()) {
                        check(f.getValue(), p, path(where, f.getKey()), problems);
                    }
                } else if (schema.path("additionalProperties").isBoolean()
                        && !schema.path("additionalProperties").asBoolean()) {
                    List<String> known = new ArrayList<>();
                    props.fieldNames().forEachRemaining(known::add);
                    problems.add("`" + path(where, f.getKey()) + "` is not an argument of this tool (it takes "
                            + (known.isEmpty() ? "no arguments" : String.join(", ", known)) + ")");
                }
            }
        }
        if (value.isArray() && schema.has("items")) {
            int i = 0;
            for (JsonNode item : value) {
                check(item, schema.get("items"), where + "[" + i++ + "]", problems);
            }
        }
    }

    private static String path(String where, String field) {
        return where.isEmpty() ? field : where + "." + field;
    }

    private static boolean hasType(JsonNode v, String type) {
        return switch (type) {
            case "object" -> v.isObject();
            case "array" -> v.isArray();
            case "string" -> v.isTextual();
            case "integer" -> v.isIntegralNumber() || (v.isNumber() && v.asDouble() == Math.rint(v.asDouble()));
            case "number" -> v.isNumber();
            case "boolean" -> v.isBoolean();
            case "null" -> v.isNull();
            default -> true;
        };
    }

    private static String article(String type) {
        return type.startsWith("a") || type.startsWith("i") || type.startsWith("o") ? "an" : "a";
    }

    private static String describe(JsonNode v) {
        if (v.isTextual()) {
            return "a string";
        }
        if (v.isNumber()) {
            return "a number";
        }
        if (v.isBoolean()) {
            return "a boolean";
        }
        if (v.isArray()) {
            return "an array";
        }
        if (v.isObject()) {
            return "an object";
        }
        return "null";
    }
}
