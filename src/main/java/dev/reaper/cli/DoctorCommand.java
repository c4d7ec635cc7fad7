package dev.reaper.cli;

import dev.reaper.app.ModelSelection;
import dev.reaper.app.Reaper;
import dev.reaper.config.ConfigException;
import dev.reaper.router.HttpProviderClient;
import dev.reaper.router.ModelRef;
import dev.reaper.router.ProviderAdapter;
import dev.reaper.router.ProviderEndpoint;
import dev.reaper.router.Version;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code reaper doctor}: what is configured, what answers, and how to fix what does not. Keys are
 * reported as set or not set, never shown.
 */
@Command(name = "doctor", description = {
        "Check the setup: config files, keys and provider endpoints.",
        "For each provider: whether its key is set (never the key) and whether its",
        "endpoint answers. Exit 0 when a model is usable, 3 otherwise."})
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
            out.println("  workspace       " + app.workspace().root() + (app.workspace().isGitRepository() ? "  (git)" : ""));
            out.println("  sessions        " + app.paths().sessionsDir());
            out.println("  usage ledger    " + app.paths().ledgerFile());
            out.println("  log             " + app.paths().logFile());
            for (String w : app.config().warnings()) {
                out.println("  ! " + w);
            }
            out.println();
            out.println("Providers");
            List<ProviderEndpoint> endpoints = app.providers().all();
            Map<String, String> probes = offline ? Map.of() : probe(endpoints);
            boolean anyUsable = false;
            for (ProviderEndpoint e : endpoints) {
                String key = e.keySource() == null ? "no key needed"
                        : e.apiKey().isPresent() ? "key set (" + e.keySource() + ")" : "key not set";
                String status;
                if (e.keySource() != null && e.apiKey().isEmpty()) {
                    status = "- " + app.providers().setupHint(e.name());
                } else {
                    status = probes.getOrDefault(e.name(), "not checked");
                    anyUsable |= status.startsWith("ok") || offline;
                }
                out.printf("  %-11s %-28s %s  %s%n", e.name(), key, e.baseUrl(), status);
            }
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

    private static Map<String, String> probe(List<ProviderEndpoint> endpoints) throws InterruptedException {
        HttpProviderClient http = new HttpProviderClient();
        Map<String, ProviderAdapter> adapters = Reaper.adapters();
        Map<String, Future<String>> futures = new LinkedHashMap<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (ProviderEndpoint e : endpoints) {
                ProviderAdapter a = adapters.get(e.wireApi());
                if (a == null) {
                    futures.put(e.name(), java.util.concurrent.CompletableFuture.completedFuture(
                            "unknown wire_api '" + e.wireApi() + "'"));
                    continue;
                }
                if (e.keySource() != null && e.apiKey().isEmpty()) {
                    continue;
                }
                futures.put(e.name(), pool.submit(() -> {
                    long t0 = System.nanoTime();
                    try {
                        HttpProviderClient.Fetched f = http.fetch(a.modelsCall(e), Duration.ofSeconds(5));
                        long ms = (System.nanoTime() - t0) / 1_000_000;
                        if (f.status() / 100 == 2) {
                            return "ok (" + ms + " ms)";
                        }
                        if (f.status() == 401 || f.status() == 403) {
                            return "key rejected (HTTP " + f.status() + "): check " + e.keySource();
                        }
                        return "answered HTTP " + f.status();
                    } catch (Exception ex) {
                        return "not reachable (" + (ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage())
                                + ")" + (e.keySource() == null ? ": is the server running?" : "");
                    }
                }));
            }
            Map<String, String> out = new LinkedHashMap<>();
            for (Map.Entry<String, Future<String>> f : futures.entrySet()) {
                try {
                    out.put(f.getKey(), f.getValue().get());
                } catch (java.util.concurrent.ExecutionException ex) {
                    out.put(f.getKey(), "check failed: " + ex.getCause());
                }
            }
            return out;
        }
    }

}
