package dev.reaper.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reaper.app.Reaper;
import dev.reaper.json.Json;
import dev.reaper.router.ModelInfo;
import dev.reaper.router.ModelRef;
import dev.reaper.router.Pricing;
import dev.reaper.router.ProviderEndpoint;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code reaper models}: the catalog's models of the configured providers, merged with their live lists. */
@Command(name = "models", description = {
        "Models of the configured providers, with context window and price.",
        "Prices and limits come from Reaper's offline catalog; each provider that",
        "answers adds its live model list."})
public final class ModelsCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Option(names = "--provider", paramLabel = "NAME", description = "Only this provider.")
    String provider;

    @Option(names = "--all", description = "Every provider in the catalog, configured or not.")
    boolean all;

    @Option(names = "--offline", description = "Do not ask providers for their live lists.")
    boolean offline;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        try (Reaper app = Reaper.boot(root.launch.env(), root.workingDirectory(), Clock.systemDefaultZone())) {
            List<ProviderEndpoint> endpoints = new ArrayList<>();
            for (ProviderEndpoint e : app.providers().all()) {
                if ((provider == null || provider.equals(e.name())) && (all || app.providers().isConfigured(e))) {
                    endpoints.add(e);
                }
            }
            Map<String, ProviderProbe.Result> live = offline ? Map.of()
                    : ProviderProbe.probe(endpoints.stream().filter(app.providers()::isConfigured).toList(),
                            Reaper.adapters());
            Set<String> names = new LinkedHashSet<>();
            endpoints.forEach(e -> names.add(e.name()));
            if (all && provider == null) {
                app.catalog().all().forEach(m -> names.add(m.id().substring(0, m.id().indexOf('/'))));
            }
            PrintWriter out = root.launch.out();
            ArrayNode arr = Json.array();
            Table table = new Table("MODEL", ">CONTEXT", ">IN $/M", ">OUT $/M", "SOURCE");
            for (String name : names) {
                Map<String, String> sources = new LinkedHashMap<>();
                app.catalog().ofProvider(name).forEach(m -> sources.put(m.id(), "catalog"));
                ProviderProbe.Result l = live.get(name);
                if (l != null && l.ok()) {
                    for (String id : l.models()) {
                        sources.merge(name + "/" + id, "live", (a, b) -> "catalog+live");
                    }
                }
                for (Map.Entry<String, String> e : sources.entrySet()) {
                    Optional<ModelInfo> info = app.catalog().find(ModelRef.parse(e.getKey()));
                    Optional<Pricing> price = info.flatMap(ModelInfo::pricing);
                    if (json) {
                        ObjectNode n = arr.addObject();
                        n.put("id", e.getKey());
                        info.ifPresent(i -> n.put("context_window", i.contextWindow()).put("max_output", i.maxOutput()));
                        price.ifPresent(p -> n.put("input_per_mtok", p.input()).put("output_per_mtok", p.output())
                                .put("cache_read_per_mtok", p.cacheRead()).put("cache_write_per_mtok", p.cacheWrite()));
                        n.put("source", e.getValue());
                    } else {
                        table.add(e.getKey(), info.map(i -> i.contextWindow() > 0 ? String.format(Locale.ROOT, "%,d", i.contextWindow()) : "-").orElse("-"),
                                price.map(p -> money(p.input())).orElse("-"), price.map(p -> money(p.output())).orElse("-"),
                                e.getValue());
                    }
                }
            }
            if (json) {
                out.println(Json.write(arr));
            } else if (table.isEmpty()) {
                out.println("No configured provider. Set ANTHROPIC_API_KEY, OPENAI_API_KEY or GEMINI_API_KEY, or run an"
                        + " Ollama server; 'reaper models --all' shows the whole catalog.");
            } else {
                table.print(out);
            }
            for (Map.Entry<String, ProviderProbe.Result> e : live.entrySet()) {
                boolean local = app.providers().find(e.getKey()).map(app.providers()::needsNoCredential).orElse(false);
                if (!e.getValue().ok() && (!local || e.getKey().equals(provider))) {
                    root.launch.err().println("reaper: " + e.getKey() + ": live list unavailable (" + e.getValue().problem() + ")");
                } else if (e.getValue().ok() && !e.getValue().listed()) {
                    root.launch.err().println("reaper: " + e.getKey() + ": its API lists no models; the catalog's are shown");
                }
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    private static String money(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
