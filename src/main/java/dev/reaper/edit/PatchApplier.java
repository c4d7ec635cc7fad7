package dev.reaper.edit;

import java.util.ArrayList;
import java.util.List;

/**
 * Applies an update's hunks to a file's text. Each hunk's old lines are looked for from where the last
 * hunk ended (after its anchor line, if any): exactly, then ignoring trailing whitespace, then ignoring
 * all surrounding whitespace. A hunk that matches nowhere fails the whole file with a message naming it.
 */
public final class PatchApplier {

    private PatchApplier() {}

    public static String apply(String path, String content, List<Patch.Hunk> hunks) throws EditException {
        boolean crlf = LineEndings.usesCrlf(content);
        String text = crlf ? LineEndings.toLf(content) : content;
        // An empty file has no lines (not one empty line), and what is added to it ends with a newline.
        boolean finalNewline = text.isEmpty() || text.endsWith("\n");
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (finalNewline) {
            lines.remove(lines.size() - 1);
        }
        int cursor = 0;
        for (int h = 0; h < hunks.size(); h++) {
            Patch.Hunk hunk = hunks.get(h);
            if (hunk.anchor() != null) {
                int a = find(lines, List.of(hunk.anchor()), cursor, false);
                if (a < 0) {
                    a = findContaining(lines, hunk.anchor(), cursor);
                }
                if (a >= 0 && !hunk.oldLines().contains(lines.get(a))) {
                    cursor = a + 1;
                }
            }
            List<String> old = hunk.oldLines();
            int at;
            if (old.isEmpty()) {
                at = hunk.endOfFile() || hunk.anchor() == null ? lines.size() : cursor;
            } else {
                at = find(lines, old, cursor, hunk.endOfFile());
                if (at < 0) {
                    at = find(lines, old, 0, hunk.endOfFile());
                }
            }
            if (at < 0) {
                throw new EditException("hunk " + (h + 1) + " of " + path + " does not match the file: these lines were"
                        + " not found:\n" + String.join("\n", old) + "\nRead the file again and resend the patch with"
                        + " exact context lines.");
            }
            for (int k = 0; k < old.size(); k++) {
                lines.remove(at);
            }
            lines.addAll(at, hunk.newLines());
            cursor = at + hunk.newLines().size();
        }
        String out = String.join("\n", lines);
        if (finalNewline && !lines.isEmpty()) {
            out += "\n";
        }
        return crlf ? LineEndings.toCrlf(out) : out;
    }

    private static int find(List<String> lines, List<String> seq, int from, boolean endOfFile) {
        for (int level = 0; level < 3; level++) {
            if (endOfFile) {
                int at = lines.size() - seq.size();
                if (at >= 0 && matches(lines, at, seq, level)) {
                    return at;
                }
            }
            for (int i = Math.max(0, from); i + seq.size() <= lines.size(); i++) {
                if (matches(lines, i, seq, level)) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static int findContaining(List<String> lines, String anchor, int from) {
        String a = anchor.strip();
        for (int i = Math.max(0, from); i < lines.size(); i++) {
            if (lines.get(i).contains(a)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean matches(List<String> lines, int at, List<String> seq, int level) {
        for (int j = 0; j < seq.size(); j++) {
            String a = lines.get(at + j);
            String b = seq.get(j);
            boolean same = switch (level) {
                case 0 -> a.equals(b);
                case 1 -> a.stripTrailing().equals(b.stripTrailing());
                default -> a.strip().equals(b.strip());
            };
            if (!same) {
                return false;
            }
        }
        return true;
    }
}
