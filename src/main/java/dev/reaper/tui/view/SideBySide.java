package dev.reaper.tui.view;

import dev.reaper.tui.text.Cells;
import dev.reaper.tui.text.Span;
import dev.reaper.tui.text.Style;
import dev.reaper.tui.text.StyledLine;
import dev.reaper.tui.theme.Role;
import java.util.ArrayList;
import java.util.List;

/** A unified diff shown as two columns, old on the left and new on the right, changed lines paired. */
final class SideBySide {

    private SideBySide() {}

    static List<StyledLine> render(String unified, int width) {
        int half = Math.max(8, (width - 3) / 2);
        List<StyledLine> out = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> added = new ArrayList<>();
        for (String line : unified.split("\n")) {
            if (line.startsWith("---") || line.startsWith("+++")) {
                continue;
            }
            if (line.startsWith("-")) {
                removed.add(line.substring(1));
            } else if (line.startsWith("+")) {
                added.add(line.substring(1));
            } else {
                flush(out, removed, added, half);
                if (line.startsWith("@@")) {
                    out.add(StyledLine.of(line, Style.of(Role.DIFF_HUNK)));
                } else {
                    String text = line.isEmpty() ? "" : line.substring(1);
                    out.add(pair(text, Style.of(Role.FOREGROUND), text, Style.of(Role.FOREGROUND), half));
                }
            }
        }
        flush(out, removed, added, half);
        return out;
    }

    private static void flush(List<StyledLine> out, List<String> removed, List<String> added, int half) {
        int n = Math.max(removed.size(), added.size());
        Style del = Style.of(Role.DIFF_REMOVE).withBg(Role.DIFF_REMOVE_BG);
        Style add = Style.of(Role.DIFF_ADD).withBg(Role.DIFF_ADD_BG);
        for (int i = 0; i < n; i++) {
            out.add(pair(i < removed.size() ? removed.get(i) : null, del, i < added.size() ? added.get(i) : null, add, half));
        }
        removed.clear();
        added.clear();
    }

    private static StyledLine pair(String left, Style ls, String right, Style rs, int half) {
        List<Span> spans = new ArrayList<>();
        spans.add(cell(left, ls, half));
        spans.add(new Span(" │ ", Style.of(Role.BORDER)));
        spans.add(cell(right, rs, half));
        return new StyledLine(spans);
    }

    private static Span cell(String text, Style style, int width) {
        if (text == null) {
            return new Span(" ".repeat(width), Style.PLAIN);
        }
        String t = Cells.printable(text);
        StyledLine cut = StyledLine.of(t, style).truncate(width);
        String c = cut.text();
        return new Span(c + " ".repeat(Math.max(0, width - Cells.width(c))), style);
    }
}
