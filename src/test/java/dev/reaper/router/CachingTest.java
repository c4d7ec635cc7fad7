package dev.reaper.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reaper.protocol.Cancellation;
import dev.reaper.protocol.ContentBlock;
import dev.reaper.protocol.Message;
import dev.reaper.protocol.Role;
import dev.reaper.protocol.Usage;
import dev.reaper.providers.anthropic.AnthropicAdapter;
import dev.reaper.secret.Secret;
import dev.reaper.store.SqliteResponseCache;
import dev.reaper.testing.FakeProvider;
import dev.reaper.testing.Step;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The response cache and in-flight sharing, through the router against the loopback provider. */
class CachingTest {

    @TempDir
    Path dir;

    FakeProvider fake;
    SqliteResponseCache store;
    Instant now = Instant.parse("2026-03-01T10:00:00Z");
    final Clock clock = new Clock() {
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
    };
    final List<String> fromCache = Collections.synchronizedList(new ArrayList<>());
    final RouterObserver observer = new RouterObserver() {
        @Override
        public void answeredFromCache(ModelRef model, Usage usage, double savedUsd, boolean shared) {
            fromCache.add(model + (shared ? " shared" : " cached") + (savedUsd > 0 ? " saved" : ""));
        }
    };

    @BeforeEach
    void start() {
        fake = FakeProvider.start();
        store = SqliteResponseCache.open(dir.resolve("responses.db"), Duration.ofHours(1), clock);
    }

    @AfterEach
    void stop() {
        store.close();
        fake.close();
    }

    Router router(Caching caching) {
        ProviderDirectory directory = new ProviderDirectory() {
            @Override
            public Optional<ProviderEndpoint> find(String name) {
                return Optional.of(new ProviderEndpoint("anthropic", "anthropic", fake.baseUrl(),
                        Optional.of(Secret.of("test-key-cache-000001")), "KEY", Map.of(),
                        new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(10)), 0));
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
        return new Router(Map.of("anthropic", new AnthropicAdapter()), directory, new HttpProviderClient(),
                ModelCatalog.load(Map.of()), RetryPolicy.DEFAULT, (d, c) -> true, RandomGenerator.getDefault())
                .withCaching(caching);
    }

    static final List<ModelRef> SONNET = List.of(ModelRef.parse("anthropic/claude-sonnet-4-5"));

    static ChatRequest request(String session, String toolId) {
        return new ChatRequest("system", List.of(Message.user("read a.py"),
                new Message(Role.ASSISTANT, List.of(new ContentBlock.ToolUse(toolId, "read", "{\"path\":\"a.py\"}", null, null))),
                new Message(Role.USER, List.of(new ContentBlock.ToolResult(toolId, "def foo(): pass\r\n", false)))),
                List.of(), 1024, session);
    }

    String text(Router r, ChatRequest req, List<String> seen) {
        return r.chat(SONNET, req, e -> {
            if (e instanceof StreamEvent.TextDelta t) {
                seen.add(t.text());
            }
        }, BudgetGuard.unlimited(), observer, new Cancellation()).response().message().text();
    }

    @Test
    void theSameConversationAskedAgainIsAnsweredFromTheCacheWhateverItsIds() {
        fake.conversation(Step.text("It defines foo."));
        Router r = router(new Caching(Optional.of(store), true));
        List<String> seen = new ArrayList<>();

        assertThat(text(r, request("s1", "toolu_AAA"), seen)).isEqualTo("It defines foo.");
        assertThat(text(r, request("s2", "toolu_BBB"), seen)).isEqualTo("It defines foo.");

        assertThat(fake.chatRequests()).hasSize(1);
        assertThat(String.join("", seen)).as("the replayed answer streams too").isEqualTo("It defines foo.It defines foo.");
        assertThat(fromCache).containsExactly("anthropic/claude-sonnet-4-5 cached saved");
    }

    @Test
    void anotherQuestionOrAnotherModelMisses() {
        fake.conversation(Step.text("answer"));
        Router r = router(new Caching(Optional.of(store), false));
        text(r, request("s1", "t1"), new ArrayList<>());
        ChatRequest other = new ChatRequest("system", List.of(Message.user("read b.py")), List.of(), 1024, "s1");
        text(r, other, new ArrayList<>());
        r.chat(List.of(ModelRef.parse("anthropic/claude-haiku-4-5")), request("s1", "t1"), StreamListener.NONE,
                BudgetGuard.unlimited(), observer, new Cancellation());
        assertThat(fake.chatRequests()).hasSize(3);
        assertThat(fromCache).isEmpty();
    }

    @Test
    void entriesExpireAfterTheirTimeToLive() {
        fake.conversation(Step.text("answer"));
        Router r = router(new Caching(Optional.of(store), false));
        text(r, request("s1", "t1"), new ArrayList<>());
        now = now.plus(Duration.ofMinutes(61));
        text(r, request("s1", "t1"), new ArrayList<>());
        assertThat(fake.chatRequests()).hasSize(2);
    }

    @Test
    void anAnswerCutShortIsNotKept() {
        fake.enqueue(new Step.ResetAfter(Step.text("half an answer ".repeat(40)), 900));
        fake.conversation(Step.text("whole"));
        Router r = router(new Caching(Optional.of(store), false));
        try {
            text(r, request("s1", "t1"), new ArrayList<>());
        } catch (ProviderException expected) {
            // the cut answer fails the request
        }
        assertThat(text(r, request("s1", "t1"), new ArrayList<>())).isEqualTo("whole");
        assertThat(fake.chatRequests()).hasSize(2);
    }

    @Test
    void identicalRequestsInFlightShareOneUpstreamCall() throws Exception {
        fake.enqueue(new Step.Delayed(Step.text("shared answer"), Duration.ofMillis(800)));
        Router r = router(new Caching(Optional.empty(), true));
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> text(r, request("s1", "a"), new ArrayList<>()));
        Thread.sleep(200);
        List<String> seen = new ArrayList<>();
        String second = text(r, request("s2", "b"), seen);

        assertThat(second).isEqualTo("shared answer");
        assertThat(first.get()).isEqualTo("shared answer");
        assertThat(String.join("", seen)).isEqualTo("shared answer");
        assertThat(fake.chatRequests()).hasSize(1);
        assertThat(fromCache).containsExactly("anthropic/claude-sonnet-4-5 shared saved");
    }

    @Test
    void theKeyIgnoresSessionIdsToolIdsLineEndsAndTrailingSpaceButNotContent() {
        String a = RequestKey.of(SONNET, request("s1", "id-1"));
        assertThat(RequestKey.of(SONNET, request("s2", "id-2"))).isEqualTo(a);
        ChatRequest lf = new ChatRequest("system", List.of(Message.user("read a.py"),
                new Message(Role.ASSISTANT, List.of(new ContentBlock.ToolUse("x", "read", "{\"path\":\"a.py\"}", null, null))),
                new Message(Role.USER, List.of(new ContentBlock.ToolResult("x", "def foo(): pass", false)))), List.of(), 1024, null);
        assertThat(RequestKey.of(SONNET, lf)).isEqualTo(a);
        ChatRequest changed = new ChatRequest("system", List.of(Message.user("read a.py"),
                new Message(Role.ASSISTANT, List.of(new ContentBlock.ToolUse("x", "read", "{\"path\":\"b.py\"}", null, null))),
                new Message(Role.USER, List.of(new ContentBlock.ToolResult("x", "def foo(): pass", false)))), List.of(), 1024, null);
        assertThat(RequestKey.of(SONNET, changed)).isNotEqualTo(a);
    }
}
