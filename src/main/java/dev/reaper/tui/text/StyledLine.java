package dev.reaper.tui.text;

import java.util.ArrayList;
import java.util.List;

/** One screen line of styled text, and the ways to build, measure and wrap it. */
public record StyledLine(List<Span> spans, Style fill) {

    public static final StyledLine EMPTY = new StyledLine(List.of(), null);

    public StyledLine {
        spans = List.copyOf(spans);
    }

    public StyledLine(List<Span> spans) {
        this(spans, null);
    }

    public static StyledLine of(String text, Style style) {
        return new StyledLine(List.of(new Span(text, style)));
    }

    /** The same line with its remaining columns painted in {@code fill}'s background (code blocks, selections). */
    public StyledLine filled(Style fillStyle) {
        return new StyledLine(spans, fillStyle);
    }

    public int width() {
        int w = 0;
        for (Span s : spans) {
            w += Cells.width(s.text());
        }
        return w;
    }

    public String text() {
        StringBuilder sb = new StringBuilder();
        for (Span s : spans) {
            sb.append(s.text());
        }
        return sb.toString();
    }

    /**
     * Wraps spans into lines of at most {@code width} columns, breaking at spaces where it can and inside
     * words that are longer than a line. {@code indent} prefixes continuation lines.
     */
    public static List<StyledLine> wrap(List<Span> spans, int width, List<Span> indent) {
        List<StyledLine> out = new ArrayList<>();
        int indentWidth = 0;
        for (Span s : indent) {
            indentWidth += Cells.width(s.text());
        }
        int max = Math.max(1, width);
        List<Span> line = new ArrayList<>();
        int col = 0;
        for (Span span : spans) {
            String text = Cells.printable(span.text());
            int i = 0;
            while (i < text.length()) {
                // next word (with its trailing spaces)
                int j = i;
                while (j < text.length() && text.charAt(j) != ' ') {
                    j++;
                }
                while (j < text.length() && text.charAt(j) == ' ') {
                    j++;
                }
                String word = text.substring(i, j);
                int w = Cells.width(word.stripTrailing());
                if (col > 0 && col + w > max) {
                    out.add(new StyledLine(line));
                    line = new ArrayList<>(indent);
                    col = indentWidth;
                    word = word.stripLeading();
                    if (word.isEmpty()) {
                        i = j;
                        continue;
                    }
                }
                // a word longer than the line is cut
                while (Cells.width(word.stripTrailing()) > max - col && max - col > 0) {
                    int cut = fit(word, max - col);
                    if (cut == 0) {
                        break;
                    }
                    line.add(new Span(word.substring(0, cut), span.style()));
                    out.add(new StyledLine(line));
                    line = new ArrayList<>(indent);
                    col = indentWidth;
                    word = word.substring(cut);
                }
                line.add(new Span(word, span.style()));
                col += Cells.width(word);
                i = j;
            }
        }
        out.add(new StyledLine(line));
        return out;
    }

    /** How many chars of {@code s} fit in {@code columns}. */
    static int fit(String s, int columns) {
        int w = 0;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int cw = Cells.width(cp);
            if (w + cw > columns) {
                break;
            }
            w += cw;
            i += Character.charCount(cp);
        }
        return i;
    }

    /** The line cut to {@code columns}, with an ellipsis when something was cut. */
    public StyledLine truncate(int columns) {
        if (width() <= columns) {
            return this;
        }
        List<Span> out = new ArrayList<>();
        int left = Math.max(0, columns - 1);
        for (Span s : spans) {
            int w = Cells.width(s.text());
            if (w <= left) {
                out.add(s);
                left -= w;
            } else {
                out.add(new Span(s.text().substring(0, fit(s.text(), left)) + "…", s.style()));
                break;
            }
        }
        return new StyledLine(out, fill);
    }
}
