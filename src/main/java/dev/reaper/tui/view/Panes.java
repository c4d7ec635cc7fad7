package dev.reaper.tui.view;

import dev.reaper.protocol.Event;
import dev.reaper.protocol.PlanItem;
import dev.reaper.tui.keys.Action;
import dev.reaper.tui.keys.Keymap;
import dev.reaper.tui.markdown.Highlighter;
import dev.reaper.tui.state.CostState;
import dev.reaper.tui.state.TuiState;
import dev.reaper.tui.text.Span;
import dev.reaper.tui.text.Style;
import dev.reaper.tui.text.StyledLine;
import dev.reaper.tui.theme.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The pane beside the chat: the session's diffs, its costs, or the model's plan. */
final class Panes {

    private Panes() {}

    static void draw(Canvas c, TuiState s, Rect r) {
        List<StyledLine> lines = switch (s.pane) {
            case DIFF -> diffs(s, r.width() - 1);
            case COST -> cost(s, r.width() - 1);
            case PLAN -> plan(s, r.width() - 1);
            case NONE -> List.of();
        };
        String title = switch (s.pane) {
            case DIFF -> " diffs, " + (s.sideBySide ? "side by side" : "unified") + hint(s, Action.DIFF_LAYOUT, " (%s switches)");
            case COST -> " cost ";
            case PLAN -> " plan ";
            case NONE -> "";
        };
        c.text(r.col(), r.row(), r.width(), title, Style.of(Role.ACCENT).asBold(), Role.BACKGROUND);
        int height = r.height() - 1;
        int maxScroll = Math.max(0, lines.size() - height);
        s.paneScroll = Math.min(s.paneScroll, maxScroll);
        int end = lines.size() - s.paneScroll;
        int start = Math.max(0, end - height);
        for (int i = start, row = r.row() + 1; i < end; i++, row++) {
            c.line(r.col() + 1, row, r.width() - 1, lines.get(i), Role.BACKGROUND);
        }
    }

    /** "(ctrl+x d switches)" when the action has a key in the current keymap. */
    private static String hint(TuiState s, Action a, String format) {
        String keys = s.keymap == null ? "" : s.keymap.keysFor(Keymap.INSERT, a);
        if (keys.isEmpty() && s.keymap != null) {
            keys = s.keymap.keysFor(Keymap.NORMAL, a);
        }
        return keys.isEmpty() ? "" : String.format(Locale.ROOT, format, keys);
    }

    private static List<StyledLine> diffs(TuiState s, int width) {
        List<StyledLine> out = new ArrayList<>();
        if (s.diffs.isEmpty()) {
            out.add(StyledLine.of("No file changed yet.", Style.of(Role.MUTED)));
            return out;
        }
        for (TuiState.FileDiff d : s.diffs) {
            out.add(StyledLine.of(d.path(), Style.of(Role.HEADING).asBold()));
            if (s.sideBySide) {
                out.addAll(SideBySide.render(d.diff(), width));
            } else {
                for (List<Span> l : Highlighter.highlight("diff", List.of(d.diff().split("\n")), Style.of(Role.FOREGROUND))) {
                    out.add(new StyledLine(l).truncate(width));
                }
            }
            out.add(StyledLine.EMPTY);
        }
        return out;
    }

    private static List<StyledLine> cost(TuiState s, int width) {
        CostState c = s.cost;
        Style m = Style.of(Role.MUTED);
        Style f = Style.of(Role.FOREGROUND);
        List<StyledLine> out = new ArrayList<>();
        out.add(row("model", c.provider.isEmpty() ? s.model : c.provider + "/" + c.model, m, f));
        out.add(row("turn", CostLine.tokens(c.turnUsage.promptTokens()) + " in, " + CostLine.tokens(c.turnUsage.outputTokens())
                + " out, " + ScreenView.money(c.turnCost), m, f));
        out.add(row("session", CostLine.tokens(c.sessionUsage.promptTokens()) + " in, "
                + CostLine.tokens(c.sessionUsage.outputTokens()) + " out, " + ScreenView.money(c.sessionCost), m, f));
        out.add(row("cached", CostLine.tokens(c.sessionUsage.cacheReadTokens()) + " read, "
                + CostLine.tokens(c.sessionUsage.cacheWriteTokens()) + " written", m, f));
        if (s.budgetLimit > 0) {
            out.add(row("budget", ScreenView.money(c.sessionCost) + " of " + ScreenView.money(s.budgetLimit)
                    + String.format(Locale.ROOT, " (%.0f%%)", 100 * c.sessionCost / s.budgetLimit), m, f));
        }
        out.add(row("first token", c.lastTtftMs < 0 ? "-" : c.lastTtftMs + " ms", m, f));
        out.add(row("last request", c.lastDurationMs + " ms", m, f));
        if (c.unpriced) {
            out.add(StyledLine.of("* some requests had no known price", m));
        }
        out.add(StyledLine.EMPTY);
        out.add(StyledLine.of("requests", Style.of(Role.HEADING).asBold()));
        // the numbers keep their columns; the model name gets what is left
        int nameWidth = Math.max(6, width - 29);
        String row = "%-" + nameWidth + "s %6s %5s %7s %6s";
        out.add(StyledLine.of(String.format(Locale.ROOT, row, "model", "in", "out", "cost", "time"), m.asBold()));
        for (Event.RequestFinished r : c.requests) {
            String name = r.model().length() > nameWidth ? r.model().substring(0, nameWidth - 1) + "…" : r.model();
            out.add(StyledLine.of(String.format(Locale.ROOT, row, name,
                    CostLine.tokens(r.usage().promptTokens()), CostLine.tokens(r.usage().outputTokens()),
                    r.priced() ? ScreenView.money(r.costUsd()) : "?", seconds(r.durationMs())), m));
        }
        return out;
    }

    private static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
    }

    private static StyledLine row(String label, String value, Style m, Style f) {
        return new StyledLine(List.of(new Span(String.format(Locale.ROOT, "%-13s", label), m), new Span(value, f)));
    }

    private static List<StyledLine> plan(TuiState s, int width) {
        List<StyledLine> out = new ArrayList<>();
        if (s.plan.isEmpty()) {
            out.add(StyledLine.of("No plan yet: the model writes one for multi-step tasks.", Style.of(Role.MUTED)));
            return out;
        }
        int done = 0;
        for (PlanItem item : s.plan) {
            String mark = switch (item.status()) {
                case COMPLETED -> "☑ ";
                case IN_PROGRESS -> "◐ ";
                case PENDING -> "☐ ";
            };
            done += item.status() == PlanItem.Status.COMPLETED ? 1 : 0;
            Style st = switch (item.status()) {
                case COMPLETED -> Style.of(Role.MUTED);
                case IN_PROGRESS -> Style.of(Role.ACCENT).asBold();
                case PENDING -> Style.of(Role.FOREGROUND);
            };
            out.addAll(StyledLine.wrap(List.of(new Span(mark + item.content(), st)), width, List.of(new Span("  ", st))));
        }
        out.add(StyledLine.EMPTY);
        out.add(StyledLine.of(done + " of " + s.plan.size() + " done", Style.of(Role.MUTED)));
        return out;
    }
}
