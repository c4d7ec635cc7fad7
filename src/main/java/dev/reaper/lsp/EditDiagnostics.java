package dev.reaper.lsp;

import dev.reaper.config.LspConfig;
import dev.reaper.tools.AfterEdit;
import dev.reaper.tools.ToolContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.lsp4j.Diagnostic;

/**
 * After an edit, the errors and warnings language servers now report in the files just written, added to
 * the edit's result so the model sees what it broke at once. The whole wait is bounded ({@link #WAIT}):
 * a running server usually answers well within it. A file's server that is not running yet is started
 * here, as any first use of its language starts it: when it is ready within the bound this edit gets its
 * diagnostics, otherwise it goes on starting in the background and the next edit gets them, so no edit
 * waits for a slow start. Servers that are missing or down, and files no server handles, are passed over
 * in silence: the model did not ask.
 */
public final class EditDiagnostics implements AfterEdit {

    static final Duration WAIT = Duration.ofSeconds(2);
    static final int MAX_REPORTED = 20;
    private static final Logger LOG = Logger.getLogger(EditDiagnostics.class.getName());

    private final LanguageServers servers;
    private final Duration wait;

    public EditDiagnostics(LanguageServers servers) {
        this(servers, WAIT);
    }

    public EditDiagnostics(LanguageServers servers, Duration wait) {
        this.servers = servers;
        this.wait = wait;
    }

    private record Sent(ServerConnection server, OpenDocuments.Synced doc) {}

    @Override
    public Optional<String> report(List<Path> files, ToolContext context) {
        long deadline = System.nanoTime() + wait.toNanos();
        List<Sent> sent = send(files, deadline);
        Listing listing = new Listing(context);
        List<String> problems = new ArrayList<>();
        List<String> clean = new ArrayList<>();
        try {
            for (Sent s : sent) {
                Path file = s.doc().file();
                Optional<List<Diagnostic>> found = s.server().diagnostics().await(file, s.doc().version(),
                        s.doc().mark(), deadline, context.cancel());
                if (found.isEmpty()) {
                    LOG.fine(() -> s.server().name() + " had no diagnostics of " + file + " within " + wait);
                    continue;
                }
                List<String> mine = found.get().stream().filter(Listing::isProblem)
                        .sorted(DiagnosticsTool.BY_POSITION).map(d -> listing.diagnostic(file, d)).toList();
                if (mine.isEmpty()) {
                    clean.add(listing.shown(file) + " (" + s.server().name() + ")");
                }
                problems.addAll(mine);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (problems.isEmpty() && clean.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder();
        if (!problems.isEmpty()) {
            out.append("Language servers report after this edit:\n")
                    .append(Listing.capped(problems, MAX_REPORTED, "errors and warnings"));
        }
        if (!clean.isEmpty()) {
            out.append("No errors or warnings in ").append(String.join(", ", clean)).append(".\n");
        }
        return Optional.of(out.toString().stripTrailing());
    }

    /** Sends each file's new content to its server, starting servers as needed, ready by the deadline. */
    private List<Sent> send(List<Path> files, long deadline) {
        Map<LspConfig.Server, List<Path>> byServer = new LinkedHashMap<>();
        for (Path f : files) {
            servers.serverFor(f).ifPresent(s -> byServer.computeIfAbsent(s, k -> new ArrayList<>()).add(f));
        }
        List<Sent> sent = new ArrayList<>();
        for (Map.Entry<LspConfig.Server, List<Path>> e : byServer.entrySet()) {
            try {
                Optional<ServerConnection> server = LanguageServers.ready(servers.start(e.getKey()),
                        Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (server.isEmpty()) {
                    continue; // still starting: the next edit will have it
                }
                for (Path f : e.getValue()) {
                    server.get().sync(f).ifPresent(doc -> sent.add(new Sent(server.get(), doc)));
                }
            } catch (LspFailure unavailable) {
                LOG.fine(() -> "no diagnostics after the edit: " + unavailable.getMessage());
            }
        }
        return sent;
    }
}
