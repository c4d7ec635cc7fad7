package dev.reaper.providers.openai;

import static dev.reaper.testing.Requests.body;
import static dev.reaper.testing.Requests.endpoint;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.json.Json;
import dev.reaper.protocol.ContentBlock;
import dev.reaper.protocol.Message;
import dev.reaper.protocol.Role;
import dev.reaper.router.ChatRequest;
import dev.reaper.router.ChatResponse;
import dev.reaper.router.HttpCall;
import dev.reaper.router.ResponseAssembler;
import dev.reaper.router.StreamListener;
import dev.reaper.router.ToolSpec;
import dev.reaper.router.wire.StreamDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponsesRequestEncoderTest {

    private static HttpCall call(String baseUrl, String model, ChatRequest request) {
        return new ResponsesAdapter().chatCall(endpoint("openai", "openai-responses", baseUrl), model, request);
    }

    private static final ChatRequest SIMPLE = new ChatRequest("Be brief.", List.of(Message.user("hi")),
            List.of(new ToolSpec("read", "Read a file",
                    "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}},\"required\":[\"path\"]}")),
            2048, "sess-1");

    @Test
    void theOfficialApiGetsAStatelessStreamedRequestAskingForEncryptedReasoning() {
        HttpCall call = call("https://api.openai.com/v1", "gpt-5", SIMPLE);

        assertThat(call.url()).isEqualTo("https://api.openai.com/v1/responses");
        assertThat(call.headers()).containsEntry("authorization", "Bearer k-123456789")
                .containsEntry("accept", "text/event-stream");
        assertThat(body(call)).isEqualTo(Json.parse("""
                {"model":"gpt-5","stream":true,"store":false,"include":["reasoning.encrypted_content"],
                 "max_output_tokens":2048,"prompt_cache_key":"reaper-sess-1","reasoning":{"summary":"auto"},
                 "instructions":"Be brief.",
                 "input":[{"type":"message","role":"user","content":[{"type":"input_text","text":"hi"}]}],
                 "tools":[{"type":"function","name":"read","description":"Read a file",
                   "parameters":{"type":"object","properties":{"path":{"type":"string"}},"required":["path"]},
                   "strict":false}]}
                """));
    }

    @Test
    void reasoningSummariesAreAskedOnlyOfOpenAisReasoningModels() {
        assertThat(body(call("https://api.openai.com/v1", "o4-mini", SIMPLE)).has("reasoning")).isTrue();
        assertThat(body(call("https://api.openai.com/v1", "gpt-5-codex", SIMPLE)).has("reasoning")).isTrue();
        assertThat(body(call("https://api.openai.com/v1", "gpt-4.1", SIMPLE)).has("reasoning")).isFalse();
        assertThat(body(call("https://api.openai.com/v1", "gpt-5-chat-latest", SIMPLE)).has("reasoning")).isFalse();
    }

    @Test
    void compatibleServersGetNeitherCacheKeyNorReasoningOptions() {
        HttpCall call = call("http://localhost:1234/v1", "gpt-5", SIMPLE);

        assertThat(call.url()).isEqualTo("http://localhost:1234/v1/responses");
        JsonNode body = body(call);
        assertThat(body.has("prompt_cache_key")).isFalse();
        assertThat(body.has("reasoning")).isFalse();
        assertThat(body.get("store").asBoolean()).isFalse();
    }

    @Test
    void aConversationBecomesItemsInTheOrderTheModelProducedThem() {
        ChatRequest request = new ChatRequest("", List.of(
                new Message(Role.USER, List.of(new ContentBlock.Text("what is this?"),
                        new ContentBlock.Image("image/png", "iVBOR"))),
                new Message(Role.ASSISTANT, List.of(
                        new ContentBlock.Reasoning("Looking.", "enc-1", null, "openai"),
                        new ContentBlock.Text("Reading "), new ContentBlock.Text("both."),
                        new ContentBlock.ToolUse("call_1", "read", "{\"path\":\"a\"}"),
                        new ContentBlock.ToolUse("call_2", "read", "{\"path\":\"b\"}"))),
                new Message(Role.USER, List.of(new ContentBlock.Text("also, hurry"),
                        new ContentBlock.ToolResult("call_1", "A", false),
                        new ContentBlock.ToolResult("call_2", "", true)))), List.of(), 100, null);

        JsonNode body = body(call("http://h/v1", "m", request));

        assertThat(body.has("instructions")).isFalse();
        assertThat(body.has("tools")).isFalse();
        assertThat(body.get("input")).isEqualTo(Json.parse("""
                [{"type":"message","role":"user","content":[{"type":"input_text","text":"what is this?"},
                   {"type":"input_image","image_url":"data:image/png;base64,iVBOR"}]},
                 {"type":"reasoning","summary":[{"type":"summary_text","text":"Looking."}],"encrypted_content":"enc-1"},
                 {"type":"message","role":"assistant","content":[{"type":"output_text","text":"Reading both."}]},
                 {"type":"function_call","call_id":"call_1","name":"read","arguments":"{\\"path\\":\\"a\\"}"},
                 {"type":"function_call","call_id":"call_2","name":"read","arguments":"{\\"path\\":\\"b\\"}"},
                 {"type":"function_call_output","call_id":"call_1","output":"A"},
                 {"type":"function_call_output","call_id":"call_2","output":"(no output)"},
                 {"type":"message","role":"user","content":[{"type":"input_text","text":"also, hurry"}]}]
                """));
    }

    @Test
    void onlyThisProvidersEncryptedReasoningIsSentBack() {
        ChatRequest request = new ChatRequest("", List.of(Message.user("q"),
                new Message(Role.ASSISTANT, List.of(
                        new ContentBlock.Reasoning("theirs", "sig-anthropic", null, "anthropic"),
                        new ContentBlock.Reasoning("no encrypted content", null, null, "openai"),
                        new ContentBlock.Reasoning("", "enc-only", null, "openai"),
                        new ContentBlock.Opaque("openai", "{}"), new ContentBlock.Text("answer")))),
                List.of(), 100, null);

        assertThat(body(call("http://h/v1", "m", request)).get("input")).isEqualTo(Json.parse("""
                [{"type":"message","role":"user","content":[{"type":"input_text","text":"q"}]},
                 {"type":"reasoning","summary":[],"encrypted_content":"enc-only"},
                 {"type":"message","role":"assistant","content":[{"type":"output_text","text":"answer"}]}]
                """));
    }

    @Test
    void aStreamedReasoningItemGoesBackWithItsEncryptedContentVerbatim() throws IOException {
        byte[] sse = fixture("openai/responses/programmatic-tool-calling.1.sse");
        ResponseAssembler assembler = new ResponseAssembler("openai", StreamListener.NONE);
        StreamDecoder decoder = new ResponsesAdapter().decoder(assembler);
        decoder.feed(sse);
        decoder.end();
        ChatResponse response = assembler.finishStream();
        ContentBlock.ToolUse call = response.message().toolUses().get(0);

        ChatRequest next = new ChatRequest("", List.of(Message.user("plan"), response.message(),
                new Message(Role.USER, List.of(new ContentBlock.ToolResult(call.id(), "42", false)))), List.of(), 100,
                null);
        JsonNode input = body(call("http://h/v1", "m", next)).get("input");

        List<String> sent = new ArrayList<>();
        input.forEach(i -> sent.add(i.get("type").asText()));
        assertThat(sent).containsExactly("message", "reasoning", "function_call", "function_call_output");
        assertThat(input.get(1).get("encrypted_content").asText()).isEqualTo(finalEncryptedContent(sse))
                .startsWith("gAAAA");
        assertThat(input.get(1).has("id")).as("nothing is stored, so no item ids").isFalse();
        assertThat(input.get(2).get("call_id").asText()).isEqualTo(call.id()).startsWith("call_");
        assertThat(input.get(3).get("call_id").asText()).isEqualTo(call.id());
    }

    /** The encrypted_content of the reasoning item as its output_item.done event gives it. */
    private static String finalEncryptedContent(byte[] sse) {
        for (String line : new String(sse, StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("data:") && line.contains("\"response.output_item.done\"")) {
                JsonNode item = Json.parse(line.substring(5)).get("item");
                if (item.get("type").asText().equals("reasoning")) {
                    return item.get("encrypted_content").asText();
                }
            }
        }
        throw new AssertionError("no reasoning item");
    }

    private static byte[] fixture(String path) throws IOException {
        try (InputStream in = ResponsesRequestEncoderTest.class.getResourceAsStream("/wire/" + path)) {
            return in.readAllBytes();
        }
    }
}
