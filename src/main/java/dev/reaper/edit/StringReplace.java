package dev.reaper.edit;

import java.util.ArrayList;
import java.util.List;

/**
 * Exact string replacement, the edit format most models use best. When the exact text is not found a
 * second, forgiving pass matches whole lines ignoring trailing whitespace, then indentation (re-indenting
 * the replacement by the same amount); it applies only when exactly one place matches. Errors point at
 * the lines that came closest, so the model can copy them exactly on its next call.
 */
public final class StringReplace {

    private StringReplace() {}

    /** The new content and how many places changed; {@code note} says when a forgiving match was used. */
    public record Result(String content, int replacements, String note) {}

    public static Result apply(String content, String oldString, String newString, boolean replaceAll)
            throws EditException {
        if (oldString.isEmpty()) {
            throw new EditException("old_string is empty: give the exact text to replace (to create a file, use write)");
        }
        if (oldString.equals(newString)) {
            throw new EditException("old_string and new_string are identical: there is nothing to change");
        }
        boolean crlf = LineEndings.usesCrlf(content);
        String text = crlf ? LineEndings.toLf(content) : content;
        String old = LineEndings.toLf(oldString);
        String rep = LineEndings.toLf(newString);
        int count = count(text, old);
        Result result;
        if (count == 1 || (count > 1 && replaceAll)) {
            result = new Result(replaceAll ? text.replace(old, rep) : replaceFirst(text, old, rep), count, null);
        } else if (count > 1) {
            throw new EditException("old_string occurs " + count + " times (at lines " + lineNumbers(text, old)
                    + "). Include more surrounding lines to make it unique, or set replace_all to true.");
        } else {
            result = forgiving(text, old, rep);
        }
        String out = crlf ? LineEndings.toCrlf(result.content) : result.content;
        return new Result(out, result.replacements, result.note);
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }

    private static String replaceFirst(String text, String old, String rep) {
        int i = text.indexOf(old);
        return text.substring(0, i) + rep + text.substring(i + old.length());
    }

    private static String lineNumbers(String text, String needle) {
        List<String> lines = new ArrayList<>();
        for (int i = text.indexOf(needle); i >= 0 && lines.size() < 10; i = text.indexOf(needle, i + needle.length())) {
            lines.add(String.valueOf(lineOf(text, i)));
        }
        return String.join(", ", lines);
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static Result forgiving(String text, String old, String rep) throws EditException {
        List<String> lines = List.of(text.split("\n", -1));
        // Whole lines are matched: a final newline of old_string (and of new_string with it) is not a line.
        boolean wholeLines = old.endsWith("\n");
        String o = wholeLines ? old.substring(0, old.length() - 1) : old;
        String r = wholeLines && rep.endsWith("\n") ? rep.substring(0, rep.length() - 1) : rep;
        List<String> oldLines = List.of(o.split("\n", -1));
        List<String> newLines = List.of(r.split("\n", -1));
        if (!o.isBlank()) {
            for (int level = 0; level < 2; level++) {
                List<Integer> hits = new ArrayList<>();
                for (int i = 0; i + oldLines.size() <= lines.size(); i++) {
                    if (windowMatches(lines, i, oldLines, level)) {
                        hits.add(i);
                    }
                }
                if (hits.size() == 1) {
                    int at = hits.get(0);
                    List<String> replacement = level == 0 ? newLines
                            : reindent(newLines, indentDelta(lines.get(firstNonBlank(oldLines, at, lines)), oldLines));
                    List<String> out = new ArrayList<>(lines.subList(0, at));
                    out.addAll(replacement);
                    out.addAll(lines.subList(at + oldLines.size(), lines.size()));
                    String note = level == 0 ? "matched ignoring trailing whitespace"
                            : "matched ignoring indentation; the replacement was re-indented to fit";
                    return new Result(String.join("\n", out), 1, note);
                }
                if (hits.size() > 1) {
                    throw new EditException("old_string was not found exactly, and " + hits.size()
                            + " places match it loosely. Copy the exact text from the file (read it again), with"
                            + " enough surrounding lines to make it unique.");
                }
            }
        }
        throw new EditException("old_string was not found in the file." + closest(lines, oldLines)
                + " Read the file again and copy the exact text, including whitespace.");
    }

    private static boolean windowMatches(List<String> lines, int at, List<String> old, int level) {
        for (int j = 0; j < old.size(); j++) {
            String a = lines.get(at + j);
            String b = old.get(j);
            boolean same = level == 0 ? a.stripTrailing().equals(b.stripTrailing()) : a.strip().equals(b.strip());
            if (!same) {
                return false;
            }
        }
        return true;
    }

    private static int firstNonBlank(List<String> oldLines, int at, List<String> lines) {
        for (int j = 0; j < oldLines.size(); j++) {
            if (!oldLines.get(j).isBlank()) {
                return at + j;
            }
        }
        return at;
    }

    /** Indentation of the file's line minus that of the model's first non-blank line. */
    private static String indentDelta(String fileLine, List<String> oldLines) {
        String oldFirst = oldLines.stream().filter(l -> !l.isBlank()).findFirst().orElse("");
        String fileIndent = leading(fileLine);
        String oldIndent = leading(oldFirst);
        if (fileIndent.startsWith(oldIndent)) {
            return fileIndent.substring(oldIndent.length());
        }
        return oldIndent.startsWith(fileIndent) ? "-" + (oldIndent.length() - fileIndent.length()) : "";
    }

    private static List<String> reindent(List<String> lines, String delta) {
        if (delta.isEmpty()) {
            return lines;
        }
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            if (l.isBlank()) {
                out.add(l);
            } else if (delta.startsWith("-")) {
                int remove = Integer.parseInt(delta.substring(1));
                int lead = leading(l).length();
                out.add(l.substring(Math.min(remove, lead)));
            } else {
                out.add(delta + l);
            }
        }
        return out;
    }

    private static String leading(String s) {
        int i = 0;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return s.substring(0, i);
    }

    /** The file lines most like the first line the model gave, as a hint. */
    private static String closest(List<String> lines, List<String> oldLines) {
        String first = oldLines.stream().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
        if (first.isEmpty()) {
            return "";
        }
        int best = -1;
        double bestScore = 0.5;
        for (int i = 0; i < lines.size(); i++) {
            double s = similarity(lines.get(i).strip(), first);
            if (s > bestScore) {
                bestScore = s;
                best = i;
            }
        }
        if (best < 0) {
            return "";
        }
        int end = Math.min(lines.size(), best + Math.max(1, oldLines.size()));
        StringBuilder sb = new StringBuilder(" The closest text starts at line " + (best + 1) + ":\n");
        for (int i = best; i < end; i++) {
            sb.append(lines.get(i)).append('\n');
        }
        return sb.toString();
    }

    /** Dice coefficient over character bigrams: cheap and good enough to point at a near miss. */
    static double similarity(String a, String b) {
        if (a.equals(b)) {
            return 1;
        }
        if (a.length() < 2 || b.length() < 2) {
            return 0;
        }
        java.util.Map<String, Integer> grams = new java.util.HashMap<>();
        for (int i = 0; i < a.length() - 1; i++) {
            grams.merge(a.substring(i, i + 2), 1, Integer::sum);
        }
        int common = 0;
        for (int i = 0; i < b.length() - 1; i++) {
            String g = b.substring(i, i + 2);
            Integer n = grams.get(g);
            if (n != null && n > 0) {
                grams.put(g, n - 1);
                common++;
            }
        }
        return 2.0 * common / (a.length() - 1 + b.length() - 1);
    }
}
