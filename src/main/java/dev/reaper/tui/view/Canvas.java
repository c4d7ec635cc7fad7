package dev.reaper.tui.view;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import dev.reaper.tui.text.Cells;
import dev.reaper.tui.text.Span;
import dev.reaper.tui.text.Style;
import dev.reaper.tui.text.StyledLine;
import dev.reaper.tui.theme.Role;
import dev.reaper.tui.theme.Theme;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws styled text into a Lanterna back buffer with the current theme. Every frame draws the whole
 * screen here; the screen's delta refresh then sends only the cells that changed.
 */
public final class Canvas {

    private final TextGraphics g;
    private final Theme theme;

    public Canvas(TextGraphics g, Theme theme) {
        this.g = g;
        this.theme = theme;
    }

    public Theme theme() {
        return theme;
    }

    public void fill(Rect r, Role bg) {
        if (r.isEmpty()) {
            return;
        }
        g.setBackgroundColor(theme.color(bg));
        g.setForegroundColor(theme.color(Role.FOREGROUND));
        g.clearModifiers();
        g.fillRectangle(new com.googlecode.lanterna.TerminalPosition(r.col(), r.row()),
                new com.googlecode.lanterna.TerminalSize(r.width(), r.height()), ' ');
    }

    /** Draws a line at (col, row), cut to {@code maxWidth}; a line with a fill style paints the rest. */
    public void line(int col, int row, int maxWidth, StyledLine line, Role background) {
        int x = col;
        int end = col + maxWidth;
        for (Span s : line.spans()) {
            if (x >= end) {
                break;
            }
            String text = Cells.printable(s.text());
            int w = Cells.width(text);
            if (x + w > end) {
                text = cut(text, end - x);
                w = Cells.width(text);
            }
            apply(s.style(), background);
            g.putString(x, row, text);
            x += w;
        }
        if (line.fill() != null && x < end) {
            apply(line.fill(), background);
            g.putString(x, row, " ".repeat(end - x));
        }
    }

    public void text(int col, int row, int maxWidth, String text, Style style, Role background) {
        line(col, row, maxWidth, StyledLine.of(text, style), background);
    }

    private void apply(Style s, Role background) {
        TextColor fg = theme.color(s.fg() == null ? Role.FOREGROUND : s.fg());
        TextColor bg = theme.color(s.bg() == null ? background : s.bg());
        g.setForegroundColor(s.reverse() ? bg : fg);
        g.setBackgroundColor(s.reverse() ? fg : bg);
        List<SGR> sgr = new ArrayList<>(3);
        if (s.bold()) {
            sgr.add(SGR.BOLD);
        }
        if (s.italic()) {
            sgr.add(SGR.ITALIC);
        }
        if (s.underline()) {
            sgr.add(SGR.UNDERLINE);
        }
        g.clearModifiers();
        if (!sgr.isEmpty()) {
            g.enableModifiers(sgr.toArray(SGR[]::new));
        }
    }

    private static String cut(String s, int columns) {
        StringBuilder sb = new StringBuilder();
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int cw = Cells.width(cp);
            if (w + cw > columns) {
                break;
            }
            sb.appendCodePoint(cp);
            w += cw;
            i += Character.charCount(cp);
        }
        return sb.toString();
    }

    /** A box border with an optional title, inside which content is drawn. */
    public void box(Rect r, String title, Role border, Role bg) {
        fill(r, bg);
        Style bs = Style.of(border);
        int w = r.width();
        if (w < 2 || r.height() < 2) {
            return;
        }
        String top = "╭" + "─".repeat(w - 2) + "╮";
        if (title != null && !title.isEmpty() && w > title.length() + 6) {
            top = "╭─ " + title + " " + "─".repeat(w - title.length() - 5) + "╮";
        }
        text(r.col(), r.row(), w, top, bs, bg);
        for (int y = r.row() + 1; y < r.bottom() - 1; y++) {
            text(r.col(), y, 1, "│", bs, bg);
            text(r.right() - 1, y, 1, "│", bs, bg);
        }
        text(r.col(), r.bottom() - 1, w, "╰" + "─".repeat(w - 2) + "╯", bs, bg);
    }
}
