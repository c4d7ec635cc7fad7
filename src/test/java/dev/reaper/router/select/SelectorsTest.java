package dev.reaper.router.select;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reaper.protocol.ContentBlock;
import dev.reaper.protocol.Message;
import dev.reaper.protocol.Role;
import dev.reaper.router.ChatRequest;
import dev.reaper.router.LatencyStats;
import dev.reaper.router.ModelCatalog;
import dev.reaper.router.ModelRef;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SelectorsTest {

    static final ModelCatalog CATALOG = ModelCatalog.load(Map.of());
    static final ModelRef SONNET = ModelRef.parse("anthropic/claude-sonnet-4-5");
    static final ModelRef HAIKU = ModelRef.parse("anthropic/claude-haiku-4-5");
    static final ModelRef LOCAL = ModelRef.parse("ollama/qwen2.5-coder:7b");
    static final ModelRef UNKNOWN = ModelRef.parse("mystery/model-x");

    static ChatRequest asking(String text) {
        return new ChatRequest("sys", List.of(Message.user(text)), List.of(), 1000, "s1");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "write unit tests for the parser | TESTS",
            "add tests for Foo.bar | TESTS",
            "prove that the loop terminates | MATH",
            "what is 37 * 41 | MATH",
            "why does this deadlock? think through the locking | REASONING",
            "compare the two designs and their trade-offs | REASONING",
            "rename foo to bar in a.py | CODE",
            "fix the failing build | CODE"})
    void classifiesTheLastUserMessage(String text, Intent expected) {
        assertThat(Intent.of(asking(text))).isEqualTo(expected);
    }

    @Test
    void anImageMakesItAVisionTaskAndToolResultsKeepTheEarlierIntent() {
        ChatRequest vision = new ChatRequest("s", List.of(new Message(Role.USER, List.of(
                new ContentBlock.Text("what is wrong in this screenshot"), new ContentBlock.Image("image/png", "AAAA")))),
                List.of(), 100, null);
        assertThat(Intent.of(vision)).isEqualTo(Intent.VISION);
        ChatRequest afterTool = new ChatRequest("s", List.of(Message.user("write tests for a.py"),
                new Message(Role.ASSISTANT, List.of(new ContentBlock.ToolUse("t1", "read", "{}", null, null))),
                new Message(Role.USER, List.of(new ContentBlock.ToolResult("t1", "content", false)))), List.of(), 100, null);
        assertThat(Intent.of(afterTool)).isEqualTo(Intent.TESTS);
    }

    @Test
    void intentPutsModelsFitForTheTaskFirst() {
        StringBuilder why = new StringBuilder();
        List<ModelRef> order = new IntentSelector(CATALOG).order(List.of(UNKNOWN, SONNET), asking("write unit tests"), why);
        assertThat(order).containsExactly(SONNET, UNKNOWN);
        assertThat(why.toString()).contains("intent tests");
    }

    @Test
    void costPutsLocalFirstAndUnknownPricesLast() {
        StringBuilder why = new StringBuilder();
        List<ModelRef> order = new CostSelector(CATALOG, m -> m.provider().equals("ollama"))
                .order(List.of(UNKNOWN, SONNET, HAIKU, LOCAL), asking("hello"), why);
        assertThat(order).containsExactly(LOCAL, HAIKU, SONNET, UNKNOWN);
        assertThat(why.toString()).contains("cheapest");
    }

    @Test
    void latencyOrdersByMeasuredTimeToFirstTokenAndLocalFirstForShortTasks() {
        LatencyStats stats = new LatencyStats();
        stats.record(SONNET, 900);
        stats.record(HAIKU, 300);
        LatencySelector selector = new LatencySelector(stats, m -> m.provider().equals("ollama"));
        StringBuilder why = new StringBuilder();
        assertThat(selector.order(List.of(UNKNOWN, SONNET, HAIKU), asking("x".repeat(20_000)), why))
                .containsExactly(HAIKU, SONNET, UNKNOWN);
        assertThat(selector.order(List.of(SONNET, HAIKU, LOCAL), asking("short"), new StringBuilder()))
                .containsExactly(LOCAL, HAIKU, SONNET);
        assertThat(selector.order(List.of(SONNET, HAIKU, LOCAL), asking("x".repeat(20_000)), new StringBuilder()))
                .containsExactly(HAIKU, SONNET, LOCAL);
    }

    @Test
    void stickinessKeepsASessionOnTheModelThatServedIt() {
        StickySelector sticky = new StickySelector();
        ChatRequest r = asking("go on");
        assertThat(sticky.order(List.of(SONNET, HAIKU), r, new StringBuilder())).containsExactly(SONNET, HAIKU);
        sticky.served(r, HAIKU);
        StringBuilder why = new StringBuilder();
        assertThat(sticky.order(List.of(SONNET, HAIKU), r, why)).containsExactly(HAIKU, SONNET);
        assertThat(why.toString()).contains("served this session");
        ChatRequest other = new ChatRequest("sys", List.of(Message.user("x")), List.of(), 10, "s2");
        assertThat(sticky.order(List.of(SONNET, HAIKU), other, new StringBuilder())).containsExactly(SONNET, HAIKU);
    }

    @Test
    void latencyStatsKeepAMovingAverageAndAP95() {
        LatencyStats s = new LatencyStats();
        assertThat(s.p95Ms(SONNET)).isEmpty();
        for (int i = 1; i <= 20; i++) {
            s.record(SONNET, i * 100L);
        }
        assertThat(s.p95Ms(SONNET)).hasValue(1_900);
        assertThat(s.ewmaMs(SONNET).getAsLong()).isBetween(1_500L, 2_000L);
        s.record(SONNET, -1);
        assertThat(s.p95Ms(SONNET)).hasValue(1_900);
    }
}
