package dev.reaper.tui.view;

import dev.reaper.protocol.Event;
import dev.reaper.tools.CallSummary;
import dev.reaper.tui.markdown.Highlighter;
import dev.reaper.tui.markdown.MarkdownRenderer;
import dev.reaper.tui.state.ChatEntry;
import dev.reaper.tui.text.Span;
import dev.reaper.tui.text.Style;
import dev.reaper.tui.text.StyledLine;
import dev.reaper.tui.theme.Role;
import java.util.ArrayList;
import java.util.List;

/** Lays out chat entries as styled lines for a width, caching the result in the entry. */
public final class ChatRenderer {

    static final int MAX_TOOL_LINES = 200;

    private ChatRenderer() {}

    /** The entry's lines at this width; laid out again only after {@link ChatEntry#touch()}. */
    public static List<StyledLine> lines(ChatEntry entry, int width, boolean expandAll) {
        List<StyledLine> cached = entry.cached(width);
        if (cached != null) {
            return cached;
        }
        List<StyledLine> out = render(entry, Math.max(10, width), expandAll);
        entry.cache(width, out);
        return out;
    }

    private static List<StyledLine> render(ChatEntry entry, int width, boolean expandAll) {
        List<StyledLine> out = new ArrayList<>();
        switch (entry) {
            case ChatEntry.User u -> {
                Style s = Style.of(Role.USER).asBold();
                List<Span> spans = List.of(new Span("› ", Style.of(Role.ACCENT).asBold()), new Span(u.text, s));
                for (String para : u.text.split("\n", -1)) {
                    if (out.isEmpty()) {
                        out.addAll(StyledLine.wrap(List.of(spans.get(0), new Span(para, s)), width,
                                List.of(new Span("  ", s))));
                    } else {
                        out.addAll(StyledLine.wrap(List.of(new Span("  " + para, s)), width, List.of(new Span("  ", s))));
                    }
                }
            }
            case ChatEntry.Assistant a -> {
                if (!a.reasoning.isEmpty()) {
                    Style muted = Style.of(Role.MUTED).asItalic();
                    if (expandAll || (a.streaming && a.text.isEmpty())) {
                        String r = a.reasoning.toString().strip();
                        List<String> lines = List.of(r.split("\n"));
                        int from = expandAll ? 0 : Math.max(0, lines.size() - 3);
                        out.add(StyledLine.of("✻ thinking", muted));
                        for (String l : lines.subList(from, lines.size())) {
                            out.addAll(StyledLine.wrap(List.of(new Span("  " + l, muted)), width, List.of(new Span("  ", muted))));
                        }
                    } else {
                        out.add(StyledLine.of("✻ thought for a while (ctrl+o shows it)", muted));
                    }
                }
                String md = a.text.toString();
                for (StyledLine l : answer(a, md, width - 2)) {
                    List<Span> spans = new ArrayList<>();
                    spans.add(new Span("  ", Style.PLAIN));
                    spans.addAll(l.spans());
                    out.add(new StyledLine(spans, l.fill()));
                }
                if (a.streaming && md.isEmpty() && a.reasoning.isEmpty()) {
                    out.add(StyledLine.of("  …", Style.of(Role.MUTED)));
                }
            }
            case ChatEntry.Tool t -> tool(out, t, width, expandAll);
            case ChatEntry.Note n -> {
                Role r = switch (n.kind) {
                    case INFO -> Role.MUTED;
                    case WARNING -> Role.WARNING;
                    case ERROR -> Role.ERROR;
                };
                String mark = n.kind == ChatEntry.Note.Kind.INFO ? "· " : "! ";
                out.addAll(StyledLine.wrap(List.of(new Span(mark + n.text, Style.of(r))), width,
                        List.of(new Span("  ", Style.of(r)))));
            }
            case ChatEntry.Report r -> {
                out.add(new StyledLine(List.of(new Span("◆ ", Style.of(Role.ACCENT)), new Span(r.title,
                        Style.of(Role.TOOL)))));
                if (r.text == null) {
                    out.add(StyledLine.of("  working…", Style.of(Role.MUTED)));
                } else {
                    body(out, r.text, width, null);
                }
            }
            case ChatEntry.Shell sh -> {
                out.add(new StyledLine(List.of(new Span("$ ", Style.of(Role.ACCENT).asBold()),
                        new Span(sh.command, Style.of(Role.TOOL)))));
                if (sh.output == null) {
                    out.add(StyledLine.of("  running…", Style.of(Role.MUTED)));
                } else if (sh.expanded || expandAll) {
                    body(out, sh.output, width, null);
                }
            }
        }
        out.add(StyledLine.EMPTY);
        return out;
    }

    /**
     * The answer's markdown laid out. While it streams, the part up to the last block boundary is laid out
     * once and kept, and only the block still growing is laid out again each frame.
     */
    private static List<StyledLine> answer(ChatEntry.Assistant a, String md, int width) {
        Style base = Style.of(Role.ASSISTANT);
        if (!a.streaming) {
            a.stableLines = List.of();
            a.stableEnd = 0;
            return MarkdownRenderer.render(md, width, base);
        }
        int cut = MarkdownRenderer.stableBoundary(md);
        if (a.stableWidth != width || cut < a.stableEnd) {
            a.stableLines = List.of();
            a.stableEnd = 0;
            a.stableWidth = width;
        }
        if (cut > a.stableEnd) {
            List<StyledLine> stable = new ArrayList<>(a.stableLines);
            stable.addAll(MarkdownRenderer.render(md.substring(a.stableEnd, cut), width, base));
            // the part ends in a blank line, which the whole text renders as one empty line (a part alone
            // drops trailing empty lines)
            if (!stable.isEmpty() && !stable.get(stable.size() - 1).spans().isEmpty()) {
                stable.add(StyledLine.EMPTY);
            }
            a.stableLines = stable;
            a.stableEnd = cut;
        }
        List<StyledLine> all = new ArrayList<>(a.stableLines);
        all.addAll(MarkdownRenderer.render(md.substring(a.stableEnd), width, base));
        while (!all.isEmpty() && all.get(all.size() - 1).spans().isEmpty()) {
            all.remove(all.size() - 1); // as the whole text would end
        }
        return all;
    }

    private static void tool(List<StyledLine> out, ChatEntry.Tool t, int width, boolean expandAll) {
        Role statusRole = t.status == null ? Role.MUTED
                : t.status == Event.ToolStatus.OK ? Role.SUCCESS : Role.ERROR;
        String mark = t.status == null ? "◌" : t.status == Event.ToolStatus.OK ? "●" : "✗";
        List<Span> head = new ArrayList<>();
        head.add(new Span(mark + " ", Style.of(statusRole)));
        head.add(new Span(t.name, Style.of(Role.TOOL).asBold()));
        head.add(new Span(" " + CallSummary.of(t.arguments), Style.of(Role.MUTED)));
        if (t.output != null && !(t.expanded || expandAll)) {
            String first = CallSummary.firstLine(t.output);
            int lines = t.output.split("\n", -1).length;
            head.add(new Span("  " + (t.status == Event.ToolStatus.OK ? "" : first + " ")
                    + (lines > 1 ? "(" + lines + " lines, ctrl+o)" : t.status == Event.ToolStatus.OK ? first : ""),
                    Style.of(t.status == Event.ToolStatus.OK ? Role.MUTED : Role.ERROR)));
        }
        out.add(new StyledLine(head).truncate(width));
        if (t.output != null && (t.expanded || expandAll)) {
            body(out, t.output, width, t.name.equals("apply_patch") || t.output.startsWith("--- ") ? "diff" : null);
        }
    }

    private static void body(List<StyledLine> out, String text, int width, String language) {
        List<String> lines = List.of(text.split("\n", -1));
        int n = Math.min(lines.size(), MAX_TOOL_LINES);
        Style muted = Style.of(Role.MUTED);
        List<List<Span>> styled = Highlighter.highlight(language, lines.subList(0, n), muted);
        for (List<Span> l : styled) {
            List<Span> spans = new ArrayList<>();
            spans.add(new Span("  │ ", Style.of(Role.BORDER)));
            spans.addAll(l);
            out.add(new StyledLine(spans).truncate(width));
        }
        if (lines.size() > n) {
            out.add(StyledLine.of("  │ … " + (lines.size() - n) + " more lines", muted));
        }
    }
}
