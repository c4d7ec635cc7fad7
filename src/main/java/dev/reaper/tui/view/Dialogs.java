package dev.reaper.tui.view;

import dev.reaper.agent.Comparison;
import dev.reaper.edit.Hunks;
import dev.reaper.tools.FileEdit;
import dev.reaper.tui.markdown.Highlighter;
import dev.reaper.tui.markdown.MarkdownRenderer;
import dev.reaper.tui.state.Dialog;
import dev.reaper.tui.state.TuiState;
import dev.reaper.tui.text.Cells;
import dev.reaper.tui.text.Span;
import dev.reaper.tui.text.Style;
import dev.reaper.tui.text.StyledLine;
import dev.reaper.tui.theme.Role;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Draws the open dialog: an approval with its diff, a picker, a text, or a model comparison. */
final class Dialogs {

    /** Unchanged lines shown around each hunk to approve. */
    static final int CONTEXT_LINES = 2;

    private Dialogs() {}

    static void draw(Canvas c, TuiState s, int width, int height) {
        switch (s.dialog) {
            case Dialog.Approval a -> approval(c, a, s, width, height);
            case Dialog.Picker p -> picker(c, p, width, height);
            case Dialog.Info i -> info(c, i, width, height);
            case Dialog.Compare cmp -> compare(c, cmp, width, height);
        }
    }

    private static Rect centered(int width, int height, int w, int h) {
        int ww = Math.min(width - 2, w);
        int hh = Math.min(height - 2, h);
        return new Rect((width - ww) / 2, (height - hh) / 2, ww, hh);
    }

    private static void approval(Canvas c, Dialog.Approval a, TuiState s, int width, int height) {
        int inner = Math.min(width - 2, Math.max(60, width - 10)) - 4;
        List<StyledLine> lines = new ArrayList<>();
        lines.addAll(StyledLine.wrap(List.of(new Span(capitalise(a.request.reason()), Style.of(Role.WARNING))), inner,
                List.of()));
        lines.add(StyledLine.EMPTY);
        if (a.request.edits().isEmpty()) {
            String what = a.request.tool().equals("bash") && !a.request.targets().isEmpty()
                    ? a.request.targets().get(0) : a.request.argumentsJson();
            for (String l : what.split("\n")) {
                String sign = a.request.tool().equals("bash") ? "$ " : "";
                lines.addAll(StyledLine.wrap(List.of(new Span(sign + l, Style.of(Role.TOOL))), inner,
                        List.of(new Span("  ", Style.PLAIN))));
            }
        } else {
            int index = 0;
            for (int f = 0; f < a.request.edits().size(); f++) {
                FileEdit e = a.request.edits().get(f);
                Path root = Path.of(s.workspace);
                String path = e.path().isAbsolute() && e.path().startsWith(root) ? root.relativize(e.path()).toString()
                        : e.path().toString();
                String kind = e.before() == null ? " (new file)" : e.after() == null ? " (deleted)" : "";
                lines.add(StyledLine.of(path + kind, Style.of(Role.HEADING).asBold()));
                List<Hunks.Hunk> hunks = a.hunks.get(f);
                List<String> oldLines = e.before() == null ? List.of() : List.of(e.before().split("\n", -1));
                if (hunks.isEmpty()) {
                    String body = e.after() == null ? "(the file is removed)" : e.after();
                    for (List<Span> l : Highlighter.highlight(null, List.of(body.split("\n", -1)).subList(0,
                            Math.min(200, body.split("\n", -1).length)), Style.of(Role.DIFF_ADD))) {
                        List<Span> sp = new ArrayList<>();
                        sp.add(new Span(e.after() == null ? "" : "+", Style.of(Role.DIFF_ADD)));
                        sp.addAll(l);
                        lines.add(new StyledLine(sp).truncate(inner));
                    }
                    index++;
                    continue;
                }
                for (int h = 0; h < hunks.size(); h++, index++) {
                    boolean rejected = a.rejected.contains(f + ":" + h);
                    boolean sel = index == a.selected;
                    String box = rejected ? "[ ] " : "[x] ";
                    Style head = Style.of(sel ? Role.ACCENT : Role.DIFF_HUNK);
                    if (sel) {
                        head = head.asBold();
                    }
                    List<String> hl = hunks.get(h).lines(oldLines, CONTEXT_LINES);
                    lines.add(new StyledLine(List.of(new Span((sel ? "▶ " : "  ") + box, head),
                            new Span(hl.get(0) + (rejected ? "  rejected" : ""), head))));
                    for (List<Span> l : Highlighter.highlight("diff", hl.subList(1, hl.size()), Style.of(Role.FOREGROUND))) {
                        List<Span> sp = new ArrayList<>();
                        sp.add(new Span("    ", Style.PLAIN));
                        for (Span x : l) {
                            sp.add(rejected ? new Span(x.text(), Style.of(Role.MUTED)) : x);
                        }
                        lines.add(new StyledLine(sp).truncate(inner));
                    }
                }
            }
        }
        Rect r = centered(width, height, inner + 4, Math.max(8, lines.size() + 4));
        c.box(r, "approve " + a.request.tool(), Role.ACCENT, Role.POPUP_BG);
        int body = r.height() - 4;
        a.scroll = Math.max(0, Math.min(a.scroll, Math.max(0, lines.size() - body)));
        for (int i = 0; i < body && a.scroll + i < lines.size(); i++) {
            c.line(r.col() + 2, r.row() + 1 + i, inner, lines.get(a.scroll + i), Role.POPUP_BG);
        }
        String keys = a.hunkCount() > 1
                ? "y allow · a always · n deny · ↑↓ hunk · space keep/drop · enter apply kept"
                : "y allow once · a always in this project · n deny" + (lines.size() > body ? " · ↑↓ scroll" : "");
        c.text(r.col() + 2, r.bottom() - 2, inner, keys, Style.of(Role.MUTED), Role.POPUP_BG);
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static void picker(Canvas c, Dialog.Picker p, int width, int height) {
        List<Dialog.Picker.Item> items = p.visible();
        int w = Math.min(width - 2, Math.max(50, width * 4 / 5));
        List<StyledLine> head = p.header.isEmpty() ? List.of() : StyledLine.wrap(List.of(new Span(p.header,
                Style.of(Role.FOREGROUND))), w - 4, List.of());
        head = head.subList(0, Math.min(head.size(), Math.max(0, height / 3)));
        int extra = head.isEmpty() ? 0 : head.size() + 1;
        Rect r = centered(width, height, w, Math.min(height - 4, items.size() + 5 + extra));
        c.box(r, p.title, Role.ACCENT, Role.POPUP_BG);
        int inner = r.width() - 4;
        for (int i = 0; i < head.size(); i++) {
            c.line(r.col() + 2, r.row() + 1 + i, inner, head.get(i), Role.POPUP_BG);
        }
        c.text(r.col() + 2, r.row() + 1 + extra, inner, "filter: " + p.filter, Style.of(Role.MUTED), Role.POPUP_BG);
        int rows = r.height() - 4 - extra;
        p.selected = Math.max(0, Math.min(p.selected, items.size() - 1));
        int first = Math.max(0, p.selected - rows + 1);
        int labelWidth = 0;
        for (Dialog.Picker.Item item : items) {
            labelWidth = Math.max(labelWidth, Cells.width(item.label()));
        }
        labelWidth = Math.min(labelWidth, inner * 3 / 5);
        for (int i = 0; i < rows && first + i < items.size(); i++) {
            Dialog.Picker.Item item = items.get(first + i);
            boolean sel = first + i == p.selected;
            Role bg = sel ? Role.POPUP_SELECTED : Role.POPUP_BG;
            c.fill(new Rect(r.col() + 1, r.row() + 2 + extra + i, r.width() - 2, 1), bg);
            StyledLine label = StyledLine.of(item.label(), Style.of(sel ? Role.ACCENT : Role.FOREGROUND)).truncate(labelWidth);
            c.line(r.col() + 2, r.row() + 2 + extra + i, inner, new StyledLine(List.of(
                    new Span(sel ? "› " : "  ", Style.of(Role.ACCENT)),
                    new Span(label.text() + " ".repeat(Math.max(0, labelWidth - label.width())), label.spans().isEmpty()
                            ? Style.PLAIN : label.spans().get(0).style()),
                    new Span("  " + item.detail(), Style.of(Role.MUTED)))).truncate(inner), bg);
        }
        if (items.isEmpty()) {
            c.text(r.col() + 2, r.row() + 2 + extra, inner, "nothing matches", Style.of(Role.MUTED), Role.POPUP_BG);
        }
        c.text(r.col() + 2, r.bottom() - 2, inner, "enter choose · type to filter · esc close"
                + (p.onDelete != null ? " · ctrl+d delete" : ""), Style.of(Role.MUTED), Role.POPUP_BG);
    }

    private static void info(Canvas c, Dialog.Info i, int width, int height) {
        Rect r = centered(width, height, Math.max(60, width * 3 / 4), Math.min(height - 2, i.lines().size() + 4));
        c.box(r, i.title(), Role.ACCENT, Role.POPUP_BG);
        int inner = r.width() - 4;
        for (int k = 0; k < r.height() - 3 && k < i.lines().size(); k++) {
            c.text(r.col() + 2, r.row() + 1 + k, inner, i.lines().get(k), Style.of(Role.FOREGROUND), Role.POPUP_BG);
        }
        c.text(r.col() + 2, r.bottom() - 2, inner, "esc close", Style.of(Role.MUTED), Role.POPUP_BG);
    }

    private static void compare(Canvas c, Dialog.Compare cmp, int width, int height) {
        Rect r = new Rect(1, 1, width - 2, height - 2);
        c.box(r, "compare: " + cmp.prompt, Role.ACCENT, Role.POPUP_BG);
        int n = cmp.models.size();
        int slot = (r.width() - 2 - (n - 1)) / n;
        int colWidth = slot - 2;
        int top = r.row() + 1;
        int bottom = r.bottom() - 3;
        for (int i = 0; i < n; i++) {
            int x = r.col() + 2 + i * (slot + 1);
            Comparison.Result res = cmp.results.get(i);
            c.text(x, top, colWidth, (i + 1) + " " + cmp.models.get(i), Style.of(Role.HEADING).asBold(), Role.POPUP_BG);
            String stat = res == null ? "streaming…" : res.error() != null ? "failed"
                    : String.format(Locale.ROOT, "%s · ttft %d ms · %d ms · %d out", res.priced()
                    ? ScreenView.money(res.costUsd()) : "price unknown", res.timeToFirstTokenMs(), res.durationMs(),
                    res.usage().outputTokens());
            c.text(x, top + 1, colWidth, stat, Style.of(res != null && res.error() != null ? Role.ERROR : Role.MUTED),
                    Role.POPUP_BG);
            String text = res != null && res.error() != null ? res.error() : cmp.texts.get(i).toString();
            List<StyledLine> lines = MarkdownRenderer.render(text, colWidth, Style.of(Role.ASSISTANT));
            int rows = bottom - (top + 2);
            int first = Math.min(cmp.scroll, Math.max(0, lines.size() - rows));
            for (int k = 0; k < rows && first + k < lines.size(); k++) {
                c.line(x, top + 2 + k, colWidth, lines.get(first + k), Role.POPUP_BG);
            }
            if (i < n - 1) {
                for (int y = top; y <= bottom; y++) {
                    c.text(x + colWidth + 1, y, 1, "│", Style.of(Role.BORDER), Role.POPUP_BG);
                }
            }
        }
        c.text(r.col() + 2, r.bottom() - 2, r.width() - 4, cmp.done()
                ? "1-" + n + " continue with that answer · ↑↓ scroll · esc discard"
                : "answers are streaming… esc cancels", Style.of(Role.MUTED), Role.POPUP_BG);
    }
}
