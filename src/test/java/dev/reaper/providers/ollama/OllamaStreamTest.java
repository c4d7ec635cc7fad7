package dev.reaper.providers.ollama;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reaper.protocol.ContentBlock;
import dev.reaper.protocol.Message;
import dev.reaper.protocol.Role;
import dev.reaper.protocol.StopReason;
import dev.reaper.protocol.Usage;
import dev.reaper.router.ChatResponse;
import dev.reaper.router.ProviderException;
import dev.reaper.router.ResponseAssembler;
import dev.reaper.router.StreamEvent;
import dev.reaper.router.wire.StreamDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ollama's NDJSON chat stream decoded into a response. */
class OllamaStreamTest {

    private final List<StreamEvent> events = new ArrayList<>();

    private ChatResponse decode(String... reads) {
        ResponseAssembler assembler = new ResponseAssembler("ollama", events::add);
        StreamDecoder decoder = new OllamaAdapter().decoder(assembler);
        for (String r : reads) {
            decoder.feed(r.getBytes(StandardCharsets.UTF_8));
        }
        decoder.end();
        return assembler.finishStream();
    }

    private static String line(String content) {
        return "{\"model\":\"qwen3\",\"created_at\":\"2025-01-01T00:00:00Z\",\"message\":{\"role\":\"assistant\","
                + "\"content\":\"" + content + "\"},\"done\":false}\n";
    }

    private static final String DONE = "{\"model\":\"qwen3\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},"
            + "\"done\":true,\"done_reason\":\"stop\",\"total_duration\":5000000,\"prompt_eval_count\":26,"
            + "\"eval_count\":12}\n";

    @Test
    void textLinesBuildOneTextBlock() {
        ChatResponse r = decode(line("Hel"), line("lo"), DONE);

        assertThat(r).isEqualTo(new ChatResponse(null, "qwen3", Message.assistant("Hello"),
                new Usage(26, 12, 0, 0, 0), StopReason.END_TURN, "stop", null, true));
        assertThat(events).containsExactly(new StreamEvent.TextDelta("Hel"), new StreamEvent.TextDelta("lo"));
    }

    @Test
    void theDoneLineMayCarryTextAndCounts() {
        ChatResponse r = decode(line("Hi"), "{\"model\":\"qwen3\",\"message\":{\"role\":\"assistant\","
                + "\"content\":\" there\"},\"done\":true,\"done_reason\":\"length\",\"prompt_eval_count\":5,"
                + "\"eval_count\":100}\n");

        assertThat(r.message()).isEqualTo(Message.assistant("Hi there"));
        assertThat(r.usage()).isEqualTo(new Usage(5, 100, 0, 0, 0));
        assertThat(r.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
        assertThat(r.rawStopReason()).isEqualTo("length");
        assertThat(r.complete()).isTrue();
    }

    @Test
    void anOlderServerWithoutDoneReasonEndsTheTurn() {
        ChatResponse r = decode(line("ok"), "{\"message\":{\"content\":\"\"},\"done\":true,\"eval_count\":1}\n");

        assertThat(r.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(r.rawStopReason()).isNull();
        assertThat(r.complete()).isTrue();
    }

    @Test
    void thinkingBecomesAReasoningBlockBeforeTheText() {
        ChatResponse r = decode(
                "{\"message\":{\"role\":\"assistant\",\"content\":\"\",\"thinking\":\"Let me \"},\"done\":false}\n",
                "{\"message\":{\"role\":\"assistant\",\"content\":\"\",\"thinking\":\"think.\"},\"done\":false}\n",
                line("Answer."), DONE);

        assertThat(r.message()).isEqualTo(new Message(Role.ASSISTANT, List.of(
                new ContentBlock.Reasoning("Let me think.", null, null, "ollama"),
                new ContentBlock.Text("Answer."))));
        assertThat(events).containsExactly(new StreamEvent.ReasoningDelta("Let me "),
                new StreamEvent.ReasoningDelta("think."), new StreamEvent.TextDelta("Answer."));
    }

    @Test
    void emptyThinkingBesideTextDoesNotSplitTheText() {
        ChatResponse r = decode(
                "{\"message\":{\"content\":\"one \",\"thinking\":\"\"},\"done\":false}\n",
                "{\"message\":{\"content\":\"two\",\"thinking\":\"\"},\"done\":false}\n", DONE);

        assertThat(r.message()).isEqualTo(Message.assistant("one two"));
    }

    @Test
    void toolCallsArriveWholeWithObjectArgumentsAndGetIds() {
        ChatResponse r = decode("{\"message\":{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":["
                + "{\"function\":{\"name\":\"read\",\"arguments\":{\"path\":\"a.txt\",\"limit\":5}}},"
                + "{\"function\":{\"name\":\"list\",\"arguments\":{}}}]},\"done\":false}\n", DONE);

        List<ContentBlock.ToolUse> calls = r.message().toolUses();
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).name()).isEqualTo("read");
        assertThat(calls.get(0).argumentsJson()).isEqualTo("{\"path\":\"a.txt\",\"limit\":5}");
        assertThat(calls.get(1).argumentsJson()).isEqualTo("{}");
        assertThat(calls).extracting(ContentBlock.ToolUse::id).allSatisfy(id -> assertThat(id).startsWith("call_"))
                .doesNotHaveDuplicates();
        assertThat(calls).extracting(ContentBlock.ToolUse::provider).containsOnly("ollama");
        assertThat(r.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(events).filteredOn(StreamEvent.ToolCallCompleted.class::isInstance).hasSize(2);
    }

    @Test
    void aToolCallWithAnIdKeepsIt() {
        ChatResponse r = decode("{\"message\":{\"content\":\"\",\"tool_calls\":[{\"id\":\"call_abc\","
                + "\"function\":{\"name\":\"bash\",\"arguments\":{\"command\":\"ls\"}}}]},\"done\":false}\n", DONE);

        assertThat(r.message().toolUses()).containsExactly(
                new ContentBlock.ToolUse("call_abc", "bash", "{\"command\":\"ls\"}", null, "ollama"));
    }

    @Test
    void anErrorLineMidStreamKeepsTheTextBeforeIt() {
        ChatResponse r = decode(line("partial "), line("answer"), "{\"error\":\"model runner has unexpectedly stopped\"}\n");

        assertThat(r.message()).isEqualTo(Message.assistant("partial answer"));
        assertThat(r.error()).isNotNull();
        assertThat(r.error().getMessage()).isEqualTo("ollama stream error: model runner has unexpectedly stopped");
        assertThat(r.error().kind()).isEqualTo(ProviderException.Kind.SERVER);
        assertThat(r.complete()).isFalse();
        assertThat(r.stopReason()).isEqualTo(StopReason.OTHER);
    }

    @Test
    void aStreamWithoutADoneLineIsIncomplete() {
        ChatResponse r = decode(line("cut"), line(" off"));

        assertThat(r.message()).isEqualTo(Message.assistant("cut off"));
        assertThat(r.stopReason()).isEqualTo(StopReason.INCOMPLETE);
        assertThat(r.complete()).isFalse();
        assertThat(r.error()).isNull();
    }

    @Test
    void aLastLineWithoutLfIsRead() {
        ChatResponse r = decode(line("fine"), DONE.strip());

        assertThat(r.message()).isEqualTo(Message.assistant("fine"));
        assertThat(r.complete()).isTrue();
        assertThat(r.usage()).isEqualTo(new Usage(26, 12, 0, 0, 0));
    }

    @Test
    void linesSplitAnywhereDecodeTheSame() {
        String all = line("h🎉") + line("→ok") + DONE;
        byte[] bytes = all.getBytes(StandardCharsets.UTF_8);
        for (int at = 0; at <= bytes.length; at += 7) {
            ResponseAssembler a = new ResponseAssembler("ollama", e -> { });
            StreamDecoder d = new OllamaAdapter().decoder(a);
            d.feed(bytes, 0, at);
            d.feed(bytes, at, bytes.length - at);
            d.end();
            assertThat(a.finishStream().message()).as("split at %d", at).isEqualTo(Message.assistant("h🎉→ok"));
        }
    }

    @Test
    void generateStyleResponseLinesAreTextToo() {
        ChatResponse r = decode("{\"response\":\"gen\",\"done\":false}\n", "{\"response\":\"\",\"done\":true}\n");

        assertThat(r.message()).isEqualTo(Message.assistant("gen"));
    }
}
