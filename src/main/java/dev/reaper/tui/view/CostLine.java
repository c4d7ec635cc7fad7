package dev.reaper.tui.view;

import dev.reaper.tui.state.CostState;
import dev.reaper.tui.state.TuiState;
import dev.reaper.tui.text.Span;
import dev.reaper.tui.text.Style;
import dev.reaper.tui.text.StyledLine;
import dev.reaper.tui.theme.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The cost summary of the status bar: tokens, turn and session cost, budget bar, latency. */
final class CostLine {

    private CostLine() {}

    static StyledLine line(TuiState s, int maxWidth) {
        CostState c = s.cost;
        Style muted = Style.of(Role.MUTED);
        List<Span> spans = new ArrayList<>();
        spans.add(new Span("in " + tokens(c.sessionUsage.promptTokens()) + " out " + tokens(c.sessionUsage.outputTokens()),
                muted));
        spans.add(new Span("  turn " + ScreenView.money(c.turnCost), muted));
        spans.add(new Span("  session " + ScreenView.money(c.sessionCost) + (c.unpriced ? "*" : ""),
                Style.of(Role.FOREGROUND)));
        if (s.budgetLimit > 0) {
            double share = Math.min(1, c.sessionCost / s.budgetLimit);
            int cells = 8;
            int full = (int) Math.round(share * cells);
            spans.add(new Span("  [", muted));
            spans.add(new Span("█".repeat(full), Style.of(share > 0.8 ? Role.ERROR : share > 0.5 ? Role.WARNING : Role.SUCCESS)));
            spans.add(new Span("░".repeat(cells - full) + "] " + ScreenView.money(s.budgetLimit), muted));
        }
        if (c.lastTtftMs >= 0) {
            spans.add(new Span(String.format(Locale.ROOT, "  ttft %.1fs", c.lastTtftMs / 1000.0), muted));
        }
        if (c.turnMillis > 0) {
            spans.add(new Span(String.format(Locale.ROOT, "  %.1fs", c.turnMillis / 1000.0), muted));
        }
        StyledLine full = new StyledLine(spans);
        return full.width() <= maxWidth ? full : new StyledLine(spans.subList(0, Math.min(3, spans.size()))).truncate(maxWidth);
    }

    static String tokens(long n) {
        return n < 1000 ? String.valueOf(n) : n < 1_000_000 ? String.format(Locale.ROOT, "%.1fk", n / 1000.0)
                : String.format(Locale.ROOT, "%.1fM", n / 1_000_000.0);
    }
}
