package dev.reaper.review;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a diff may have findings: per changed file, its line count in the new version and the line
 * ranges the diff added or changed, with some context around them (a finding about a changed call may
 * rightly point at the line just above it).
 */
public final class ChangedLines {

    /** Lines of unchanged code around a change a finding may still point at. */
    public static final int CONTEXT = 3;

    /** A range of lines, from 1, both ends included. */
    public record Range(int start, int end) {}

    private record FileLines(int lineCount, List<Range> changed) {}

    private final Map<String, FileLines> files = new LinkedHashMap<>();

    public ChangedLines add(String path, int lineCount, List<Range> changed) {
        files.put(path, new FileLines(lineCount, List.copyOf(changed)));
        return this;
    }

    public Set<String> paths() {
        return files.keySet();
    }

    public List<Range> changed(String path) {
        FileLines f = files.get(path);
        return f == null ? List.of() : f.changed();
    }

    /** Why a finding at these lines must be dropped, or null when it is within the diff. */
    public String whyOutside(String path, int start, int end) {
        FileLines f = files.get(path);
        if (f == null) {
            return path + " is not part of the change under review";
        }
        if (end > f.lineCount()) {
            return path + " has " + f.lineCount() + " lines; line " + end + " does not exist";
        }
        for (Range r : f.changed()) {
            if (start <= r.end() + CONTEXT && end >= r.start() - CONTEXT) {
                return null;
            }
        }
        return "lines " + start + "-" + end + " of " + path + " are outside the diff (changed: " + describe(f.changed()) + ")";
    }

    private static String describe(List<Range> ranges) {
        List<String> out = new ArrayList<>();
        for (Range r : ranges) {
            out.add(r.start() == r.end() ? Integer.toString(r.start()) : r.start() + "-" + r.end());
            if (out.size() == 8) {
                out.add("…");
                break;
            }
        }
        return out.isEmpty() ? "none" : String.join(", ", out);
    }
}
