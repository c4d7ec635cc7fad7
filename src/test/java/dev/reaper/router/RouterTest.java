package dev.reaper.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reaper.protocol.Cancellation;
import dev.reaper.protocol.Message;
import dev.reaper.providers.anthropic.AnthropicAdapter;
import dev.reaper.providers.openai.ChatCompletionsAdapter;
import dev.reaper.secret.Secret;
import dev.reaper.testing.FakeProvider;
import dev.reaper.testing.Step;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The router against the loopback provider: retries, timeouts, fallbacks, budget and cancellation. */
class RouterTest {

    FakeProvider fake;
    final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
    final List<RouterObserver.Attempt> attempts = Collections.synchronizedList(new ArrayList<>());
    final List<String> fallbacks = Collections.synchronizedList(new ArrayList<>());
    Timeouts timeouts = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5));
    boolean withKeys = true;
    Map<String, Secret> extraSecrets = Map.of();

    final RouterObserver observer = new RouterObserver() {
        @Override
        public void attemptFinished(Attempt a) {
            attempts.add(a);
        }

        @Override
        public void fallingBack(ModelRef from, ModelRef to, ProviderException cause) {
            fallbacks.add(from + "->" + to + ":" + cause.kind());
        }
    };

    @BeforeEach
    void start() {
        fake = FakeProvider.start();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    Router router() {
        ProviderDirectory dir = new ProviderDirectory() {
            @Override
            public Optional<ProviderEndpoint> find(String name) {
                return switch (name) {
                    case "anthropic" -> Optional.of(endpoint("anthropic", "anthropic", fake.baseUrl()));
                    case "openai" -> Optional.of(endpoint("openai", "openai-chat", fake.baseUrl() + "/v1"));
                    default -> Optional.empty();
                };
            }

            @Override
            public List<ProviderEndpoint> all() {
                return List.of();
            }

            @Override
            public String setupHint(String name) {
                return "set " + name.toUpperCase() + "_API_KEY";
            }
        };
        Map<String, ProviderAdapter> adapters = Map.of("anthropic", new AnthropicAdapter(), "openai-chat",
                new ChatCompletionsAdapter());
        Sleeper recording = (d, c) -> {
            waits.add(d);
            return !c.isCancelled();
        };
        return new Router(adapters, dir, new HttpProviderClient(), ModelCatalog.load(Map.of()), RetryPolicy.DEFAULT,
                recording, RandomGenerator.getDefault());
    }

    ProviderEndpoint endpoint(String name, String wire, String url) {
        Optional<Secret> key = withKeys ? Optional.of(Secret.of("test-key-" + name + "-0001")) : Optional.empty();
        return new ProviderEndpoint(name, wire, url, key, name.toUpperCase() + "_API_KEY", Map.of(), timeouts, 2,
                Map.of(), extraSecrets);
    }

    static ChatRequest request() {
        return new ChatRequest("system", List.of(Message.user("hi")), List.of(), 1024, null);
    }

    Router.Routed chat(String models, BudgetGuard budget, Cancellation cancel) {
        List<ModelRef> refs = new ArrayList<>();
        for (String m : models.split(",")) {
            refs.add(ModelRef.parse(m));
        }
        return router().chat(refs, request(), StreamListener.NONE, budget, observer, cancel);
    }

    Router.Routed chat(String models) {
        return chat(models, BudgetGuard.unlimited(), new Cancellation());
    }

    @Test
    void aRateLimitMovesTheProviderToItsNextKeyAtOnce() {
        extraSecrets = Map.of("api_key_2", Secret.of("test-key-second-0002"));
        fake.enqueue(Step.error(429, "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"x\"}}",
                Map.of("retry-after", "30")));
        fake.conversation(Step.text("ok"));
        Router r = router();
        List<ModelRef> model = List.of(ModelRef.parse("anthropic/claude-sonnet-4-5"));

        assertThat(r.chat(model, request(), StreamListener.NONE, BudgetGuard.unlimited(), observer, new Cancellation())
                .response().message().text()).isEqualTo("ok");
        assertThat(waits).as("no wait: another key is free").isEmpty();
        assertThat(fake.chatRequests()).extracting(q -> q.headers().get("x-api-key"))
                .containsExactly("test-key-anthropic-0001", "test-key-second-0002");
        // the next request starts on the key that worked
        r.chat(model, request(), StreamListener.NONE, BudgetGuard.unlimited(), observer, new Cancellation());
        assertThat(fake.chatRequests().get(2).headers().get("x-api-key")).isEqualTo("test-key-second-0002");
    }

    @Test
    void retryAfterIsHonouredExactly() {
        fake.enqueue(Step.error(429, "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"x\"}}",
                Map.of("retry-after", "2")));
        fake.conversation(Step.text("ok"));
        assertThat(chat("anthropic/claude-sonnet-4-5").response().message().text()).isEqualTo("ok");
        assertThat(waits).containsExactly(Duration.ofSeconds(2));
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(0).failure().kind()).isEqualTo(ProviderException.Kind.RATE_LIMIT);
    }

    @Test
    void aRetryAfterLongerThanAMinuteIsNotWaitedForButFallsBack() {
        fake.enqueue(Step.error(429, "{\"error\":{\"message\":\"quota\",\"code\":\"rate_limit_exceeded\"}}",
                Map.of("retry-after", "3600")));
        fake.conversation(Step.text("from anthropic"));
        Router.Routed r = chat("openai/gpt-5,anthropic/claude-sonnet-4-5");
        assertThat(r.model().toString()).isEqualTo("anthropic/claude-sonnet-4-5");
        assertThat(waits).isEmpty();
        assertThat(fallbacks).containsExactly("openai/gpt-5->anthropic/claude-sonnet-4-5:RATE_LIMIT");
    }

    @Test
    void invalidRequestsAreNeitherRetriedNorPassedToTheNextModel() {
        fake.enqueue(Step.error(400, "{\"error\":{\"message\":\"bad tool schema\",\"type\":\"invalid_request_error\"}}",
                Map.of()));
        assertThatThrownBy(() -> chat("openai/gpt-5,anthropic/claude-sonnet-4-5"))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderException.Kind.INVALID_REQUEST);
                    assertThat(e.getMessage()).contains("bad tool schema");
                });
        assertThat(fake.chatRequests()).hasSize(1);
    }

    @Test
    void noAnswerAtAllIsAFirstTokenTimeoutRetriedThenReported() {
        timeouts = new Timeouts(Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofSeconds(5));
        fake.enqueue(new Step.Hang(), new Step.Hang(), new Step.Hang());
        assertThatThrownBy(() -> chat("anthropic/claude-sonnet-4-5"))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderException.Kind.TIMEOUT);
                    assertThat(e.getMessage()).contains("no response within 300 ms");
                });
        assertThat(fake.chatRequests()).hasSize(3);
        assertThat(waits).hasSize(2);
    }

    @Test
    void aStreamThatFallsSilentIsAnIdleTimeoutAndKeepsItsText() {
        timeouts = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofMillis(300));
        fake.enqueue(new Step.StallAfter(Step.text("Some words arrive, then nothing more. ".repeat(8)), 700,
                Duration.ofSeconds(3)));
        assertThatThrownBy(() -> chat("anthropic/claude-sonnet-4-5"))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderException.Kind.TIMEOUT);
                    assertThat(e.getMessage()).contains("silent for 300 ms");
                    assertThat(e.partial().message().text()).startsWith("Some words arrive");
                });
        assertThat(fake.chatRequests()).as("no retry once text was shown").hasSize(1);
    }

    @Test
    void aWholeJsonBodyIsAcceptedFromAServerThatDoesNotStream() {
        String body = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"m\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"not streamed\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}}";
        fake.enqueue(new Step.Raw("application/json", body.getBytes(StandardCharsets.UTF_8)));
        Router.Routed r = chat("openai/gpt-5");
        assertThat(r.response().message().text()).isEqualTo("not streamed");
        assertThat(r.response().usage().outputTokens()).isEqualTo(2);
    }

    @Test
    void aMissingKeyFailsBeforeAnyRequestWithTheVariableToSet() {
        withKeys = false;
        assertThatThrownBy(() -> chat("anthropic/claude-sonnet-4-5"))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderException.Kind.AUTH);
                    assertThat(e.getMessage()).contains("ANTHROPIC_API_KEY");
                });
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void anUnknownProviderIsAConfigurationError() {
        assertThatThrownBy(() -> chat("nowhere/model"))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.CONFIG));
    }

    @Test
    void theBudgetRefusesARequestBeforeItIsSent() {
        BudgetGuard budget = new BudgetGuard(1e-9);
        assertThatThrownBy(() -> chat("anthropic/claude-sonnet-4-5", budget, new Cancellation()))
                .isInstanceOf(BudgetExceededException.class);
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void costIsChargedFromReportedUsage() {
        fake.conversation(Step.text("ok"));
        BudgetGuard budget = new BudgetGuard(10);
        chat("anthropic/claude-sonnet-4-5", budget, new Cancellation());
        RouterObserver.Attempt a = attempts.get(0);
        double expected = (a.usage().inputTokens() * 3.0 + a.usage().outputTokens() * 15.0) / 1_000_000;
        assertThat(a.priced()).isTrue();
        assertThat(a.costUsd()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(budget.spent()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void cancellingEndsAHangingRequestAsCancelled() throws Exception {
        fake.enqueue(new Step.Hang());
        Cancellation cancel = new Cancellation();
        Thread t = Thread.ofVirtual().start(() -> {
            while (fake.chatRequests().isEmpty()) {
                Thread.onSpinWait();
            }
            cancel.cancel();
        });
        assertThatThrownBy(() -> chat("anthropic/claude-sonnet-4-5", BudgetGuard.unlimited(), cancel))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.CANCELLED));
        t.join();
        assertThat(waits).isEmpty();
        // the cancelled connection is not reused: the next request gets its answer
        fake.conversation(Step.text("after the hang"));
        assertThat(chat("anthropic/claude-sonnet-4-5").response().message().text())
                .isEqualTo("after the hang");
    }
}
