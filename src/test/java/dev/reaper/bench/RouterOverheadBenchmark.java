package dev.reaper.bench;

import dev.reaper.app.Reaper;
import dev.reaper.protocol.Cancellation;
import dev.reaper.protocol.ContentBlock;
import dev.reaper.protocol.Message;
import dev.reaper.protocol.Role;
import dev.reaper.providers.anthropic.AnthropicAdapter;
import dev.reaper.router.BudgetGuard;
import dev.reaper.router.Cascade;
import dev.reaper.router.ChatRequest;
import dev.reaper.router.CircuitBreakers;
import dev.reaper.router.HttpCall;
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
import dev.reaper.router.Timeouts;
import dev.reaper.router.select.CostSelector;
import dev.reaper.router.select.IntentSelector;
import dev.reaper.router.select.LatencySelector;
import dev.reaper.router.select.StickySelector;
import dev.reaper.secret.Secret;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The router's own cost per request with an instant in-process upstream: {@code encode} is serialising
 * the body once (the floor), {@code route} a whole request through the router (choosing, serialising,
 * the HTTP client, parsing the stream, pricing, budget), {@code routeSelected} the same with every selector
 * ordering three candidates. The difference is the routing overhead; it must not grow with the prompt
 * ({@code turns}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RouterOverheadBenchmark {

    @Param({"10", "100"})
    public int turns;

    private static final ModelRef SONNET = ModelRef.parse("anthropic/claude-sonnet-4-5");
    private static final List<ModelRef> THREE = List.of(SONNET, ModelRef.parse("anthropic/claude-haiku-4-5"),
            ModelRef.parse("anthropic/claude-opus-4-5"));

    private final byte[] answer = InstantUpstream.anthropic("Done.", 1200, 0, 12);
    private AnthropicAdapter adapter;
    private ProviderEndpoint endpoint;
    private ChatRequest request;
    private Router plain;
    private Router selecting;

    @Setup
    public void build() {
        adapter = new AnthropicAdapter();
        endpoint = new ProviderEndpoint("anthropic", "anthropic", "http://127.0.0.1:1",
                Optional.of(Secret.of("bench-key-000000001")), "KEY", Map.of(), Timeouts.DEFAULT, 0);
        List<Message> messages = new ArrayList<>();
        String result = "line of tool output\n".repeat(100);
        for (int i = 0; i < turns; i++) {
            messages.add(Message.user("please look at file" + i + ".py"));
            messages.add(new Message(Role.ASSISTANT, List.of(new ContentBlock.Text("Reading it."),
                    new ContentBlock.ToolUse("call_" + i, "read", "{\"path\":\"file" + i + ".py\"}", null, null))));
            messages.add(new Message(Role.USER, List.of(new ContentBlock.ToolResult("call_" + i, result, false))));
            messages.add(Message.assistant("It defines a function."));
        }
        messages.add(Message.user("now rename foo to bar"));
        request = new ChatRequest("You are Reaper.", messages, List.of(), 8192, "bench-session");
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
        HttpProviderClient http = new HttpProviderClient(InstantUpstream.client(r -> answer));
        ModelCatalog catalog = ModelCatalog.load(Map.of());
        LatencyStats latency = new LatencyStats();
        plain = new Router(Reaper.adapters(), dir, http, catalog, RetryPolicy.DEFAULT, (d, c) -> true,
                RandomGenerator.getDefault());
        selecting = new Router(Reaper.adapters(), dir, http, catalog, RetryPolicy.DEFAULT, (d, c) -> true,
                RandomGenerator.getDefault(), new Router.Policy(Cascade.INSTANCE, List.of(new StickySelector(),
                        new IntentSelector(catalog), new CostSelector(catalog, m -> false),
                        new LatencySelector(latency, m -> false))),
                CircuitBreakers.defaults(Clock.systemUTC()), latency);
    }

    @Benchmark
    public HttpCall encode() {
        return adapter.chatCall(endpoint, "claude-sonnet-4-5", request);
    }

    @Benchmark
    public Router.Routed route() {
        return plain.chat(List.of(SONNET), request, StreamListener.NONE, BudgetGuard.unlimited(), RouterObserver.NONE,
                new Cancellation());
    }

    @Benchmark
    public Router.Routed routeSelected() {
        return selecting.chat(THREE, request, StreamListener.NONE, BudgetGuard.unlimited(), RouterObserver.NONE,
                new Cancellation());
    }
}
