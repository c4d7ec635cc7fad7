package dev.reaper.cli;

import dev.reaper.app.ModelSelection;
import dev.reaper.app.Reaper;
import dev.reaper.config.ConfigException;
import dev.reaper.config.McpConfig;
import dev.reaper.lsp.LanguageServers;
import dev.reaper.router.ModelRef;
import dev.reaper.router.ProviderEndpoint;
import dev.reaper.router.Version;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code reaper doctor}: what is configured, what answers, and how to fix what does not. Keys are
 * reported as set or not set, never shown.
 */
@Command(name = "doctor", description = {
        "Check the setup: config files, keys, provider endpoints and language servers.",
        "For each provider: whether its key is set (never the key) and whether its",
        "endpoint answers; for each language server: whether its program is installed.",
        "Exit 0 when a model is usable, 3 otherwise."})
public final class DoctorCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Option(names = "--offline", description = "Do not contact any provider.")
    boolean offline;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = root.launch.out();
        try (Reaper app = Reaper.boot(root.launch.env(), root.workingDirectory(), Clock.systemDefaultZone())) {
            out.println("Reaper " + Version.get() + " on Java " + Runtime.version());
            out.println();
            out.println("Files");
            Path user = app.paths().userConfigFile();
            Path project = app.workspace().root().resolve(".reaper/config.toml");
            out.println("  user config     " + user + (Files.exists(user) ? "" : "  (none)"));
            out.println("  project config  " + project + (Files.exists(project) ? "" : "  (none)"));
            out.println("  workspace       " + app.workspace().root() + (app.workspace().isGitRepository() ? "  (git)" : "")
                    + (new dev.reaper.config.WorkspaceTrust(app.paths().stateDir()).isTrusted(app.workspace().root())
                            ? "  trusted" : "  not trusted (reaper trust)"));
            out.println("  sessions        " + app.paths().sessionsDir());
            out.println("  usage ledger    " + app.paths().ledgerFile());
            out.println("  log             " + app.paths().logFile());
            for (String w : app.config().warnings()) {
                out.println("  ! " + w);
            }
            out.println();
            out.println("Providers");
            List<ProviderEndpoint> endpoints = app.providers().all();
            List<ProviderEndpoint> configured = endpoints.stream().filter(app.providers()::isConfigured).toList();
            Map<String, ProviderProbe.Result> probes = offline ? Map.of() : ProviderProbe.probe(configured, Reaper.adapters());
            boolean anyUsable = false;
            for (ProviderEndpoint e : endpoints) {
                String key = app.providers().credentialStatus(e);
                String status;
                if (!app.providers().isConfigured(e)) {
                    List<String> vars = app.providers().keyVariablesOf(e.name());
                    status = "- " + (vars.isEmpty() ? app.providers().setupHint(e.name()) : "set " + String.join(" or ", vars));
                } else {
                    ProviderProbe.Result p = probes.get(e.name());
                    status = p == null ? (offline ? "not checked (--offline)" : "unknown wire_api '" + e.wireApi() + "'")
                            : p.ok() ? "ok (" + p.millis() + " ms" + (p.listed() ? "" : ", credentials accepted; no model list") + ")"
                            : p.rejected() ? (e.keySource() != null
                                    ? "key rejected (HTTP " + p.status() + "): check " + e.keySource()
                                    : "credentials rejected: " + p.problem())
                            : p.status() == 0 && !p.unreachable() ? "- " + p.problem()
                            : p.unreachable() ? "not reachable (" + p.problem() + ")"
                                    + (app.providers().needsNoCredential(e) ? ": is the server running?" : "")
                            : "answered HTTP " + p.status();
                    anyUsable |= offline || (p != null && p.ok());
                }
                out.printf("  %-11s %-28s %s  %s%n", e.name(), key, e.baseUrl().isEmpty() ? "(no base URL)" : e.baseUrl(),
                        status);
            }
            out.println();
            languageServers(app, out);
            out.println();
            mcpServers(app, out);
            out.println();
            try {
                List<ModelRef> models = ModelSelection.candidates(Optional.empty(), app.config(), app.providers());
                out.println("Default model: " + models.get(0)
                        + (models.size() > 1 ? " (fallbacks: " + models.subList(1, models.size()) + ")" : ""));
            } catch (ConfigException e) {
                out.println("Default model: none. " + e.getMessage());
                anyUsable = false;
            }
            out.flush();
            return anyUsable ? ExitCodes.OK : ExitCodes.CONFIG;
        }
    }

    /** Each configured language server, found or missing; none is started. */
    private static void languageServers(Reaper app, PrintWriter out) {
        out.println("Language servers (each starts when a file of its language is first used)");
        List<LanguageServers.Status> statuses;
        try {
            statuses = app.languageServers().statuses();
        } catch (ConfigException e) {
            out.println("  ! " + e.getMessage());
            return;
        }
        int names = statuses.stream().mapToInt(s -> s.name().length()).max().orElse(0);
        int extensions = statuses.stream().mapToInt(s -> String.join(" ", s.extensions()).length()).max().orElse(0);
        for (LanguageServers.Status s : statuses) {
            out.printf("  %-" + names + "s  %-" + extensions + "s  %s%n", s.name(), String.join(" ", s.extensions()),
                    s.program().isPresent() ? "ok  " + s.note() : "- " + s.note());
        }
    }

    /** Each configured MCP server and where it comes from; none is started ('reaper mcp list' starts them). */
    private static void mcpServers(Reaper app, PrintWriter out) {
        out.println("MCP servers (started with each session; 'reaper mcp list' checks them)");
        McpConfig config;
        try {
            config = app.mcpConfig();
        } catch (ConfigException e) {
            out.println("  ! " + e.getMessage());
            return;
        }
        config.warnings().forEach(w -> out.println("  ! " + w));
        if (config.servers().isEmpty()) {
            out.println("  none (add one with: reaper mcp add NAME -- COMMAND [ARGS...])");
        }
        int names = config.servers().stream().mapToInt(s -> s.name().length()).max().orElse(0);
        for (McpConfig.Server s : config.servers()) {
            out.printf("  %-" + names + "s  %-5s  %s  (%s)%n", s.name(), s.transport().name(), s.transport(),
                    s.source());
        }
    }
}
