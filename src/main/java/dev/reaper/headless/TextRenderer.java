package dev.reaper.headless;

import dev.reaper.agent.EventSink;
import dev.reaper.protocol.Event;
import dev.reaper.tools.CallSummary;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * {@code --output-format text}: stdout gets the final answer and nothing else; stderr gets what a user
 * watching wants to see meanwhile: each tool call on one line, every file change as a unified diff,
 * retries, fallbacks and denials, and (with {@code -v}) each request's tokens, cost and latency.
 */
public final class TextRenderer implements EventSink {

    private final PrintWriter err;
    private final Style style;
    private final boolean verbose;

    public TextRenderer(PrintWriter err, boolean color, boolean verbose) {
        this.err = err;
        this.style = new Style(color);
        this.verbose = verbose;
    }

    @Override
    public void emit(Event event) {
        switch (event) {
            case Event.ToolStarted t -> err.println(style.dim("● ") + t.name() + style.dim(summary(t.argumentsJson())));
            case Event.ToolFinished f -> {
                if (f.status() != Event.ToolStatus.OK) {
                    err.println(style.red("  ✗ " + firstLine(f.output())));
                }
            }
            case Event.FileChanged c -> err.print(style.diff(c.diff()));
            case Event.Notice n -> {
                if (n.kind() != Event.NoticeKind.DENIED) {
                    err.println(style.yellow("! " + n.message()));
                }
            }
            case Event.RequestFinished r -> {
                if (verbose) {
                    err.println(style.dim(String.format(Locale.ROOT, "  [%s/%s: %d in, %d out, %d cached; %s; first token %s; %d ms]",
                            r.provider(), r.model(), r.usage().inputTokens(), r.usage().outputTokens(),
                            r.usage().cacheReadTokens(), r.priced() ? String.format(Locale.ROOT, "$%.4f", r.costUsd()) : "price unknown",
                            r.timeToFirstTokenMs() < 0 ? "-" : r.timeToFirstTokenMs() + " ms", r.durationMs())));
                }
            }
            case Event.Routed r -> {
                if (verbose) {
                    err.println(style.dim("  [" + dev.reaper.protocol.RoutingText.of(r) + "]"));
                }
            }
            default -> { }
        }
        err.flush();
    }

    /** The call's main argument, cut to a line a reader takes in at a glance. */
    static String summary(String argumentsJson) {
        String one = CallSummary.of(argumentsJson);
        return one.isEmpty() ? "" : " " + (one.length() > 100 ? one.substring(0, 100) + "…" : one);
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl) + " …";
    }
}
