package dev.reaper.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** Typed reads that fail with the key named. */
record ConfigReader(String origin) {

    JsonNode table(JsonNode parent, String key) {
        String leaf = key.contains(".") ? key.substring(key.lastIndexOf('.') + 1) : key;
        JsonNode v = parent.get(leaf);
        if (v == null || v.isNull()) {
            return Json.object();
        }
        if (!v.isObject()) {
            throw new ConfigException(origin + ": '" + key + "' must be a table ([" + key + "])");
        }
        return v;
    }

    Optional<String> string(JsonNode t, String field) {
        return string(t, field, null);
    }

    Optional<String> string(JsonNode t, String field, String table) {
        JsonNode v = t.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw new ConfigException(origin + ": '" + name(table, field) + "' must be a string, e.g. "
                    + name(table, field) + " = \"...\"");
        }
        return Optional.of(v.asText());
    }

    List<String> strings(JsonNode t, String key) {
        String leaf = key.contains(".") ? key.substring(key.lastIndexOf('.') + 1) : key;
        JsonNode v = t.get(leaf);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new ConfigException(origin + ": '" + key + "' must be a list of strings, e.g. " + leaf + " = [\"...\"]");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                throw new ConfigException(origin + ": every entry of '" + key + "' must be a string");
            }
            out.add(e.asText());
        }
        return out;
    }

    Optional<Integer> integer(JsonNode t, String key) {
        String leaf = key.contains(".") ? key.substring(key.lastIndexOf('.') + 1) : key;
        return integer(t, key, leaf);
    }

    Optional<Integer> integer(JsonNode t, String key, String leaf) {
        JsonNode v = t.get(leaf);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isIntegralNumber() || v.asLong() < 0 || v.asLong() > Integer.MAX_VALUE) {
            throw new ConfigException(origin + ": '" + key + "' must be a whole number ≥ 0");
        }
        return Optional.of(v.asInt());
    }

    OptionalLong longValue(JsonNode t, String field, String table) {
        JsonNode v = t.get(field);
        if (v == null || v.isNull()) {
            return OptionalLong.empty();
        }
        if (!v.isIntegralNumber() || v.asLong() < 0) {
            throw new ConfigException(origin + ": '" + name(table, field) + "' must be a whole number ≥ 0");
        }
        return OptionalLong.of(v.asLong());
    }

    OptionalDouble number(JsonNode t, String field, String table) {
        JsonNode v = t.get(field);
        if (v == null || v.isNull()) {
            return OptionalDouble.empty();
        }
        if (!v.isNumber() || v.asDouble() < 0) {
            throw new ConfigException(origin + ": '" + name(table, field) + "' must be a number ≥ 0");
        }
        return OptionalDouble.of(v.asDouble());
    }

    private static String name(String table, String field) {
        return table == null ? field : table + "." + field;
    }

    Optional<Boolean> bool(JsonNode t, String key) {
        String leaf = key.contains(".") ? key.substring(key.lastIndexOf('.') + 1) : key;
        JsonNode v = t.get(leaf);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isBoolean()) {
            throw new ConfigException(origin + ": '" + key + "' must be true or false");
        }
        return Optional.of(v.asBoolean());
    }

    /** A string that must be one of {@code allowed}; the error lists them. */
    Optional<String> choice(JsonNode t, String key, java.util.Collection<String> allowed) {
        String leaf = key.contains(".") ? key.substring(key.lastIndexOf('.') + 1) : key;
        Optional<String> v = string(t, leaf, key.contains(".") ? key.substring(0, key.lastIndexOf('.')) : null);
        if (v.isPresent() && !allowed.contains(v.get())) {
            throw new ConfigException(origin + ": '" + key + "' is \"" + v.get() + "\"; use one of " + String.join(", ", allowed));
        }
        return v;
    }

    static String originOf(Config c) {
        return c.sources().isEmpty() ? "config" : String.join(" + ", c.sources().stream().map(Object::toString).toList());
    }
}
