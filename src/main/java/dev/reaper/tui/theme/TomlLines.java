package dev.reaper.tui.theme;

import java.util.List;

/** Finds the line of a key in TOML text, so messages about a bad value can name it. */
public final class TomlLines {

    private TomlLines() {}

    /** The 1-based line where {@code key = ...} stands in {@code [table]} (or at the top when table is null), or 0. */
    public static int lineOf(List<String> lines, String table, String key) {
        String current = null;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.startsWith("[") && l.endsWith("]")) {
                current = l.substring(1, l.length() - 1).strip();
                continue;
            }
            boolean inTable = table == null ? current == null : table.equals(current);
            if (inTable && (l.startsWith(key + " ") || l.startsWith(key + "=") || l.startsWith("\"" + key + "\""))) {
                return i + 1;
            }
        }
        return 0;
    }
}
