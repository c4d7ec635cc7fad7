package dev.reaper.tools;

/**
 * Cuts text to a number of chars without splitting a surrogate pair: half an emoji is not valid UTF-16,
 * serialises as a lone escape, and makes providers reject the whole request.
 */
public final class Truncate {

    private Truncate() {}

    /** The first {@code n} chars (one fewer when the n-th would split a pair). */
    public static String head(String s, int n) {
        if (s.length() <= n) {
            return s;
        }
        int end = Math.max(0, n);
        if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    /** The last {@code n} chars (one fewer when the first would be the second half of a pair). */
    public static String tail(String s, int n) {
        if (s.length() <= n) {
            return s;
        }
        int start = s.length() - Math.max(0, n);
        if (start < s.length() && Character.isLowSurrogate(s.charAt(start))) {
            start++;
        }
        return s.substring(start);
    }
}
