package dev.reaper.tui.view;

import dev.reaper.tui.keys.Keymap;
import dev.reaper.tui.state.ChatEntry;
import dev.reaper.tui.state.Popup;
import dev.reaper.tui.state.TuiState;
import dev.reaper.tui.text.Cells;
import dev.reaper.tui.text.Span;
import dev.reaper.tui.text.Style;
import dev.reaper.tui.text.StyledLine;
import dev.reaper.tui.theme.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws a whole frame from the state: header, chat (laid out from the bottom, so only what is visible is
 * ever laid out), the side pane, the completion popup, the input, the status bar and any dialog. Returns
 * where the cursor goes.
 */
public final class ScreenView {

    static final int MAX_INPUT_LINES = 10;
    private static final String[] SPINNER = {"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"};

    /** Where the parts of the last frame were, for mouse clicks. */
    public record Frame(Rect chat, List<ChatEntry> entryAtRow, int cursorCol, int cursorRow) {}

    private ScreenView() {}

    public static Frame draw(Canvas c, TuiState s, int width, int height, long now) {
        c.fill(new Rect(0, 0, width, height), Role.BACKGROUND);
        header(c, s, width, now);
        List<StyledLine> inputLines = InputView.lines(s, width);
        int inputHeight = Math.min(MAX_INPUT_LINES, inputLines.size());
        int statusRow = height - 1;
        int inputTop = statusRow - inputHeight - 1;
        Rect body = new Rect(0, 1, width, Math.max(0, inputTop - 1));
        Rect chat = body;
        if (s.pane != TuiState.Pane.NONE && width >= 60) {
            int paneWidth = Math.max(28, s.pane == TuiState.Pane.DIFF && s.sideBySide ? width * 3 / 5 : width * 2 / 5);
            chat = new Rect(0, body.row(), width - paneWidth - 1, body.height());
            Rect pane = new Rect(width - paneWidth, body.row(), paneWidth, body.height());
            for (int y = pane.row(); y < pane.bottom(); y++) {
                c.text(pane.col() - 1, y, 1, "│", Style.of(Role.BORDER), Role.BACKGROUND);
            }
            Panes.draw(c, s, pane);
        }
        List<ChatEntry> rowEntries = chat(c, s, chat);
        // separator and input
        c.text(0, inputTop, width, "─".repeat(width), Style.of(Role.BORDER), Role.BACKGROUND);
        Rect input = new Rect(0, inputTop + 1, width, inputHeight);
        c.fill(input, Role.INPUT_BG);
        int[] cursor = InputView.cursor(s, width);
        int firstShown = Math.max(0, Math.min(cursor[0] - inputHeight + 1, inputLines.size() - inputHeight));
        for (int i = 0; i < inputHeight && firstShown + i < inputLines.size(); i++) {
            c.line(0, input.row() + i, width, inputLines.get(firstShown + i), Role.INPUT_BG);
        }
        status(c, s, width, statusRow, now);
        if (s.popup != null) {
            popup(c, s.popup, width, inputTop);
        }
        int cursorRow = input.row() + cursor[0] - firstShown;
        int cursorCol = cursor[1];
        if (s.dialog != null) {
            Dialogs.draw(c, s, width, height);
        }
        return new Frame(chat, rowEntries, cursorCol, cursorRow);
    }

    private static void header(Canvas c, TuiState s, int width, long now) {
        c.fill(new Rect(0, 0, width, 1), Role.HEADER_BG);
        List<Span> spans = new ArrayList<>();
        spans.add(new Span(" reaper ", Style.of(Role.ACCENT).asBold()));
        spans.add(new Span(s.workspace, Style.of(Role.MUTED)));
        spans.add(new Span("  " + s.model, Style.of(Role.FOREGROUND)));
        spans.add(new Span("  " + s.permissionMode, Style.of(s.permissionMode.equals("default") ? Role.MUTED : Role.WARNING)));
        if (s.running) {
            long secs = (now - s.runningSince) / 1000;
            spans.add(new Span("  " + SPINNER[(int) ((now / 80) % SPINNER.length)] + " working " + secs + "s (esc stops)",
                    Style.of(Role.ACCENT)));
        }
        c.line(0, 0, width, new StyledLine(spans).truncate(width), Role.HEADER_BG);
    }

    /** Lays out entries from the last one up until the view (plus the scroll offset) is full. */
    private static List<ChatEntry> chat(Canvas c, TuiState s, Rect r) {
        List<ChatEntry> byRow = new ArrayList<>();
        for (int i = 0; i < r.height(); i++) {
            byRow.add(null);
        }
        if (r.isEmpty()) {
            return byRow;
        }
        int width = r.width() - 1;
        int need = r.height() + s.scroll;
        List<StyledLine> lines = new ArrayList<>();
        List<ChatEntry> owners = new ArrayList<>();
        for (int i = s.chat.size() - 1; i >= 0 && lines.size() < need; i--) {
            ChatEntry e = s.chat.get(i);
            List<StyledLine> el = ChatRenderer.lines(e, width, s.expandAll);
            lines.addAll(0, el);
            for (int k = 0; k < el.size(); k++) {
                owners.add(0, e);
            }
        }
        int maxScroll = Math.max(0, lines.size() - r.height());
        if (s.scroll > maxScroll) {
            s.scroll = maxScroll;
        }
        int end = lines.size() - s.scroll;
        int start = Math.max(0, end - r.height());
        int row = r.bottom() - (end - start);
        for (int i = start; i < end; i++, row++) {
            c.line(r.col() + 1, row, width, lines.get(i), Role.BACKGROUND);
            byRow.set(row - r.row(), owners.get(i));
        }
        if (s.chat.isEmpty()) {
            welcome(c, r);
        }
        if (s.scroll > 0) {
            String more = " ↓ " + s.scroll + " more lines (end) ";
            c.text(r.right() - more.length() - 1, r.bottom() - 1, more.length(), more, Style.of(Role.ACCENT).asReversed(),
                    Role.BACKGROUND);
        }
        return byRow;
    }

    private static void welcome(Canvas c, Rect r) {
        String[] lines = {
            "Reaper is ready.",
            "",
            "Ask for a change, a review or an explanation; mention files with @path.",
            "/help lists commands · !cmd runs a shell command · esc stops a turn · ctrl+c twice quits",
        };
        List<StyledLine> out = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            Style style = i == 0 ? Style.of(Role.ACCENT).asBold() : Style.of(Role.MUTED);
            out.addAll(StyledLine.wrap(List.of(new Span(lines[i], style)), Math.max(10, r.width() - 2), List.of()));
        }
        int top = r.row() + Math.max(0, Math.min(r.height() / 3 - 2, r.height() - out.size()));
        for (int i = 0; i < out.size() && top + i < r.bottom(); i++) {
            StyledLine l = out.get(i);
            int col = r.col() + Math.max(1, (r.width() - l.width()) / 2);
            c.line(col, top + i, r.width() - (col - r.col()), l, Role.BACKGROUND);
        }
    }

    private static void status(Canvas c, TuiState s, int width, int row, long now) {
        c.fill(new Rect(0, row, width, 1), Role.STATUS_BG);
        List<Span> left = new ArrayList<>();
        if (s.keymap != null && s.keymap.isVim()) {
            boolean normal = s.inputMode.equals(Keymap.NORMAL);
            left.add(new Span(normal ? " NORMAL " : " INSERT ", Style.of(normal ? Role.ACCENT : Role.SUCCESS).asReversed()));
        }
        if (s.search != null) {
            left.add(new Span(" history search: " + s.search + (s.searchMatch < 0 ? " (no match)" : ""),
                    Style.of(Role.ACCENT)));
        } else if (!s.status.isEmpty() && now < s.statusUntil) {
            left.add(new Span(" " + s.status, Style.of(Role.WARNING)));
        } else {
            String model = s.cost.provider.isEmpty() ? s.model : s.cost.provider + "/" + s.cost.model;
            left.add(new Span(" " + model, Style.of(Role.MUTED)));
        }
        StyledLine l = new StyledLine(left);
        StyledLine r = CostLine.line(s, Math.max(0, width - l.width() - 2));
        c.line(0, row, width, l, Role.STATUS_BG);
        c.line(Math.max(0, width - r.width() - 1), row, r.width(), r, Role.STATUS_BG);
    }

    private static void popup(Canvas c, Popup p, int width, int inputTop) {
        int n = Math.min(8, p.items.size());
        int w = 20;
        for (Popup.Item i : p.items) {
            w = Math.max(w, Cells.width(i.text()) + Cells.width(i.hint()) + 4);
        }
        w = Math.min(w, width - 2);
        int first = Math.max(0, Math.min(p.selected - n + 1, p.items.size() - n));
        Rect r = new Rect(1, inputTop - n, w, n);
        c.fill(r, Role.POPUP_BG);
        for (int i = 0; i < n; i++) {
            Popup.Item item = p.items.get(first + i);
            boolean sel = first + i == p.selected;
            Role bg = sel ? Role.POPUP_SELECTED : Role.POPUP_BG;
            c.fill(new Rect(r.col(), r.row() + i, w, 1), bg);
            StyledLine line = new StyledLine(List.of(new Span(" " + item.text(), Style.of(sel ? Role.ACCENT : Role.FOREGROUND)),
                    new Span("  " + item.hint(), Style.of(Role.MUTED))));
            c.line(r.col(), r.row() + i, w, line.truncate(w), bg);
        }
    }

    static String money(double v) {
        return v < 0.01 ? String.format(Locale.ROOT, "$%.4f", v) : String.format(Locale.ROOT, "$%.2f", v);
    }
}
