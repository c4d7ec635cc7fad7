package dev.reaper.router.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reaper.protocol.Cancellation;
import dev.reaper.protocol.Message;
import dev.reaper.providers.anthropic.AnthropicAdapter;
import dev.reaper.router.BudgetGuard;
import dev.reaper.router.Cascade;
import dev.reaper.router.ChatRequest;
import dev.reaper.router.CircuitBreakers;
import dev.reaper.router.HttpProviderClient;
import dev.reaper.router.LatencyStats;
import dev.reaper.router.ModelCatalog;
import dev.reaper.router.ModelRef;
import dev.reaper.router.ProviderDirectory;
import dev.reaper.router.ProviderEndpoint;
import dev.reaper.router.ProviderException;
import dev.reaper.router.RetryPolicy;
import dev.reaper.router.Router;
import dev.reaper.router.RouterObserver;
import dev.reaper.router.StreamEvent;
import dev.reaper.router.StreamListener;
import dev.reaper.router.Strategy;
import dev.reaper.router.Timeouts;
import dev.reaper.router.ToolSpec;
import dev.reaper.secret.Secret;
import dev.reaper.testing.FakeProvider;
import dev.reaper.testing.Step;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The strategies against three loopback providers ({@code a}, {@code b}, {@code c}) with scripted
 * latencies and failures: what the caller sees, what each provider was asked, and which connections the
 * router closed.
 */
class StrategyTest {

    static final String ERROR_503 = "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"busy\"}}";

    final Map<String, FakeProvider> fakes = new LinkedHashMap<>();
    final List<RouterObserver.Attempt> attempts = Collections.synchronizedList(new ArrayList<>());
    final List<RouterObserver.Decision> decisions = Collections.synchronizedList(new ArrayList<>());
    final List<String> fallbacks = Collections.synchronizedList(new ArrayList<>());
    final List<StreamEvent> seen = Collections.synchronizedList(new ArrayList<>());
    final MutableClock clock = new MutableClock();
    CircuitBreakers breakers = new CircuitBreakers(2, Duration.ofSeconds(30), clock);
    final LatencyStats latency = new LatencyStats();

    final RouterObserver observer = new RouterObserver() {
        @Override
        public void attemptFinished(Attempt a) {
            attempts.add(a);
        }

        @Override
        public void decided(Decision d) {
            decisions.add(d);
        }

        @Override
        public void fallingBack(ModelRef from, ModelRef to, ProviderException cause) {
            fallbacks.add(from + "->" + to + ":" + cause.kind());
        }
    };

    @BeforeEach
    void start() {
        for (String name : List.of("a", "b", "c")) {
            fakes.put(name, FakeProvider.start());
        }
    }

    @AfterEach
    void stop() {
        fakes.values().forEach(FakeProvider::close);
    }

    FakeProvider fake(String name) {
        return fakes.get(name);
    }

    Router router(Strategy strategy) {
        return new Router(Map.of("anthropic", new AnthropicAdapter()), directory(), new HttpProviderClient(),
                ModelCatalog.load(Map.of()), RetryPolicy.DEFAULT, (d, c) -> !c.isCancelled(),
                RandomGenerator.getDefault(), new Router.Policy(strategy, List.of()), breakers, latency);
    }

    ProviderDirectory directory() {
        return new ProviderDirectory() {
            @Override
            public Optional<ProviderEndpoint> find(String name) {
                FakeProvider f = fakes.get(name);
                if (f == null) {
                    return Optional.empty();
                }
                Timeouts t = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(10));
                return Optional.of(new ProviderEndpoint(name, "anthropic", f.baseUrl(),
                        Optional.of(Secret.of("test-key-" + name + "-0001")), "KEY", Map.of(), t, 0));
            }

            @Override
            public List<ProviderEndpoint> all() {
                return List.of();
            }

            @Override
            public String setupHint(String name) {
                return "";
            }
        };
    }

    static List<ModelRef> models(String... names) {
        return java.util.Arrays.stream(names).map(n -> new ModelRef(n, "m")).toList();
    }

    static ChatRequest request(List<ToolSpec> tools) {
        return new ChatRequest("system", List.of(Message.user("rename foo to bar")), tools, 1024, "session-1");
    }

    Router.Routed route(Strategy strategy, String... names) {
        return router(strategy).chat(models(names), request(List.of()), seen::add, BudgetGuard.unlimited(), observer,
                new Cancellation());
    }

    String seenText() {
        StringBuilder sb = new StringBuilder();
        synchronized (seen) {
            for (StreamEvent e : seen) {
                if (e instanceof StreamEvent.TextDelta t) {
                    sb.append(t.text());
                }
            }
        }
        return sb.toString();
    }

    static void eventually(Runnable check) {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                check.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > end) {
                    throw e;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException ie) {
                    throw new AssertionError(ie);
                }
            }
        }
    }

    // --- race ---

    @Test
    void raceTakesTheFirstTokenAndClosesTheLosersConnection() {
        fake("a").enqueue(new Step.Delayed(Step.text("slow answer"), Duration.ofSeconds(5)));
        // b waits a little, so that a's request is surely on the wire when b wins
        fake("b").enqueue(new Step.Delayed(Step.text("fast answer"), Duration.ofMillis(500)));

        Router.Routed r = route(Race.of(2), "a", "b");

        assertThat(r.model()).isEqualTo(new ModelRef("b", "m"));
        assertThat(r.response().message().text()).isEqualTo("fast answer");
        assertThat(seenText()).as("only the winner's events reach the caller").isEqualTo("fast answer");
        eventually(() -> assertThat(fake("a").disconnects()).as("the loser's connection was closed").isEqualTo(1));
        assertThat(decisions).singleElement().satisfies(d -> {
            assertThat(d.strategy()).isEqualTo("race");
            assertThat(d.served()).isEqualTo(new ModelRef("b", "m"));
            assertThat(d.cancelled()).containsExactly(new ModelRef("a", "m"));
        });
        eventually(() -> assertThat(attempts).extracting(a -> a.model().provider() + ":"
                + (a.failure() == null ? "ok" : a.failure().kind())).containsExactlyInAnyOrder("b:ok", "a:CANCELLED"));
    }

    @Test
    void raceOfThreeStartsAllThreeAtOnce() {
        fake("a").enqueue(new Step.Delayed(Step.text("a"), Duration.ofSeconds(5)));
        fake("b").enqueue(new Step.Delayed(Step.text("b"), Duration.ofSeconds(5)));
        fake("c").enqueue(new Step.Delayed(Step.text("third wins"), Duration.ofMillis(700)));

        Router.Routed r = route(Race.of(3), "a", "b", "c");

        assertThat(r.response().message().text()).isEqualTo("third wins");
        eventually(() -> assertThat(fake("a").disconnects() + fake("b").disconnects()).isEqualTo(2));
        assertThat(decisions.get(0).cancelled()).containsExactlyInAnyOrder(new ModelRef("a", "m"), new ModelRef("b", "m"));
    }

    @Test
    void whenEveryRacerFailsTheRestAreTriedInOrder() {
        fake("a").enqueue(Step.error(529, ERROR_503, Map.of()));
        fake("b").enqueue(Step.error(529, ERROR_503, Map.of()));
        fake("c").enqueue(Step.text("from c"));

        Router.Routed r = route(Race.of(2), "a", "b", "c");

        assertThat(r.model().provider()).isEqualTo("c");
        assertThat(fallbacks).containsExactly("b/m->c/m:OVERLOADED");
    }

    @Test
    void aFailureAfterTheFirstTokenIsTheRequestsFailure() {
        fake("a").enqueue(new Step.ResetAfter(Step.text("this answer breaks off half way through ".repeat(40)), 1_200));
        fake("b").enqueue(new Step.Delayed(Step.text("b"), Duration.ofSeconds(5)));

        assertThatThrownBy(() -> route(Race.of(2), "a", "b", "c")).isInstanceOf(ProviderException.class);
        assertThat(seenText()).startsWith("this answer breaks off");
        assertThat(fake("c").chatRequests()).as("no fallback once the caller has seen output").isEmpty();
    }

    // --- hedge ---

    @Test
    void aHedgeStartsTheSecondOnlyWhenTheFirstIsSlow() {
        fake("a").enqueue(new Step.Delayed(Step.text("slow"), Duration.ofSeconds(5)));
        fake("b").enqueue(Step.text("hedged"));

        Router.Routed r = route(Race.hedged(Duration.ofMillis(200)), "a", "b");

        assertThat(r.response().message().text()).isEqualTo("hedged");
        assertThat(decisions.get(0).strategy()).isEqualTo("hedge");
        eventually(() -> assertThat(fake("a").disconnects()).isEqualTo(1));
    }

    @Test
    void aHedgeIsNotSentWhenTheFirstAnswersInTime() {
        fake("a").enqueue(Step.text("on time"));
        fake("b").enqueue(Step.text("never"));

        Router.Routed r = route(Race.hedged(Duration.ofSeconds(3)), "a", "b");

        assertThat(r.response().message().text()).isEqualTo("on time");
        assertThat(fake("b").chatRequests()).isEmpty();
    }

    @Test
    void aHedgeWaitsForTheFirstModelsMeasuredP95() {
        ModelRef a = new ModelRef("a", "m");
        for (int i = 0; i < 10; i++) {
            latency.record(a, 4_000); // a is usually slow: no hedge before 4 s
        }
        fake("a").enqueue(new Step.Delayed(Step.text("a after a second"), Duration.ofSeconds(1)));
        fake("b").enqueue(Step.text("b"));

        Router.Routed r = route(Race.hedged(Duration.ofMillis(50)), "a", "b");

        assertThat(r.response().message().text()).isEqualTo("a after a second");
        assertThat(fake("b").chatRequests()).isEmpty();
    }

    // --- cascade and breakers ---

    @Test
    void cascadeFollowsErrorClasses() {
        fake("a").enqueue(Step.error(429, "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow down\"}}",
                Map.of()));
        fake("b").enqueue(Step.error(400, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
                + "\"message\":\"prompt is too long: 300000 tokens > 200000 maximum\"}}", Map.of()));
        fake("c").enqueue(Step.text("c has the room"));

        Router.Routed r = route(Cascade.INSTANCE, "a", "b", "c");

        assertThat(r.model().provider()).isEqualTo("c");
        assertThat(fallbacks).containsExactly("a/m->b/m:RATE_LIMIT", "b/m->c/m:CONTEXT_LENGTH");
    }

    @Test
    void cascadeStopsAtAnInvalidRequest() {
        fake("a").enqueue(Step.error(400, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
                + "\"message\":\"tools.0: bad schema\"}}", Map.of()));

        assertThatThrownBy(() -> route(Cascade.INSTANCE, "a", "b"))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.INVALID_REQUEST));
        assertThat(fake("b").chatRequests()).isEmpty();
    }

    @Test
    void aBreakerOpensAfterRepeatedFailuresThenLetsOneProbeThroughAndCloses() {
        fake("a").enqueue(Step.error(529, ERROR_503, Map.of()), Step.error(529, ERROR_503, Map.of()));
        fake("b").conversation(Step.text("b answers"));
        ModelRef a = new ModelRef("a", "m");

        route(Cascade.INSTANCE, "a", "b");
        route(Cascade.INSTANCE, "a", "b");
        assertThat(breakers.state(a)).isEqualTo(CircuitBreakers.State.OPEN);
        route(Cascade.INSTANCE, "a", "b");
        assertThat(fake("a").chatRequests()).as("skipped while open").hasSize(2);

        clock.advance(Duration.ofSeconds(31));
        assertThat(breakers.state(a)).isEqualTo(CircuitBreakers.State.HALF_OPEN);
        fake("a").enqueue(Step.text("a is back"));
        Router.Routed r = route(Cascade.INSTANCE, "a", "b");
        assertThat(r.model()).isEqualTo(a);
        assertThat(breakers.state(a)).isEqualTo(CircuitBreakers.State.CLOSED);
    }

    @Test
    void aFailedProbeOpensTheBreakerAgain() {
        ModelRef a = new ModelRef("a", "m");
        fake("a").enqueue(Step.error(529, ERROR_503, Map.of()), Step.error(529, ERROR_503, Map.of()),
                Step.error(529, ERROR_503, Map.of()));
        fake("b").conversation(Step.text("b"));
        route(Cascade.INSTANCE, "a", "b");
        route(Cascade.INSTANCE, "a", "b");
        clock.advance(Duration.ofSeconds(31));
        route(Cascade.INSTANCE, "a", "b");
        assertThat(breakers.state(a)).isEqualTo(CircuitBreakers.State.OPEN);
        assertThat(fake("a").chatRequests()).hasSize(3);
    }

    @Test
    void aLoneCandidateIsTriedEvenWithItsBreakerOpen() {
        ModelRef a = new ModelRef("a", "m");
        breakers.failure(a, ProviderException.Kind.SERVER);
        breakers.failure(a, ProviderException.Kind.SERVER);
        fake("a").enqueue(Step.text("still here"));
        assertThat(route(Cascade.INSTANCE, "a").response().message().text()).isEqualTo("still here");
    }

    // --- speculate ---

    static final List<ToolSpec> TOOLS = List.of(new ToolSpec("edit", "edit a file", "{\"type\":\"object\"}"));

    @Test
    void speculateKeepsTheAnswerWithValidToolCallsAndSaysWhy() {
        fake("a").enqueue(Step.call("delete_everything", "{\"path\":\"/\"}"));
        fake("b").enqueue(Step.call("edit", "{\"path\":\"a.py\",\"old\":\"foo\",\"new\":\"bar\"}"));

        Router.Routed r = router(new Speculate(2, Duration.ofSeconds(10), new RuleScorer())).chat(models("a", "b"),
                request(TOOLS), seen::add, BudgetGuard.unlimited(), observer, new Cancellation());

        assertThat(r.model().provider()).isEqualTo("b");
        assertThat(seen).filteredOn(e -> e instanceof StreamEvent.ToolCallCompleted)
                .extracting(e -> ((StreamEvent.ToolCallCompleted) e).call().name()).containsExactly("edit");
        assertThat(decisions.get(0).reason()).contains("invalid tool call").contains("valid tool call");
    }

    @Test
    void speculatePrefersTheSmallerEdit() {
        String big = "x".repeat(6_000);
        fake("a").enqueue(Step.call("edit", "{\"path\":\"a.py\",\"old\":\"foo\",\"new\":\"" + big + "\"}"));
        fake("b").enqueue(Step.call("edit", "{\"path\":\"a.py\",\"old\":\"foo\",\"new\":\"bar\"}"));

        Router.Routed r = router(new Speculate(2, Duration.ofSeconds(10), new RuleScorer())).chat(models("a", "b"),
                request(TOOLS), seen::add, BudgetGuard.unlimited(), observer, new Cancellation());

        assertThat(r.model().provider()).isEqualTo("b");
    }

    @Test
    void speculateCancelsWhatMissesTheDeadline() {
        fake("a").enqueue(new Step.Delayed(Step.text("too late"), Duration.ofSeconds(5)));
        fake("b").enqueue(Step.text("in time"));

        Router.Routed r = route(new Speculate(2, Duration.ofMillis(700), new RuleScorer()), "a", "b");

        assertThat(r.response().message().text()).isEqualTo("in time");
        assertThat(decisions.get(0).cancelled()).containsExactly(new ModelRef("a", "m"));
        eventually(() -> assertThat(fake("a").disconnects()).isEqualTo(1));
    }

    @Test
    void aJudgeModelPicksTheWinner() {
        fake("a").enqueue(Step.text("answer one"));
        fake("b").enqueue(Step.text("answer two"));
        fake("c").enqueue(Step.text("BEST: 2 it names the right file"));

        Router.Routed r = route(new Speculate(2, Duration.ofSeconds(10), new JudgeScorer(new ModelRef("c", "m"))),
                "a", "b");

        assertThat(r.response().message().text()).isEqualTo("answer two");
        assertThat(seenText()).isEqualTo("answer two");
        assertThat(decisions.get(0).reason()).contains("judged best by c/m").contains("names the right file");
        String judged = fake("c").chatRequests().get(0).bodyText();
        assertThat(judged).contains("answer one").contains("answer two").contains("rename foo to bar");
    }

    // --- merge ---

    @Test
    void mergeCombinesTheAnswersWithAMergePrompt() {
        fake("a").enqueue(Step.text("Use a dict."));
        fake("b").enqueue(Step.text("Use a set; it is faster for membership."));
        fake("c").enqueue(Step.text("Use a set: membership tests are O(1)."));

        Router.Routed r = route(new Merge(2, Duration.ofSeconds(10), Optional.of(new ModelRef("c", "m"))), "a", "b");

        assertThat(r.model().provider()).isEqualTo("c");
        assertThat(seenText()).as("the merged answer streams; the drafts do not").isEqualTo(
                "Use a set: membership tests are O(1).");
        String merge = fake("c").chatRequests().get(0).bodyText();
        assertThat(merge).contains("Use a dict.").contains("Use a set; it is faster").contains("<answer 2>");
        assertThat(decisions.get(0).reason()).contains("merged the answers of [a/m, b/m]");
    }

    @Test
    void mergePicksInsteadOfSplicingToolCalls() {
        fake("a").enqueue(Step.call("edit", "{\"path\":\"a.py\",\"old\":\"foo\",\"new\":\"bar\"}"));
        fake("b").enqueue(Step.text("I would rename it."));

        Router.Routed r = router(new Merge(2, Duration.ofSeconds(10), Optional.empty())).chat(models("a", "b"),
                request(TOOLS), seen::add, BudgetGuard.unlimited(), observer, new Cancellation());

        assertThat(r.model().provider()).isEqualTo("a");
        assertThat(decisions.get(0).reason()).contains("picked instead of merged");
        assertThat(fake("a").chatRequests()).hasSize(1);
    }

    // --- cancellation ---

    @Test
    void cancellingTheCallerCancelsEveryContender() throws Exception {
        fake("a").enqueue(new Step.Delayed(Step.text("a"), Duration.ofSeconds(5)));
        fake("b").enqueue(new Step.Delayed(Step.text("b"), Duration.ofSeconds(5)));
        Cancellation cancel = new Cancellation();
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException ignored) {
                // cancel anyway
            }
            cancel.cancel();
        });
        assertThatThrownBy(() -> router(Race.of(2)).chat(models("a", "b"), request(List.of()), StreamListener.NONE,
                BudgetGuard.unlimited(), observer, cancel))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.CANCELLED));
        eventually(() -> assertThat(fake("a").disconnects() + fake("b").disconnects()).isEqualTo(2));
    }

    // --- what the review of the strategies found ---

    @Test
    void whenEveryoneMissesTheDeadlineItIsATimeoutAndTheRestAreTried() {
        fake("a").enqueue(new Step.Delayed(Step.text("a"), Duration.ofSeconds(5)));
        fake("b").enqueue(new Step.Delayed(Step.text("b"), Duration.ofSeconds(5)));
        fake("c").enqueue(Step.text("c in time"));

        Router.Routed r = route(new Speculate(2, Duration.ofMillis(400), new RuleScorer()), "a", "b", "c");

        assertThat(r.model().provider()).isEqualTo("c");
        assertThat(fallbacks).containsExactly("b/m->c/m:TIMEOUT");
    }

    @Test
    void theLosersAreAccountedForBeforeTheRaceReturns() {
        fake("a").enqueue(new Step.Delayed(Step.text("slow"), Duration.ofSeconds(5)));
        fake("b").enqueue(new Step.Delayed(Step.text("fast"), Duration.ofMillis(300)));

        route(Race.of(2), "a", "b");

        assertThat(attempts).extracting(a -> a.model().provider() + ":" + (a.failure() == null ? "ok" : a.failure().kind()))
                .containsExactlyInAnyOrder("b:ok", "a:CANCELLED");
    }

    @Test
    void aBudgetRefusalInARaceIsTheRequestsRefusal() {
        fake("a").conversation(Step.text("a"));
        fake("b").conversation(Step.text("b"));
        dev.reaper.router.BudgetGuard none = new dev.reaper.router.BudgetGuard(0.0000001);
        ModelCatalog priced = ModelCatalog.of(List.of(new dev.reaper.router.ModelInfo("a/m", 1000, 100,
                Optional.of(new dev.reaper.router.Pricing(100, 100, 0, 0)), true, false, false),
                new dev.reaper.router.ModelInfo("b/m", 1000, 100, Optional.of(new dev.reaper.router.Pricing(100, 100, 0, 0)),
                        true, false, false)));
        Router r = new Router(Map.of("anthropic", new AnthropicAdapter()), directory(), new HttpProviderClient(), priced,
                RetryPolicy.DEFAULT, (d, c) -> true, RandomGenerator.getDefault(), new Router.Policy(Race.of(2), List.of()),
                breakers, latency);
        assertThatThrownBy(() -> r.chat(models("a", "b"), request(List.of()), seen::add, none, observer, new Cancellation()))
                .isInstanceOf(dev.reaper.router.BudgetExceededException.class);
        assertThat(fake("a").chatRequests()).isEmpty();
    }

    @Test
    void aFailedMergeStillGivesTheBestAnswer() {
        fake("a").enqueue(Step.text("first draft"));
        fake("b").enqueue(Step.text("second draft"));
        fake("c").enqueue(Step.error(400, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
                + "\"message\":\"no\"}}", Map.of()));

        Router.Routed r = route(new Merge(2, Duration.ofSeconds(10), Optional.of(new ModelRef("c", "m"))), "a", "b");

        assertThat(r.response().message().text()).isEqualTo("first draft");
        assertThat(decisions.get(0).reason()).contains("the merge by c/m failed");
    }

    @Test
    void onlyTheProbeHolderClosesOrReopensAHalfOpenBreaker() {
        ModelRef a = new ModelRef("a", "m");
        breakers.failure(a, ProviderException.Kind.SERVER);
        breakers.failure(a, ProviderException.Kind.SERVER);
        clock.advance(Duration.ofSeconds(31));
        assertThat(breakers.acquire(a)).isEqualTo(CircuitBreakers.Permit.PROBE);
        // a request that did not hold the probe fails meanwhile: the probe is still out
        breakers.failure(a, ProviderException.Kind.SERVER, false);
        assertThat(breakers.acquire(a)).isEqualTo(CircuitBreakers.Permit.REFUSED);
        // the probe is stopped before any outcome: it is given back
        breakers.release(a);
        assertThat(breakers.acquire(a)).isEqualTo(CircuitBreakers.Permit.PROBE);
        breakers.failure(a, ProviderException.Kind.SERVER, true);
        assertThat(breakers.state(a)).isEqualTo(CircuitBreakers.State.OPEN);
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
