package dev.reaper.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a JSON object from values addressed by simple JSONPath expressions
 * ({@code $.recipe.ingredients[0].name}, {@code $['odd key']}), as Gemini streams function-call
 * arguments. String values sent to the same path are appended.
 */
final class JsonPathWriter {

    private final ObjectNode root = JsonNodeFactory.instance.objectNode();

    ObjectNode root() {
        return root;
    }

    void appendString(String path, String piece) {
        List<Object> steps = parse(path);
        if (steps.isEmpty()) {
            return;
        }
        JsonNode existing = get(steps);
        String prefix = existing != null && existing.isTextual() ? existing.asText() : "";
        set(steps, JsonNodeFactory.instance.textNode(prefix + piece));
    }

    void setValue(String path, JsonNode value) {
        List<Object> steps = parse(path);
        if (!steps.isEmpty()) {
            set(steps, value);
        }
    }

    private JsonNode get(List<Object> steps) {
        JsonNode node = root;
        for (Object step : steps) {
            node = step instanceof Integer i ? node.path(i) : node.path((String) step);
            if (node.isMissingNode()) {
                return null;
            }
        }
        return node;
    }

    /** Array indexes beyond this are not arguments a model writes; they are ignored. */
    static final int MAX_INDEX = 10_000;

    private void set(List<Object> steps, JsonNode value) {
        if (!(steps.get(0) instanceof String)) {
            return; // arguments are an object: "$[0]" addresses nothing in them
        }
        for (Object step : steps) {
            if (step instanceof Integer i && (i < 0 || i > MAX_INDEX)) {
                return;
            }
        }
        JsonNode node = root;
        for (int i = 0; i < steps.size(); i++) {
            Object step = steps.get(i);
            boolean last = i == steps.size() - 1;
            Object next = last ? null : steps.get(i + 1);
            if (step instanceof String key) {
                ObjectNode obj = (ObjectNode) node;
                if (last) {
                    obj.set(key, value);
                    return;
                }
                JsonNode child = obj.get(key);
                if (child == null || !(next instanceof Integer ? child.isArray() : child.isObject())) {
                    child = next instanceof Integer ? obj.putArray(key) : obj.putObject(key);
                }
                node = child;
            } else {
                ArrayNode arr = (ArrayNode) node;
                int index = (Integer) step;
                while (arr.size() <= index) {
                    arr.addNull();
                }
                if (last) {
                    arr.set(index, value);
                    return;
                }
                JsonNode child = arr.get(index);
                if (!(next instanceof Integer ? child.isArray() : child.isObject())) {
                    child = next instanceof Integer ? JsonNodeFactory.instance.arrayNode()
                            : JsonNodeFactory.instance.objectNode();
                    arr.set(index, child);
                }
                node = child;
            }
        }
    }

    /** Steps of a path: field names as strings, array indexes as integers; empty when unparseable. */
    static List<Object> parse(String path) {
        List<Object> steps = new ArrayList<>();
        if (path == null || !path.startsWith("$")) {
            return steps;
        }
        int i = 1;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '.') {
                int j = i + 1;
                while (j < path.length() && path.charAt(j) != '.' && path.charAt(j) != '[') {
                    j++;
                }
                steps.add(path.substring(i + 1, j));
                i = j;
            } else if (c == '[') {
                int close = path.indexOf(']', i);
                if (close < 0) {
                    return List.of();
                }
                String inner = path.substring(i + 1, close);
                if (inner.startsWith("'") || inner.startsWith("\"")) {
                    if (inner.length() < 2) {
                        return List.of();
                    }
                    steps.add(inner.substring(1, inner.length() - 1));
                } else {
                    try {
                        steps.add(Integer.parseInt(inner));
                    } catch (NumberFormatException e) {
                        return List.of();
                    }
                }
                i = close + 1;
            } else {
                return List.of();
            }
        }
        return steps;
    }
}
