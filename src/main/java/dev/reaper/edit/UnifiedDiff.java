package dev.reaper.edit;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.util.List;

/** Renders a change as a git-style unified diff (java-diff-utils), for users and transcripts. */
public final class UnifiedDiff {

    private UnifiedDiff() {}

    /**
     * @param before the old text, or null when the file is new
     * @param after  the new text, or null when the file was deleted
     */
    public static String of(String path, String before, String after) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        var patch = DiffUtils.diff(a, b);
        List<String> out = UnifiedDiffUtils.generateUnifiedDiff(before == null ? "/dev/null" : "a/" + path,
                after == null ? "/dev/null" : "b/" + path, a, patch, 3);
        return String.join("\n", out) + (out.isEmpty() ? "" : "\n");
    }

    private static List<String> lines(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        String t = LineEndings.toLf(text);
        if (t.endsWith("\n")) {
            t = t.substring(0, t.length() - 1);
        }
        return List.of(t.split("\n", -1));
    }
}
