package dev.reaper.lsp;

import dev.reaper.tools.ToolContext;
import dev.reaper.tools.Truncate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.SymbolKind;

/**
 * How language-server answers read for the model: one line per item, {@code path:line:col} first (1-based,
 * paths relative to the workspace), then what is there. Source lines are quoted only from files the model
 * may read.
 */
final class Listing {

    static final int MAX_LINE_QUOTED = 160;

    private final ToolContext context;
    private final Map<Path, List<String>> lines = new HashMap<>();

    Listing(ToolContext context) {
        this.context = context;
    }

    /** The path as the model names it: relative to the workspace, or absolute when outside it. */
    String shown(Path file) {
        return context.workspace().relative(file);
    }

    String at(Path file, Position p) {
        return shown(file) + ":" + (p.getLine() + 1) + ":" + (p.getCharacter() + 1);
    }

    /** {@code path:line:col: text of that line}, the text left out when the file may not be read. */
    String quoted(Path file, Position p) {
        return at(file, p) + line(file, p.getLine()).map(t -> ": " + t).orElse("");
    }

    /** A line of a workspace file the model may read, trimmed and cut short. */
    Optional<String> line(Path file, int zeroBased) {
        boolean inWorkspace = !Path.of(shown(file)).isAbsolute();
        if (inWorkspace && context.mayRead(file)) {
            List<String> all = lines.computeIfAbsent(file, Listing::readLines);
            if (zeroBased >= 0 && zeroBased < all.size()) {
                String t = all.get(zeroBased).strip();
                return Optional.of(t.length() > MAX_LINE_QUOTED ? Truncate.head(t, MAX_LINE_QUOTED) + "…" : t);
            }
        }
        return Optional.empty();
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.size(file) > OpenDocuments.MAX_BYTES ? List.of()
                    : List.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n", -1));
        } catch (IOException e) {
            return List.of();
        }
    }

    String diagnostic(Path file, Diagnostic d) {
        String message = d.getMessage() == null ? ""
                : d.getMessage().isLeft() ? d.getMessage().getLeft() : d.getMessage().getRight().getValue();
        String code = d.getCode() == null ? "" : String.valueOf(d.getCode().get());
        String source = d.getSource() == null ? "" : d.getSource();
        String tag = (source + " " + code).strip();
        return at(file, d.getRange().getStart()) + " " + severity(d.getSeverity()) + ": "
                + oneLine(message) + (tag.isEmpty() ? "" : " [" + tag + "]");
    }

    /** A message's lines joined, their indentation dropped (pyright indents with no-break spaces). */
    static String oneLine(String message) {
        return message.strip().replaceAll("[\\s\u00A0]*\n[\\s\u00A0]*", "; ");
    }

    /** The protocol leaves a missing severity to the client: it is read as an error. */
    static String severity(DiagnosticSeverity s) {
        return s == null ? "error" : s.name().toLowerCase(Locale.ROOT);
    }

    static boolean isProblem(Diagnostic d) {
        return d.getSeverity() == null || d.getSeverity() == DiagnosticSeverity.Error
                || d.getSeverity() == DiagnosticSeverity.Warning;
    }

    static String kind(SymbolKind k) {
        return k == null ? "symbol" : k.name().toLowerCase(Locale.ROOT);
    }

    /** Lines up to a limit, with a note of how many more there were. */
    static String capped(List<String> items, int max, String what) {
        StringBuilder sb = new StringBuilder();
        items.stream().limit(max).forEach(i -> sb.append(i).append('\n'));
        if (items.size() > max) {
            sb.append("[").append(items.size() - max).append(" more ").append(what).append(" not shown]\n");
        }
        return sb.toString();
    }
}
