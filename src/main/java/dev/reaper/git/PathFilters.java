package dev.reaper.git;

import java.util.ArrayList;
import java.util.List;

/** Path filters as JGit takes them: repository-relative, {@code /}-separated, no {@code ./} or trailing slash. */
final class PathFilters {

    private PathFilters() {}

    /** The given paths made plain; empty (no filter) when one of them is the root itself. */
    static List<String> normalize(String... paths) {
        List<String> out = new ArrayList<>();
        for (String p : paths) {
            String s = p.replace('\\', '/');
            while (s.startsWith("./")) {
                s = s.substring(2);
            }
            while (s.endsWith("/")) {
                s = s.substring(0, s.length() - 1);
            }
            if (s.isEmpty() || s.equals(".")) {
                return List.of();
            }
            out.add(s);
        }
        return out;
    }
}
