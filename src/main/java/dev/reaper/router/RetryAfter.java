package dev.reaper.router;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads how long a provider asked us to wait: {@code retry-after-ms}, {@code retry-after} in seconds or as an HTTP date. */
public final class RetryAfter {

    private RetryAfter() {}

    public static Duration fromHeaders(Map<String, List<String>> headers, Clock clock) {
        String ms = header(headers, "retry-after-ms");
        if (ms != null) {
            try {
                return Duration.ofMillis(Math.max(0, (long) Double.parseDouble(ms)));
            } catch (NumberFormatException ignored) {
                // fall through to retry-after
            }
        }
        String value = header(headers, "retry-after");
        if (value == null) {
            return null;
        }
        try {
            return Duration.ofMillis(Math.max(0, (long) (Double.parseDouble(value) * 1000)));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(clock.instant(), at.toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException notDate) {
                return null;
            }
        }
    }

    /** Parses a protobuf-style duration such as {@code "34.4s"} (Google's RetryInfo). */
    public static Duration fromProtoDuration(String text) {
        if (text == null || !text.endsWith("s")) {
            return null;
        }
        try {
            return Duration.ofMillis((long) (Double.parseDouble(text.substring(0, text.length() - 1)) * 1000));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A header value by case-insensitive name, or null. */
    public static String header(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().toLowerCase(Locale.ROOT).equals(name)
                    && !e.getValue().isEmpty()) {
                return e.getValue().get(0).strip();
            }
        }
        return null;
    }
}
