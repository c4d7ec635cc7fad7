package dev.reaper.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.reaper.app.Reaper;
import dev.reaper.app.UserInputException;
import dev.reaper.json.Json;
import dev.reaper.store.UsageLedger;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code reaper cost}: usage and cost from the ledger, grouped by day, provider, model or session. */
@Command(name = "cost", description = {"Usage and cost by day, provider, model or session.",
        "Every model request is recorded with its tokens, cost and latency."})
public final class CostCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Option(names = "--by", paramLabel = "GROUP", defaultValue = "day",
            description = "day, provider, model or session. Default: ${DEFAULT-VALUE}.")
    String by;

    @Option(names = "--since", paramLabel = "DATE", description = "Only requests on or after DATE (YYYY-MM-DD).")
    String since;

    @Option(names = "--days", paramLabel = "N", description = "Only the last N days.")
    Integer days;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table, json or csv. Default: ${DEFAULT-VALUE}.")
    String format;

    @Override
    public Integer call() {
        UsageLedger.GroupBy group = switch (by.toLowerCase(Locale.ROOT)) {
            case "day" -> UsageLedger.GroupBy.DAY;
            case "provider" -> UsageLedger.GroupBy.PROVIDER;
            case "model" -> UsageLedger.GroupBy.MODEL;
            case "session" -> UsageLedger.GroupBy.SESSION;
            default -> throw new UserInputException("--by must be day, provider, model or session, not " + by);
        };
        String fmt = format.toLowerCase(Locale.ROOT);
        if (!List.of("table", "json", "csv").contains(fmt)) {
            throw new UserInputException("--format must be table, json or csv, not " + format);
        }
        String sinceDay = null;
        if (since != null) {
            try {
                sinceDay = LocalDate.parse(since).toString();
            } catch (DateTimeParseException e) {
                throw new UserInputException("--since must be a date like 2026-01-31, not " + since);
            }
        } else if (days != null) {
            sinceDay = LocalDate.now().minusDays(Math.max(0, days - 1)).toString();
        }
        try (Reaper app = Reaper.boot(root.launch.env(), root.workingDirectory(), Clock.systemDefaultZone())) {
            List<UsageLedger.Row> rows = app.ledger().report(group, sinceDay);
            PrintWriter out = root.launch.out();
            String key = by.toLowerCase(Locale.ROOT);
            switch (fmt) {
                case "json" -> {
                    ArrayNode arr = Json.array();
                    for (UsageLedger.Row r : rows) {
                        arr.addObject().put(key, r.key()).put("requests", r.requests())
                                .put("input_tokens", r.inputTokens()).put("output_tokens", r.outputTokens())
                                .put("cache_read_input_tokens", r.cacheReadTokens())
                                .put("cache_creation_input_tokens", r.cacheWriteTokens())
                                .put("cost_usd", r.costUsd()).put("unpriced_requests", r.unpriced())
                                .put("cache_hits", r.cacheHits()).put("saved_usd", r.savedUsd());
                    }
                    out.println(Json.write(arr));
                }
                case "csv" -> {
                    out.println(key + ",requests,input_tokens,output_tokens,cache_read_input_tokens,"
                            + "cache_creation_input_tokens,cost_usd,unpriced_requests,cache_hits,saved_usd");
                    for (UsageLedger.Row r : rows) {
                        out.println(csv(r.key()) + "," + r.requests() + "," + r.inputTokens() + "," + r.outputTokens()
                                + "," + r.cacheReadTokens() + "," + r.cacheWriteTokens() + ","
                                + String.format(Locale.ROOT, "%.6f", r.costUsd()) + "," + r.unpriced() + ","
                                + r.cacheHits() + "," + String.format(Locale.ROOT, "%.6f", r.savedUsd()));
                    }
                }
                default -> {
                    if (rows.isEmpty()) {
                        out.println("No usage recorded yet.");
                        break;
                    }
                    Table t = new Table(key.toUpperCase(Locale.ROOT), ">REQUESTS", ">INPUT", ">OUTPUT", ">CACHE READ",
                            ">CACHE WRITE", ">COST", ">SAVED");
                    double total = 0;
                    double saved = 0;
                    long requests = 0;
                    long hits = 0;
                    for (UsageLedger.Row r : rows) {
                        t.add(r.key(), r.requests(), r.inputTokens(), r.outputTokens(), r.cacheReadTokens(),
                                r.cacheWriteTokens(), String.format(Locale.ROOT, "$%.4f", r.costUsd())
                                        + (r.unpriced() > 0 ? "*" : ""), String.format(Locale.ROOT, "$%.4f", r.savedUsd()));
                        total += r.costUsd();
                        saved += r.savedUsd();
                        requests += r.requests();
                        hits += r.cacheHits();
                    }
                    t.add("total", requests, "", "", "", "", String.format(Locale.ROOT, "$%.4f", total),
                            String.format(Locale.ROOT, "$%.4f", saved));
                    t.print(out);
                    if (saved > 0) {
                        out.printf(Locale.ROOT, "Caching saved $%.4f: cache reads billed below the input price%s.%n", saved,
                                hits > 0 ? ", and " + hits + " request" + (hits == 1 ? "" : "s") + " answered from Reaper's cache" : "");
                    }
                    if (rows.stream().anyMatch(r -> r.unpriced() > 0)) {
                        out.println("* includes requests to models without a known price (set one in [models] of config.toml)");
                    }
                }
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
