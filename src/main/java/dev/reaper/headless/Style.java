package dev.reaper.headless;

/** ANSI styling for stderr, or none (NO_COLOR, --no-color, not a terminal). */
final class Style {

    private final boolean color;

    Style(boolean color) {
        this.color = color;
    }

    String dim(String s) {
        return wrap("2", s);
    }

    String red(String s) {
        return wrap("31", s);
    }

    String green(String s) {
        return wrap("32", s);
    }

    String yellow(String s) {
        return wrap("33", s);
    }

    String cyan(String s) {
        return wrap("36", s);
    }

    String bold(String s) {
        return wrap("1", s);
    }

    private String wrap(String code, String s) {
        return color ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }

    /** A unified diff with its headers bold, hunk lines cyan, removals red and additions green. */
    String diff(String diff) {
        if (!color) {
            return diff;
        }
        StringBuilder sb = new StringBuilder();
        for (String line : diff.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            String styled = line.startsWith("+++") || line.startsWith("---") ? bold(line)
                    : line.startsWith("@@") ? cyan(line)
                    : line.startsWith("+") ? green(line)
                    : line.startsWith("-") ? red(line) : line;
            sb.append(styled).append('\n');
        }
        return sb.toString();
    }
}
