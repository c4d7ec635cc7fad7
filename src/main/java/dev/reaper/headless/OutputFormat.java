package dev.reaper.headless;

import java.util.Locale;

/** How a one-shot run prints: the answer as text, one JSON result, or one JSON event per line. */
public enum OutputFormat {
    TEXT, JSON, STREAM_JSON;

    public static OutputFormat parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "text" -> TEXT;
            case "json" -> JSON;
            case "stream-json" -> STREAM_JSON;
            default -> throw new IllegalArgumentException("unknown output format '" + s + "': use text, json or stream-json");
        };
    }
}
