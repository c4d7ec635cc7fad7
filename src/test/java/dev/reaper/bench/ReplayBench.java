package dev.reaper.bench;

import dev.reaper.app.Reaper;
import dev.reaper.protocol.Cancellation;
import dev.reaper.protocol.ContentBlock;
import dev.reaper.protocol.Message;
import dev.reaper.protocol.Role;
import dev.reaper.router.BudgetGuard;
import dev.reaper.router.Caching;
import dev.reaper.router.ChatRequest;
import dev.reaper.router.CircuitBreakers;
import dev.reaper.router.HttpProviderClient;
import dev.reaper.router.LatencyStats;
import dev.reaper.router.ModelCatalog;
import dev.reaper.router.ModelRef;
import dev.reaper.router.ProviderDirectory;
import dev.reaper.router.ProviderEndpoint;
import dev.reaper.router.RetryPolicy;
import dev.reaper.router.Router;
import dev.reaper.router.RouterObserver;
import dev.reaper.router.StreamListener;
import dev.reaper.router.Strategy;
import dev.reaper.router.Timeouts;
import dev.reaper.router.strategy.Race;
import dev.reaper.router.strategy.Single;
import dev.reaper.secret.Secret;
import dev.reaper.store.SqliteResponseCache;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.random.RandomGenerator;
import okio.Buffer;

/**
 * Replays a trace of coding-session requests through the router with an instant upstream that bills as
 * Anthropic does (prompt-cache reads for the prefix a session shares with its previous request), under
 * {@code single} without Reaper's cache, {@code single} with it, and {@code race} over two models, and
 * reports Reaper's cache hit rate and the cost each saves. The trace is generated from a fixed seed, with
 * what real use has: conversations that grow turn by turn, a turn asked again after an interruption, the
 * same opening question in several sessions, and a review hook run again on an unchanged diff.
 * usage: ReplayBench [OUT_DIR]
 */
public final class ReplayBench {

    record Item(String session, ChatRequest request) {}

    public static void main(String[] args) throws Exception {
        Path outDir = Path.of(args.length > 0 ? args[0] : "bench");
        List<Item> trace = trace(new Random(42));
        StringBuilder md = new StringBuilder("# Replay: " + trace.size() + " requests of coding sessions\n\n");
        md.append("| configuration | requests sent | Reaper cache hits | hit rate | cost | saved vs single | saved by the provider prompt cache |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|\n");
        Result single = run(trace, new Single(), false, List.of(SONNET));
        Result cached = run(trace, new Single(), true, List.of(SONNET));
        Result race = run(trace, Race.of(2), false, List.of(SONNET, HAIKU));
        for (Result r : List.of(single, cached, race)) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %.0f%% | $%.2f | %.0f%% | $%.2f |%n", r.name, r.sent,
                    r.hits, 100.0 * r.hits / trace.size(), r.cost, 100 * (single.cost - r.cost) / single.cost,
                    r.promptCacheSaved));
        }
        double withoutPromptCache = single.cost + single.promptCacheSaved;
        md.append(String.format(Locale.ROOT, "%nWithout any caching the trace would cost $%.2f: the provider's prompt"
                + " cache (Reaper marks the stable prefix of every request) saves %.0f%% of that, and Reaper's response"
                + " cache on top brings the saving to %.0f%%. The response cache answers %.0f%% of requests: only exact"
                + " repeats hit, and most requests of a growing conversation are new.%n",
                withoutPromptCache, 100 * single.promptCacheSaved / withoutPromptCache,
                100 * (withoutPromptCache - cached.cost) / withoutPromptCache, 100.0 * cached.hits / trace.size()));
        System.out.print(md);
        Files.createDirectories(outDir);
        Files.writeString(outDir.resolve("replay-" + LocalDate.now() + ".md"), md.toString(), StandardCharsets.UTF_8);
    }

    static final ModelRef SONNET = ModelRef.parse("anthropic/claude-sonnet-4-5");
    static final ModelRef HAIKU = ModelRef.parse("anthropic/claude-haiku-4-5");

    /** 24 sessions of 4 to 16 turns; repeats as described above. */
    static List<Item> trace(Random rnd) {
        List<Item> out = new ArrayList<>();
        String tools = "tool output line\n".repeat(60);
        for (int s = 0; s < 24; s++) {
            String session = "session-" + s;
            List<Message> conv = new ArrayList<>();
            // a third of sessions open with the same question about the repository
            conv.add(Message.user(s % 3 == 0 ? "explain this repository" : "task " + s + ": fix the bug in module" + s));
            int turns = 4 + rnd.nextInt(13);
            for (int t = 0; t < turns; t++) {
                ChatRequest req = new ChatRequest("You are Reaper, a coding assistant.", conv, List.of(), 4096, session);
                out.add(new Item(session, req));
                if (rnd.nextInt(10) == 0) {
                    out.add(new Item(session, req)); // interrupted and asked again
                }
                String id = "call_" + s + "_" + t;
                conv = new ArrayList<>(conv);
                conv.add(new Message(Role.ASSISTANT, List.of(new ContentBlock.ToolUse(id, "read",
                        "{\"path\":\"src/file" + t + ".py\"}", null, null))));
                conv.add(new Message(Role.USER, List.of(new ContentBlock.ToolResult(id, tools + s + t, false))));
            }
        }
        // a pre-commit review hook, run on 8 commits, each commit retried after a failed hook or amended twice
        for (int c = 0; c < 8; c++) {
            ChatRequest review = new ChatRequest("You review diffs.", List.of(Message.user("review this diff:\n"
                    + ("+ changed line " + c + "\n").repeat(80))), List.of(), 4096, null);
            for (int k = 0; k < 3; k++) {
                out.add(new Item("review-" + c + "-" + k, review));
            }
        }
        return out;
    }

    static final class Result {
        final String name;
        long sent;
        long hits;
        double cost;
        double promptCacheSaved;

        Result(String name) {
            this.name = name;
        }
    }

    static Result run(List<Item> trace, Strategy strategy, boolean cache, List<ModelRef> models) throws Exception {
        Result result = new Result(strategy.name() + (cache ? " + response cache" : "") + (models.size() > 1
                ? " (" + models.size() + " models)" : ""));
        Map<String, String> lastBody = new HashMap<>();
        LongAdder sent = new LongAdder();
        okhttp3.OkHttpClient client = InstantUpstream.client(req -> {
            sent.increment();
            String body = bodyOf(req);
            String marker = marker(body);
            String before = lastBody.getOrDefault(marker, "");
            int common = 0;
            while (common < Math.min(before.length(), body.length()) && before.charAt(common) == body.charAt(common)) {
                common++;
            }
            lastBody.put(marker, body);
            long cached = common >= 4096 ? common / 4 : 0; // prompt caching starts at about 1,024 tokens
            return InstantUpstream.anthropic("ok", Math.max(1, (body.length() - common) / 4 + (cached == 0 ? common / 4 : 0)),
                    cached, 150);
        });
        ProviderEndpoint endpoint = new ProviderEndpoint("anthropic", "anthropic", "http://127.0.0.1:1",
                Optional.of(Secret.of("bench-key-000000002")), "KEY", Map.of(), Timeouts.DEFAULT, 0);
        ProviderDirectory dir = new ProviderDirectory() {
            @Override
            public Optional<ProviderEndpoint> find(String name) {
                return Optional.of(endpoint);
            }

            @Override
            public List<ProviderEndpoint> all() {
                return List.of(endpoint);
            }

            @Override
            public String setupHint(String name) {
                return "";
            }
        };
        Path dbDir = Files.createTempDirectory("reaper-replay");
        SqliteResponseCache store = cache ? SqliteResponseCache.open(dbDir.resolve("c.db"), Duration.ofHours(1),
                Clock.systemUTC()) : null;
        Router router = new Router(Reaper.adapters(), dir, new HttpProviderClient(client), ModelCatalog.load(Map.of()),
                RetryPolicy.DEFAULT, (d, c) -> true, RandomGenerator.getDefault(), new Router.Policy(strategy, List.of()),
                CircuitBreakers.defaults(Clock.systemUTC()), new LatencyStats());
        if (cache) {
            router.withCaching(new Caching(Optional.of(store), true));
        }
        DoubleAdder cost = new DoubleAdder();
        DoubleAdder saved = new DoubleAdder();
        LongAdder hits = new LongAdder();
        RouterObserver observer = new RouterObserver() {
            @Override
            public void attemptFinished(Attempt a) {
                cost.add(a.costUsd());
                saved.add(a.savedUsd());
            }

            @Override
            public void answeredFromCache(ModelRef model, dev.reaper.protocol.Usage usage, double savedUsd, boolean shared) {
                hits.increment();
            }
        };
        for (Item item : trace) {
            router.chat(models, item.request(), StreamListener.NONE, BudgetGuard.unlimited(), observer, new Cancellation());
        }
        if (store != null) {
            store.close();
        }
        result.sent = sent.sum();
        result.hits = hits.sum();
        result.cost = cost.sum();
        result.promptCacheSaved = saved.sum();
        return result;
    }

    private static String bodyOf(okhttp3.Request req) {
        try (Buffer b = new Buffer()) {
            req.body().writeTo(b);
            return b.readUtf8();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Requests of one conversation share their first user message; that tells the provider's cache apart. */
    private static String marker(String body) {
        int i = body.indexOf("\"messages\"");
        return body.substring(0, Math.min(body.length(), Math.max(0, i) + 200));
    }
}
