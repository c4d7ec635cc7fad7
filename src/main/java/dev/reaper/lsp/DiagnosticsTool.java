package dev.reaper.lsp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.tools.ToolContext;
import dev.reaper.tools.ToolFailure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.lsp4j.Diagnostic;

/**
 * {@code lsp_diagnostics {path?}}: a file's diagnostics, fresh from its server (every severity); or, with no
 * path, the errors and warnings the running servers have reported so far, over the files they have open.
 */
final class DiagnosticsTool extends LspTool {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final int MAX_DIAGNOSTICS = 200;

    /** Diagnostics in the order of the file: by line, then column. */
    static final Comparator<Diagnostic> BY_POSITION = Comparator
            .comparingInt((Diagnostic d) -> d.getRange().getStart().getLine())
            .thenComparingInt(d -> d.getRange().getStart().getCharacter());

    DiagnosticsTool(LanguageServers servers) {
        super("lsp_diagnostics", servers);
    }

    @Override
    String answer(JsonNode args, ToolContext context) throws LspFailure, ToolFailure {
        Listing listing = new Listing(context);
        return args.hasNonNull("path") ? ofFile(file(args, context), listing, context) : ofAll(listing);
    }

    private String ofFile(Path file, Listing listing, ToolContext context) throws LspFailure, ToolFailure {
        Synced at = open(file, context);
        Optional<List<Diagnostic>> found;
        try {
            found = at.server().diagnostics().await(file, at.doc().version(), at.doc().mark(),
                    System.nanoTime() + WAIT.toNanos(), context.cancel());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LspFailure("interrupted");
        }
        if (found.isEmpty()) {
            throw new ToolFailure(context.cancel().isCancelled() ? "interrupted"
                    : at.server().name() + " published no diagnostics for " + listing.shown(file) + " within "
                    + WAIT.toSeconds() + " s (it may still be analysing the workspace; try again shortly)");
        }
        if (found.get().isEmpty()) {
            return "no diagnostics in " + listing.shown(file) + " (" + at.server().name() + ")";
        }
        List<String> lines = found.get().stream().sorted(BY_POSITION).map(d -> listing.diagnostic(file, d)).toList();
        return Listing.capped(lines, MAX_DIAGNOSTICS, "diagnostics");
    }

    private String ofAll(Listing listing) throws ToolFailure {
        List<ServerConnection> running = servers.running();
        if (running.isEmpty()) {
            throw new ToolFailure("no language server is running yet: give a path to check a file");
        }
        List<String> lines = new ArrayList<>();
        int files = 0;
        for (ServerConnection s : running) {
            for (Map.Entry<Path, List<Diagnostic>> e : s.diagnostics().all().entrySet()) {
                files++;
                e.getValue().stream().filter(Listing::isProblem).sorted(BY_POSITION)
                        .forEach(d -> lines.add(listing.diagnostic(e.getKey(), d)));
            }
        }
        return lines.isEmpty() ? "no errors or warnings in the " + files + (files == 1 ? " file" : " files")
                + " the running language servers have checked (they check the files they have open: those these"
                + " tools looked at and those edited)"
                : Listing.capped(lines, MAX_DIAGNOSTICS, "diagnostics");
    }
}
