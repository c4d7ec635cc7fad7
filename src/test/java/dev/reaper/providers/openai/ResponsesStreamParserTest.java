package dev.reaper.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reaper.protocol.ContentBlock;
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

/** Cases the recorded fixtures do not hold: cut-off responses, top-level error events, streams cut mid-call. */
class ResponsesStreamParserTest {

    private final List<StreamEvent> events = new ArrayList<>();

    private ChatResponse decode(String... events) {
        StringBuilder sse = new StringBuilder();
        for (String e : events) {
            sse.append("data: ").append(e).append("\n\n");
        }
        ResponseAssembler assembler = new ResponseAssembler("openai", this.events::add);
        StreamDecoder decoder = new ResponsesAdapter().decoder(assembler);
        decoder.feed(sse.toString().getBytes(StandardCharsets.UTF_8));
        decoder.end();
        return assembler.finishStream();
    }

    @Test
    void aResponseCutAtItsOutputLimitStopsAtMaxTokensWithItsTextAndUsage() {
        ChatResponse r = decode(
                "{\"type\":\"response.created\",\"response\":{\"id\":\"resp_1\",\"model\":\"gpt-5\",\"status\":\"in_progress\"}}",
                "{\"type\":\"response.output_item.added\",\"output_index\":0,\"item\":{\"type\":\"message\",\"role\":\"assistant\"}}",
                "{\"type\":\"response.output_text.delta\",\"output_index\":0,\"content_index\":0,\"delta\":\"Half an ans\"}",
                "{\"type\":\"response.incomplete\",\"response\":{\"id\":\"resp_1\",\"status\":\"incomplete\","
                        + "\"incomplete_details\":{\"reason\":\"max_output_tokens\"},\"usage\":{\"input_tokens\":100,"
                        + "\"input_tokens_details\":{\"cached_tokens\":40},\"output_tokens\":16,"
                        + "\"output_tokens_details\":{\"reasoning_tokens\":10},\"total_tokens\":116}}}");

        assertThat(r.message().text()).isEqualTo("Half an ans");
        assertThat(r.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
        assertThat(r.rawStopReason()).isEqualTo("incomplete");
        assertThat(r.usage()).isEqualTo(new Usage(60, 16, 40, 0, 10));
        assertThat(r.id()).isEqualTo("resp_1");
        assertThat(r.model()).isEqualTo("gpt-5");
        assertThat(r.complete()).isTrue();
    }

    @Test
    void aCompletedResponseWithAFunctionCallStopsForTheTool() {
        ChatResponse r = decode(
                "{\"type\":\"response.output_item.added\",\"output_index\":0,\"item\":{\"type\":\"function_call\","
                        + "\"id\":\"fc_1\",\"call_id\":\"call_9\",\"name\":\"read\",\"arguments\":\"\"}}",
                "{\"type\":\"response.function_call_arguments.delta\",\"output_index\":0,\"delta\":\"{\\\"path\\\":\"}",
                "{\"type\":\"response.function_call_arguments.delta\",\"output_index\":0,\"delta\":\"\\\"a\\\"}\"}",
                "{\"type\":\"response.output_item.done\",\"output_index\":0,\"item\":{\"type\":\"function_call\","
                        + "\"id\":\"fc_1\",\"call_id\":\"call_9\",\"name\":\"read\",\"arguments\":\"{\\\"path\\\":\\\"a\\\"}\"}}",
                "{\"type\":\"response.completed\",\"response\":{\"status\":\"completed\"}}");

        assertThat(r.message().content()).containsExactly(
                new ContentBlock.ToolUse("call_9", "read", "{\"path\":\"a\"}", null, "openai"));
        assertThat(r.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(events).contains(new StreamEvent.ToolCallStarted("call_9", "read"));
    }

    @Test
    void anErrorEventWithItsFieldsAtTheTopLevelIsTypedAndKeepsTheTextSoFar() {
        ChatResponse r = decode(
                "{\"type\":\"response.output_text.delta\",\"output_index\":0,\"delta\":\"Partial\"}",
                "{\"type\":\"error\",\"code\":\"rate_limit_exceeded\",\"message\":\"Slow down\",\"param\":null}");

        assertThat(r.message().text()).isEqualTo("Partial");
        assertThat(r.error().kind()).isEqualTo(ProviderException.Kind.RATE_LIMIT);
        assertThat(r.error().getMessage()).isEqualTo("openai stream error (rate_limit_exceeded): Slow down");
        assertThat(r.complete()).isFalse();
    }

    @Test
    void aStreamCutInsideACustomToolCallKeepsItsInputSoFar() {
        ChatResponse r = decode(
                "{\"type\":\"response.output_item.added\",\"output_index\":0,\"item\":{\"type\":\"custom_tool_call\","
                        + "\"call_id\":\"call_c\",\"name\":\"apply_patch\",\"input\":\"\"}}",
                "{\"type\":\"response.custom_tool_call_input.delta\",\"output_index\":0,\"delta\":\"*** Begin Patch\\n\"}");

        assertThat(r.message().toolUses()).containsExactly(new ContentBlock.ToolUse("call_c", "apply_patch",
                "{\"input\":\"*** Begin Patch\\n\"}", null, "openai"));
        assertThat(r.stopReason()).isEqualTo(StopReason.INCOMPLETE);
    }

    @Test
    void aFailedResponseWithoutAnErrorEventStillReportsWhy() {
        ChatResponse r = decode("{\"type\":\"response.failed\",\"response\":{\"status\":\"failed\","
                + "\"error\":{\"code\":\"server_error\",\"message\":\"The model crashed\"}}}");

        assertThat(r.error().kind()).isEqualTo(ProviderException.Kind.SERVER);
        assertThat(r.error().getMessage()).contains("The model crashed");
        assertThat(r.rawStopReason()).isEqualTo("failed");
    }
}
