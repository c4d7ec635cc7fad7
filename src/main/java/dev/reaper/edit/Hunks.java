package dev.reaper.edit;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.PatchFailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A change as separate hunks, so a user can accept some and reject others, and the text that results
 * from applying only the accepted ones.
 */
public final class Hunks {

    /**
     * One hunk: where it starts in the old and new text (1-based lines) and the lines it removes and adds.
     */
    public record Hunk(int oldStart, int newStart, List<String> removed, List<String> added) {
        /** The hunk as unified-diff lines (a header, then - and + lines). */
        public List<String> lines() {
            List<String> out = new ArrayList<>();
            out.add("@@ -" + oldStart + "," + removed.size() + " +" + newStart + "," + added.size() + " @@");
            removed.forEach(l -> out.add("-" + l));
            added.forEach(l -> out.add("+" + l));
            return out;
        }

        /** The same with up to {@code context} unchanged lines of {@code oldLines} around it, as " " lines. */
        public List<String> lines(List<String> oldLines, int context) {
            List<String> plain = lines();
            List<String> out = new ArrayList<>();
            out.add(plain.get(0));
            int at = oldStart - 1;
            for (int i = Math.max(0, at - context); i < Math.min(at, oldLines.size()); i++) {
                out.add(" " + oldLines.get(i));
            }
            out.addAll(plain.subList(1, plain.size()));
            int after = at + removed.size();
            for (int i = after; i < Math.min(after + context, oldLines.size()); i++) {
                out.add(" " + oldLines.get(i));
            }
            return out;
        }
    }

    private Hunks() {}

    public static List<Hunk> of(String before, String after) {
        List<Hunk> out = new ArrayList<>();
        for (AbstractDelta<String> d : deltas(before, after)) {
            out.add(new Hunk(d.getSource().getPosition() + 1, d.getTarget().getPosition() + 1,
                    List.copyOf(d.getSource().getLines()), List.copyOf(d.getTarget().getLines())));
        }
        return out;
    }

    /** {@code before} with only the hunks whose indexes are in {@code accepted} applied. */
    public static String apply(String before, String after, Set<Integer> accepted) {
        List<AbstractDelta<String>> deltas = deltas(before, after);
        com.github.difflib.patch.Patch<String> partial = new com.github.difflib.patch.Patch<>();
        for (int i = 0; i < deltas.size(); i++) {
            if (accepted.contains(i)) {
                partial.addDelta(deltas.get(i));
            }
        }
        try {
            return String.join("\n", partial.applyTo(lines(before)));
        } catch (PatchFailedException e) {
            throw new IllegalStateException("hunks of a diff did not apply to their own source", e);
        }
    }

    private static List<AbstractDelta<String>> deltas(String before, String after) {
        return DiffUtils.diff(lines(before), lines(after)).getDeltas();
    }

    private static List<String> lines(String text) {
        return text == null ? new ArrayList<>() : new ArrayList<>(List.of(text.split("\n", -1)));
    }

    /** Whether the change has no hunk (identical texts). */
    public static boolean isEmpty(String before, String after) {
        return deltas(before, after).isEmpty();
    }

}
