package dev.reaper.tui.markdown;

import dev.reaper.tui.text.Cells;
import dev.reaper.tui.text.Span;
import dev.reaper.tui.text.Style;
import dev.reaper.tui.text.StyledLine;
import dev.reaper.tui.theme.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lays out markdown for the terminal at a given width: headings, paragraphs, bullet and numbered lists
 * (nested), block quotes, rules, tables (aligned, boxed) and fenced code blocks with syntax colouring.
 * Works on text that is still streaming: an unclosed fence is a code block up to the end.
 */
public final class MarkdownRenderer {

    private static final Pattern FENCE = Pattern.compile("^(\\s*)(```+|~~~+)\\s*([\\w+#.-]*).*$");
    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern BULLET = Pattern.compile("^(\\s*)([-*+])\\s+(.*)$");
    private static final Pattern NUMBERED = Pattern.compile("^(\\s*)(\\d{1,9})[.)]\\s+(.*)$");
    private static final Pattern RULE = Pattern.compile("^\\s{0,3}([-*_])(\\s*\\1){2,}\\s*$");
    private static final Pattern TABLE_SEPARATOR = Pattern.compile("^\\s*\\|?\\s*:?-+:?\\s*(\\|\\s*:?-+:?\\s*)*\\|?\\s*$");

    private MarkdownRenderer() {}

    /**
     * Where the text can be cut so that rendering the two parts apart gives the lines of rendering it whole:
     * the start of the line after the last blank line outside a code block (0 when there is none). A
     * streaming answer renders what comes before once and only the rest on every frame.
     */
    public static int stableBoundary(String markdown) {
        int boundary = 0;
        String fence = null;
        int at = 0;
        while (at < markdown.length()) {
            int nl = markdown.indexOf('\n', at);
            if (nl < 0) {
                break; // the last line may still grow
            }
            String line = markdown.substring(at, nl);
            if (fence != null) {
                if (line.strip().startsWith(fence)) {
                    fence = null;
                }
            } else {
                Matcher m = FENCE.matcher(line);
                if (m.matches()) {
                    fence = m.group(2).substring(0, 3);
                } else if (line.isBlank()) {
                    boundary = nl + 1;
                }
            }
            at = nl + 1;
        }
        return boundary;
    }

    public static List<StyledLine> render(String markdown, int width, Style base) {
        List<StyledLine> out = new ArrayList<>();
        String[] lines = markdown.replace("\r\n", "\n").split("\n", -1);
        int i = 0;
        StringBuilder paragraph = new StringBuilder();
        while (i < lines.length) {
            String line = lines[i];
            Matcher fence = FENCE.matcher(line);
            if (fence.matches()) {
                flushParagraph(out, paragraph, width, base);
                String marker = fence.group(2);
                String lang = fence.group(3);
                List<String> code = new ArrayList<>();
                i++;
                while (i < lines.length && !lines[i].strip().startsWith(marker.substring(0, 3))) {
                    code.add(lines[i]);
                    i++;
                }
                i++; // closing fence (or past the end)
                codeBlock(out, lang, code, width, base);
                continue;
            }
            if (line.isBlank()) {
                flushParagraph(out, paragraph, width, base);
                if (!out.isEmpty() && !out.get(out.size() - 1).spans().isEmpty()) {
                    out.add(StyledLine.EMPTY);
                }
                i++;
                continue;
            }
            Matcher h = HEADING.matcher(line);
            if (h.matches()) {
                flushParagraph(out, paragraph, width, base);
                Style hs = base.withFg(Role.HEADING).asBold();
                if (h.group(1).length() == 1) {
                    hs = hs.asUnderline();
                }
                out.addAll(StyledLine.wrap(InlineMarkdown.parse(h.group(2), hs), width, List.of()));
                i++;
                continue;
            }
            if (RULE.matcher(line).matches() && paragraph.isEmpty()) {
                out.add(StyledLine.of("─".repeat(Math.max(1, Math.min(width, 60))), base.withFg(Role.BORDER)));
                i++;
                continue;
            }
            if (line.contains("|") && i + 1 < lines.length && TABLE_SEPARATOR.matcher(lines[i + 1]).matches()) {
                flushParagraph(out, paragraph, width, base);
                List<String> rows = new ArrayList<>();
                rows.add(line);
                List<String> alignment = splitRow(lines[i + 1]);
                i += 2;
                while (i < lines.length && lines[i].contains("|") && !lines[i].isBlank()) {
                    rows.add(lines[i]);
                    i++;
                }
                table(out, rows, alignment, width, base);
                continue;
            }
            if (line.startsWith(">")) {
                flushParagraph(out, paragraph, width, base);
                StringBuilder quote = new StringBuilder();
                while (i < lines.length && lines[i].startsWith(">")) {
                    quote.append(lines[i].substring(1).strip()).append('\n');
                    i++;
                }
                Style qs = base.withFg(Role.QUOTE).asItalic();
                for (StyledLine l : render(quote.toString(), Math.max(10, width - 2), qs)) {
                    List<Span> spans = new ArrayList<>();
                    spans.add(new Span("│ ", base.withFg(Role.BORDER)));
                    spans.addAll(l.spans());
                    out.add(new StyledLine(spans));
                }
                continue;
            }
            Matcher b = BULLET.matcher(line);
            Matcher num = NUMBERED.matcher(line);
            if (b.matches() || num.matches()) {
                flushParagraph(out, paragraph, width, base);
                boolean bullet = b.matches();
                int indent = Math.min(8, (bullet ? b.group(1) : num.group(1)).length() / 2 * 2);
                String marker = bullet ? "•" : num.group(2) + ".";
                String body = bullet ? b.group(3) : num.group(3);
                String task = null;
                if (body.startsWith("[ ] ") || body.startsWith("[x] ") || body.startsWith("[X] ")) {
                    task = body.charAt(1) == ' ' ? "☐" : "☑";
                    body = body.substring(4);
                }
                StringBuilder item = new StringBuilder(body);
                i++;
                // continuation lines of the item: indented, not a new list item or block
                while (i < lines.length && !lines[i].isBlank() && lines[i].startsWith("  ")
                        && !BULLET.matcher(lines[i]).matches() && !NUMBERED.matcher(lines[i]).matches()
                        && !FENCE.matcher(lines[i]).matches()) {
                    item.append(' ').append(lines[i].strip());
                    i++;
                }
                String prefix = " ".repeat(indent) + marker + " " + (task == null ? "" : task + " ");
                List<Span> spans = new ArrayList<>();
                spans.add(new Span(prefix, base.withFg(Role.ACCENT)));
                spans.addAll(InlineMarkdown.parse(item.toString(), base));
                out.addAll(StyledLine.wrap(spans, width, List.of(new Span(" ".repeat(Cells.width(prefix)), base))));
                continue;
            }
            if (!paragraph.isEmpty()) {
                paragraph.append(line.endsWith("  ") ? "\n" : " ");
            }
            paragraph.append(line.strip());
            i++;
        }
        flushParagraph(out, paragraph, width, base);
        while (!out.isEmpty() && out.get(out.size() - 1).spans().isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    private static void flushParagraph(List<StyledLine> out, StringBuilder paragraph, int width, Style base) {
        if (paragraph.isEmpty()) {
            return;
        }
        for (String hardLine : paragraph.toString().split("\n")) {
            out.addAll(StyledLine.wrap(InlineMarkdown.parse(hardLine, base), width, List.of()));
        }
        paragraph.setLength(0);
    }

    private static void codeBlock(List<StyledLine> out, String lang, List<String> code, int width, Style base) {
        Style codeStyle = base.withFg(Role.CODE).withBg(Role.CODE_BG);
        Style fill = Style.PLAIN.withBg(Role.CODE_BG);
        String label = lang == null || lang.isEmpty() ? "" : " " + lang + " ";
        out.add(new StyledLine(List.of(new Span(label, base.withFg(Role.MUTED).withBg(Role.CODE_BG))), fill));
        List<List<Span>> highlighted = Highlighter.highlight(lang, code.stream().map(Cells::printable).toList(), codeStyle);
        for (List<Span> line : highlighted) {
            List<Span> padded = new ArrayList<>();
            padded.add(new Span(" ", codeStyle));
            padded.addAll(line);
            // code keeps its own line breaks: a line longer than the pane continues on the next one
            for (StyledLine l : hardWrap(padded, width)) {
                out.add(l.filled(fill));
            }
        }
    }

    /** Cuts spans into lines of {@code width} columns exactly, without looking for spaces. */
    static List<StyledLine> hardWrap(List<Span> spans, int width) {
        List<StyledLine> out = new ArrayList<>();
        List<Span> line = new ArrayList<>();
        int col = 0;
        int max = Math.max(1, width);
        for (Span s : spans) {
            String t = s.text();
            int i = 0;
            while (i < t.length()) {
                int cp = t.codePointAt(i);
                int w = Cells.width(cp);
                if (col + w > max) {
                    out.add(new StyledLine(line));
                    line = new ArrayList<>();
                    line.add(new Span("↪", s.style().withFg(Role.MUTED)));
                    col = 1;
                }
                int len = Character.charCount(cp);
                appendTo(line, t.substring(i, i + len), s.style());
                col += w;
                i += len;
            }
        }
        out.add(new StyledLine(line));
        return out;
    }

    private static void appendTo(List<Span> line, String text, Style style) {
        if (!line.isEmpty() && line.get(line.size() - 1).style().equals(style)) {
            Span last = line.remove(line.size() - 1);
            line.add(new Span(last.text() + text, style));
        } else {
            line.add(new Span(text, style));
        }
    }

    /** A table, boxed, each column aligned as its separator cell says ({@code :--}, {@code :-:}, {@code --:}). */
    private static void table(List<StyledLine> out, List<String> rows, List<String> alignment, int width, Style base) {
        List<List<String>> cells = new ArrayList<>();
        int cols = 0;
        for (String r : rows) {
            List<String> cs = splitRow(r);
            cells.add(cs);
            cols = Math.max(cols, cs.size());
        }
        int[] w = new int[cols];
        for (List<String> r : cells) {
            for (int c = 0; c < r.size(); c++) {
                w[c] = Math.max(w[c], Cells.width(plainText(r.get(c))));
            }
        }
        int total = 1;
        for (int x : w) {
            total += x + 3;
        }
        if (total > width) {
            // too wide to align: one line per row, cells separated
            for (List<String> r : cells) {
                out.addAll(StyledLine.wrap(InlineMarkdown.parse(String.join("  │  ", r), base), width, List.of()));
            }
            return;
        }
        Style border = base.withFg(Role.BORDER);
        out.add(StyledLine.of(rule('┌', '┬', '┐', w), border));
        for (int r = 0; r < cells.size(); r++) {
            List<Span> spans = new ArrayList<>();
            spans.add(new Span("│", border));
            for (int c = 0; c < cols; c++) {
                String cell = c < cells.get(r).size() ? cells.get(r).get(c) : "";
                Style cs = r == 0 ? base.asBold() : base;
                List<Span> parsed = InlineMarkdown.parse(cell, cs);
                int cw = 0;
                for (Span s : parsed) {
                    cw += Cells.width(s.text());
                }
                int gap = Math.max(0, w[c] - cw);
                String align = c < alignment.size() ? alignment.get(c).strip() : "";
                int before = align.endsWith(":") ? align.startsWith(":") ? gap / 2 : gap : 0;
                spans.add(new Span(" ".repeat(1 + before), base));
                spans.addAll(parsed);
                spans.add(new Span(" ".repeat(gap - before + 1), base));
                spans.add(new Span("│", border));
            }
            out.add(new StyledLine(spans));
            if (r == 0) {
                out.add(StyledLine.of(rule('├', '┼', '┤', w), border));
            }
        }
        out.add(StyledLine.of(rule('└', '┴', '┘', w), border));
    }

    private static String rule(char left, char mid, char right, int[] w) {
        StringBuilder sb = new StringBuilder().append(left);
        for (int c = 0; c < w.length; c++) {
            sb.append("─".repeat(w[c] + 2)).append(c == w.length - 1 ? right : mid);
        }
        return sb.toString();
    }

    private static List<String> splitRow(String row) {
        String r = row.strip();
        if (r.startsWith("|")) {
            r = r.substring(1);
        }
        if (r.endsWith("|") && !r.endsWith("\\|")) {
            r = r.substring(0, r.length() - 1);
        }
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < r.length(); i++) {
            char c = r.charAt(i);
            if (c == '\\' && i + 1 < r.length() && r.charAt(i + 1) == '|') {
                cur.append('|');
                i++;
            } else if (c == '|') {
                out.add(cur.toString().strip());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString().strip());
        return out;
    }

    private static String plainText(String cell) {
        StringBuilder sb = new StringBuilder();
        for (Span s : InlineMarkdown.parse(cell, Style.PLAIN)) {
            sb.append(s.text());
        }
        return sb.toString();
    }

    /** The fenced code blocks of a message, in order, for copying. */
    public static List<String> codeBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        String[] lines = markdown.replace("\r\n", "\n").split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher f = FENCE.matcher(lines[i]);
            if (f.matches()) {
                String marker = f.group(2).substring(0, 3);
                StringBuilder sb = new StringBuilder();
                i++;
                while (i < lines.length && !lines[i].strip().startsWith(marker)) {
                    sb.append(lines[i]).append('\n');
                    i++;
                }
                blocks.add(sb.toString());
            }
        }
        return blocks;
    }
}
