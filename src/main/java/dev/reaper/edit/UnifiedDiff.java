package dev.reaper.edit;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a change as a git-style unified diff (java-diff-utils), for users and transcripts. Created and
 * deleted files are written out directly; a change too large to diff quickly (the algorithm is
 * quadratic in the worst case) is summarised by its line counts instead.
 */
public final class UnifiedDiff {

    /** Above this many lines on both sides together, a modification is summarised, not diffed. */
    static final int MAX_DIFF_LINES = 20_000;
    /** A created or deleted file shows at most this many lines. */
    static final int MAX_SHOWN_LINES = 2_000;

    private UnifiedDiff() {}

    /**
     * @param before the old text, or null when the file is new
     * @param after  the new text, or null when the file was deleted
     */
    public static String of(String path, String before, String after) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        String from = before == null ? "/dev/null" : "a/" + path;
        String to = after == null ? "/dev/null" : "b/" + path;
        if (a.isEmpty() || b.isEmpty()) {
            return whole(from, to, a, b);
        }
        if (a.size() + b.size() > MAX_DIFF_LINES) {
            return "--- " + from + "\n+++ " + to + "\n@@ " + a.size() + " lines replaced by " + b.size()
                    + " lines (too large to diff) @@\n";
        }
        var patch = DiffUtils.diff(a, b);
        List<String> out = UnifiedDiffUtils.generateUnifiedDiff(from, to, a, patch, 3);
        return String.join("\n", out) + (out.isEmpty() ? "" : "\n");
    }

    /** A file appearing or disappearing: every line added or removed. */
    private static String whole(String from, String to, List<String> a, List<String> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return "";
        }
        List<String> lines = a.isEmpty() ? b : a;
        char sign = a.isEmpty() ? '+' : '-';
        StringBuilder sb = new StringBuilder("--- ").append(from).append("\n+++ ").append(to).append('\n');
        sb.append(a.isEmpty() ? "@@ -0,0 +1," + b.size() + " @@\n" : "@@ -1," + a.size() + " +0,0 @@\n");
        int shown = Math.min(lines.size(), MAX_SHOWN_LINES);
        for (int i = 0; i < shown; i++) {
            sb.append(sign).append(lines.get(i)).append('\n');
        }
        if (shown < lines.size()) {
            sb.append(sign).append("... ").append(lines.size() - shown).append(" more lines\n");
        }
        return sb.toString();
    }

    private static List<String> lines(String text) {
        if (text == null || text.isEmpty()) {
            return new ArrayList<>();
        }
        String t = LineEndings.toLf(text);
        if (t.endsWith("\n")) {
            t = t.substring(0, t.length() - 1);
        }
        return List.of(t.split("\n", -1));
    }
}
