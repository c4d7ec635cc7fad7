package dev.reaper.review;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What kind of problem a finding is. Security (injection, secrets, unsafe deserialisation, path traversal...) has its own. */
public enum Category {
    BUG, SECURITY, PERFORMANCE, STYLE, TEST;

    public static Category parse(String s) {
        try {
            return valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("category '" + s + "' is not one of " + names());
        }
    }

    public static String names() {
        return Arrays.stream(values()).map(Category::id).collect(Collectors.joining(", "));
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
