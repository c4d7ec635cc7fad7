package dev.reaper.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.json.Json;

/** The argument a reader needs to recognise a tool call at a glance: a command, a path, a pattern. */
public final class CallSummary {

    private CallSummary() {}

    /** The call's main argument, its first line only; empty when there is none. */
    public static String of(String argumentsJson) {
        JsonNode args = Json.tryParse(argumentsJson).orElse(null);
        if (args == null || !args.isObject()) {
            return "";
        }
        for (String key : new String[] {"command", "path", "pattern"}) {
            String v = Json.text(args, key);
            if (v != null) {
                return firstLine(v);
            }
        }
        if (args.has("todos")) {
            return "(" + args.path("todos").size() + " steps)";
        }
        return args.has("patch") ? "(patch)" : "";
    }

    /** The first line of {@code s}, stripped, with an ellipsis when more follows. */
    public static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl) + " …";
    }
}
