package dev.reaper.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits a shell command line into the simple commands it runs ({@code a && b | c; d}), so a rule that
 * allows {@code git diff:*} does not allow {@code git diff && rm -rf ~}. Quotes are respected, including
 * {@code $'...'} strings, where a backslash escapes a quote. Grouping and control keywords (a brace,
 * {@code then}, {@code do}…) are dropped from the front of each part, as they are not the command run.
 * A line using command substitution, process substitution or backticks cannot be split safely and is
 * reported as opaque.
 */
public final class ShellCommands {

    /** Reserved words that may start a part and are followed by the command they govern. */
    private static final Set<String> LEADING_KEYWORDS =
            Set.of("{", "}", "!", "if", "then", "elif", "else", "fi", "do", "done", "while", "until", "time");

    private ShellCommands() {}

    /** The parts, or an empty list when the line hides commands inside substitutions. */
    public static List<String> split(String line) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        boolean ansiC = false; // inside $'...', where \' does not end the string
        boolean afterDollar = false; // the previous character was an unquoted, unescaped $
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            boolean dollarBefore = afterDollar;
            afterDollar = false;
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && (quote == '"' || ansiC) && i + 1 < line.length()) {
                    cur.append(c);
                    c = line.charAt(++i);
                } else if (quote == '"' && (c == '`' || (c == '$' && i + 1 < line.length() && line.charAt(i + 1) == '('))) {
                    return List.of();
                }
                cur.append(c);
                continue;
            }
            switch (c) {
                case '\'', '"' -> {
                    quote = c;
                    ansiC = c == '\'' && dollarBefore;
                    cur.append(c);
                }
                case '\\' -> {
                    cur.append(c);
                    if (i + 1 < line.length()) {
                        cur.append(line.charAt(++i));
                    }
                }
                case '`' -> {
                    return List.of();
                }
                case '$', '<', '>' -> {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '(') {
                        return List.of();
                    }
                    afterDollar = c == '$';
                    cur.append(c);
                }
                case '&' -> {
                    char prev = cur.isEmpty() ? 0 : cur.charAt(cur.length() - 1);
                    boolean redirect = prev == '>' || prev == '<'
                            || (i + 1 < line.length() && line.charAt(i + 1) == '>');
                    if (redirect) {
                        cur.append(c);
                    } else {
                        add(parts, cur);
                        if (i + 1 < line.length() && line.charAt(i + 1) == '&') {
                            i++;
                        }
                    }
                }
                case ';', '|', '\n' -> {
                    add(parts, cur);
                    if (c == '|' && i + 1 < line.length() && line.charAt(i + 1) == '|') {
                        i++;
                    }
                }
                case '(', ')' -> add(parts, cur);
                default -> cur.append(c);
            }
        }
        add(parts, cur);
        return parts;
    }

    private static void add(List<String> parts, StringBuilder cur) {
        String s = cur.toString().strip();
        String[] words = s.split("\\s+", 2);
        while (LEADING_KEYWORDS.contains(words[0])) {
            s = words.length > 1 ? words[1] : "";
            words = s.split("\\s+", 2);
        }
        if (!s.isEmpty()) {
            parts.add(s);
        }
        cur.setLength(0);
    }
}
