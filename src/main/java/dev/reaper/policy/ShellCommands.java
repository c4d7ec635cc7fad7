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
 * reported as opaque. {@link #effective} says which command a part really runs, for deny rules.
 */
public final class ShellCommands {

    /** Reserved words that may start a part and are followed by the command they govern. */
    private static final Set<String> LEADING_KEYWORDS =
            Set.of("{", "}", "!", "if", "then", "elif", "else", "fi", "do", "done", "while", "until", "time");

    /** Commands that run the command given after them (with their own options first). */
    private static final Set<String> WRAPPERS = Set.of("sudo", "doas", "env", "command", "builtin", "nohup", "exec",
            "nice", "ionice", "timeout", "stdbuf", "xargs", "time", "caffeinate");

    /** Options of wrappers that take a value as the next word. */
    private static final Set<String> OPTIONS_WITH_VALUE = Set.of("-u", "-g", "-n", "-s", "-k", "-c", "-p", "-C",
            "-h", "-U", "-D", "-E", "-I", "-L", "-P", "-i", "-o", "-e", "--user", "--group", "--signal",
            "--kill-after", "-S", "--chdir", "--unset");

    private static final Set<String> SHELLS = Set.of("sh", "bash", "zsh", "dash", "ksh", "fish");

    /** Programs that run a script given inline with -c or -e. */
    private static final Set<String> INTERPRETERS = Set.of("python", "python3", "perl", "ruby", "node", "deno");

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

    /**
     * Whether a simple command redirects output into a file ({@code > f}, {@code >> f}, {@code &> f},
     * {@code >| f}): an allow rule for the command must not let it write anywhere. Redirections to
     * {@code /dev/null} and between descriptors ({@code 2>&1}) are harmless.
     */
    public static boolean redirectsToFile(String part) {
        char quote = 0;
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"') {
                    i++;
                }
                continue;
            }
            if (c == '\\') {
                i++;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '>') {
                int j = i + 1;
                if (j < part.length() && (part.charAt(j) == '>' || part.charAt(j) == '|')) {
                    j++;
                }
                if (j < part.length() && part.charAt(j) == '&') {
                    continue; // >&2: to another descriptor
                }
                while (j < part.length() && part.charAt(j) == ' ') {
                    j++;
                }
                int end = j;
                while (end < part.length() && !Character.isWhitespace(part.charAt(end))) {
                    end++;
                }
                String target = part.substring(j, end);
                if (!target.equals("/dev/null") && !target.matches("&\\d+")) {
                    return true;
                }
                i = end - 1;
            }
        }
        return false;
    }

    /**
     * The command a simple command really runs: leading variable assignments and wrappers ({@code sudo},
     * {@code env}, {@code nohup}, {@code timeout 10}…) dropped, the command word unquoted and stripped of
     * its directory ({@code sudo '/bin/rm' -rf x} runs {@code rm -rf x}). Empty when a script is handed to
     * an interpreter ({@code bash -c '…'}, {@code python -c}, {@code eval}): its text does not say what runs.
     */
    public static java.util.Optional<String> effective(String part) {
        List<String> words = new ArrayList<>(List.of(part.split("\\s+")));
        int i = 0;
        boolean wrapped = false;
        while (i < words.size()) {
            String w = words.get(i);
            String bare = commandName(w);
            if (w.matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
                i++;
            } else if (WRAPPERS.contains(bare)) {
                wrapped = true;
                i++;
                while (i < words.size() && (words.get(i).startsWith("-") || words.get(i).matches("\\d+(\\.\\d+)?[smhd]?")
                        || words.get(i).matches("[A-Za-z_][A-Za-z0-9_]*=.*"))) {
                    if (OPTIONS_WITH_VALUE.contains(words.get(i)) && i + 1 < words.size()) {
                        i++;
                    }
                    i++;
                }
            } else {
                break;
            }
        }
        if (i >= words.size()) {
            return wrapped ? java.util.Optional.empty() : java.util.Optional.of(part);
        }
        String name = commandName(words.get(i));
        String next = i + 1 < words.size() ? words.get(i + 1) : "";
        boolean inlineScript = name.equals("eval")
                || (SHELLS.contains(name) && next.matches("-[a-zA-Z]*c[a-zA-Z]*"))
                || (INTERPRETERS.contains(name) && (next.equals("-c") || next.equals("-e") || next.equals("-E")));
        if (inlineScript) {
            return java.util.Optional.empty();
        }
        StringBuilder sb = new StringBuilder(name);
        for (int k = i + 1; k < words.size(); k++) {
            sb.append(' ').append(words.get(k));
        }
        return java.util.Optional.of(sb.toString());
    }

    /** A command word as the shell resolves it: quotes and backslashes removed, directory dropped. */
    private static String commandName(String word) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c == '\\' && i + 1 < word.length()) {
                sb.append(word.charAt(++i));
            } else if (c != '\'' && c != '"') {
                sb.append(c);
            }
        }
        String w = sb.toString();
        if (w.startsWith("$'")) {
            w = w.substring(1);
        }
        int slash = w.lastIndexOf('/');
        return slash >= 0 && slash < w.length() - 1 ? w.substring(slash + 1) : w;
    }
}
