package dev.reaper.edit;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the two patch formats models write: the {@code *** Begin Patch} envelope ({@code Add File},
 * {@code Delete File}, {@code Update File} with {@code Move to} and {@code @@} hunks) and the unified
 * diff of {@code git diff}. Forgiving where models are sloppy (code fences around the patch, a blank
 * context line without its leading space, a missing {@code *** End Patch}); strict where a guess could
 * damage a file.
 */
public final class PatchParser {

    private PatchParser() {}

    public static Patch parse(String text) throws EditException {
        List<String> lines = new ArrayList<>(List.of(LineEndings.toLf(text).split("\n", -1)));
        stripFences(lines);
        if (lines.isEmpty()) {
            throw new EditException("the patch is empty");
        }
        if (lines.get(0).strip().equals("*** Begin Patch")) {
            return envelope(lines);
        }
        for (String l : lines) {
            if (l.startsWith("--- ") || l.startsWith("diff --git ")) {
                return unified(lines);
            }
        }
        throw new EditException("the patch must start with '*** Begin Patch' (or be a unified diff with ---/+++ headers)");
    }

    private static void stripFences(List<String> lines) {
        while (!lines.isEmpty() && lines.get(0).isBlank()) {
            lines.remove(0);
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        if (lines.size() >= 2 && lines.get(0).startsWith("```") && lines.get(lines.size() - 1).startsWith("```")) {
            lines.remove(lines.size() - 1);
            lines.remove(0);
        }
    }

    private static Patch envelope(List<String> lines) throws EditException {
        List<Patch.FileChange> changes = new ArrayList<>();
        int i = 1;
        while (i < lines.size()) {
            String line = lines.get(i);
            if (line.strip().equals("*** End Patch")) {
                break;
            }
            if (line.startsWith("*** Add File: ")) {
                String path = line.substring("*** Add File: ".length()).strip();
                StringBuilder content = new StringBuilder();
                i++;
                while (i < lines.size() && !lines.get(i).startsWith("*** ")) {
                    String l = lines.get(i);
                    if (l.isEmpty() && onlyEmptyUntilNextSection(lines, i)) {
                        i++; // blank lines between sections separate them
                        continue;
                    }
                    if (!l.startsWith("+")) {
                        throw new EditException("line " + (i + 1) + " of the patch: every line of an added file must start with '+'");
                    }
                    content.append(l, 1, l.length()).append('\n');
                    i++;
                }
                changes.add(new Patch.AddFile(path, content.toString()));
            } else if (line.startsWith("*** Delete File: ")) {
                changes.add(new Patch.DeleteFile(line.substring("*** Delete File: ".length()).strip()));
                i++;
            } else if (line.startsWith("*** Update File: ")) {
                String path = line.substring("*** Update File: ".length()).strip();
                i++;
                String moveTo = null;
                if (i < lines.size() && lines.get(i).startsWith("*** Move to: ")) {
                    moveTo = lines.get(i).substring("*** Move to: ".length()).strip();
                    i++;
                }
                List<Patch.Hunk> hunks = new ArrayList<>();
                i = envelopeHunks(lines, i, hunks, path);
                if (hunks.isEmpty() && moveTo == null) {
                    throw new EditException("'Update File: " + path + "' has no hunks");
                }
                changes.add(new Patch.UpdateFile(path, moveTo, hunks));
            } else if (line.isBlank()) {
                i++;
            } else {
                throw new EditException("line " + (i + 1) + " of the patch: expected '*** Add File:', '*** Delete File:',"
                        + " '*** Update File:' or '*** End Patch', got: " + line);
            }
        }
        if (changes.isEmpty()) {
            throw new EditException("the patch changes no file");
        }
        return new Patch(changes);
    }

    private static int envelopeHunks(List<String> lines, int i, List<Patch.Hunk> hunks, String path)
            throws EditException {
        String anchor = null;
        List<String> oldLines = new ArrayList<>();
        List<String> newLines = new ArrayList<>();
        boolean started = false;
        boolean eof = false;
        int trailingEmpty = 0; // empty lines (without the context space) at the end of the hunk so far
        while (i < lines.size()) {
            String l = lines.get(i);
            if (l.startsWith("*** End of File")) {
                eof = true;
                trailingEmpty = 0;
                i++;
                continue;
            }
            if (l.startsWith("*** ")) {
                break;
            }
            if (l.startsWith("@@")) {
                if (started) {
                    hunks.add(hunk(anchor, oldLines, newLines, trailingEmpty, eof));
                    oldLines = new ArrayList<>();
                    newLines = new ArrayList<>();
                    eof = false;
                }
                String a = l.substring(2).strip();
                anchor = a.isEmpty() ? null : a;
                started = true;
                trailingEmpty = 0;
            } else if (l.startsWith("+")) {
                newLines.add(l.substring(1));
                started = true;
                trailingEmpty = 0;
            } else if (l.startsWith("-")) {
                oldLines.add(l.substring(1));
                started = true;
                trailingEmpty = 0;
            } else if (l.startsWith(" ")) {
                oldLines.add(l.substring(1));
                newLines.add(l.substring(1));
                started = true;
                trailingEmpty = 0;
            } else if (l.isEmpty()) {
                oldLines.add("");
                newLines.add("");
                trailingEmpty++;
            } else {
                throw new EditException("in the hunk for " + path + ": line '" + l
                        + "' must start with ' ' (context), '-' (remove) or '+' (add)");
            }
            i++;
        }
        if (started) {
            hunks.add(hunk(anchor, oldLines, newLines, trailingEmpty, eof));
        }
        return i;
    }

    /**
     * A hunk without the empty lines that end it: models put blank lines between sections, and as context
     * lines (in both old and new) they would only make the hunk fail to match, never change the result.
     */
    private static Patch.Hunk hunk(String anchor, List<String> oldLines, List<String> newLines, int trailingEmpty,
                                   boolean eof) {
        return new Patch.Hunk(anchor, oldLines.subList(0, oldLines.size() - trailingEmpty),
                newLines.subList(0, newLines.size() - trailingEmpty), eof);
    }

    private static boolean onlyEmptyUntilNextSection(List<String> lines, int i) {
        for (int k = i; k < lines.size() && !lines.get(k).startsWith("*** "); k++) {
            if (!lines.get(k).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static Patch unified(List<String> lines) throws EditException {
        List<Patch.FileChange> changes = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            if (!lines.get(i).startsWith("--- ")) {
                i++;
                continue;
            }
            String from = diffPath(lines.get(i).substring(4));
            if (i + 1 >= lines.size() || !lines.get(i + 1).startsWith("+++ ")) {
                throw new EditException("line " + (i + 2) + " of the diff: '---' must be followed by '+++'");
            }
            String to = diffPath(lines.get(i + 1).substring(4));
            i += 2;
            List<Patch.Hunk> hunks = new ArrayList<>();
            while (i < lines.size() && lines.get(i).startsWith("@@")) {
                String header = lines.get(i);
                int close = header.indexOf("@@", 2);
                String anchor = close > 0 ? header.substring(close + 2).strip() : "";
                List<String> oldLines = new ArrayList<>();
                List<String> newLines = new ArrayList<>();
                i++;
                while (i < lines.size() && !lines.get(i).startsWith("@@") && !isFileHeader(lines, i)
                        && !lines.get(i).startsWith("diff --git ")) {
                    String l = lines.get(i);
                    if (l.startsWith("+")) {
                        newLines.add(l.substring(1));
                    } else if (l.startsWith("-")) {
                        oldLines.add(l.substring(1));
                    } else if (l.startsWith(" ") || l.isEmpty()) {
                        String ctx = l.isEmpty() ? "" : l.substring(1);
                        oldLines.add(ctx);
                        newLines.add(ctx);
                    } else if (!l.startsWith("\\")) {
                        break; // index/mode lines of the next file
                    }
                    i++;
                }
                hunks.add(new Patch.Hunk(anchor.isEmpty() ? null : anchor, oldLines, newLines, false));
            }
            if (from == null && to != null) {
                StringBuilder content = new StringBuilder();
                for (Patch.Hunk h : hunks) {
                    for (String l : h.newLines()) {
                        content.append(l).append('\n');
                    }
                }
                changes.add(new Patch.AddFile(to, content.toString()));
            } else if (to == null && from != null) {
                changes.add(new Patch.DeleteFile(from));
            } else if (from != null) {
                changes.add(new Patch.UpdateFile(from, from.equals(to) ? null : to, hunks));
            }
        }
        if (changes.isEmpty()) {
            throw new EditException("the diff changes no file");
        }
        return new Patch(changes);
    }

    /** A {@code ---} line followed by {@code +++}: a removed line {@code -- comment} reads {@code --- comment}. */
    private static boolean isFileHeader(List<String> lines, int i) {
        return lines.get(i).startsWith("--- ") && i + 1 < lines.size() && lines.get(i + 1).startsWith("+++ ");
    }

    /** A path from a ---/+++ line, without a/ b/ prefixes and timestamps; null for /dev/null. */
    private static String diffPath(String raw) {
        String p = raw.strip();
        int tab = p.indexOf('\t');
        if (tab > 0) {
            p = p.substring(0, tab);
        }
        if (p.equals("/dev/null")) {
            return null;
        }
        if (p.startsWith("a/") || p.startsWith("b/")) {
            p = p.substring(2);
        }
        return p;
    }
}
