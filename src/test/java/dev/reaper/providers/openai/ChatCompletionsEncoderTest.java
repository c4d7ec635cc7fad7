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
import dev.reaper.router.HttpCall;
import dev.reaper.router.ToolSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatCompletionsEncoderTest {

    private static HttpCall call(String baseUrl, ChatRequest request) {
        return new ChatCompletionsAdapter().chatCall(endpoint("openai", "openai-chat", baseUrl), "gpt-5", request);
    }

    private static final ChatRequest SIMPLE = new ChatRequest("Be brief.", List.of(Message.user("hi")),
            List.of(new ToolSpec("read", "Read a file",
                    "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}},\"required\":[\"path\"]}")),
            2048, "sess-1");

    @Test
    void theOfficialApiGetsMaxCompletionTokensAndACacheKey() {
        HttpCall call = call("https://api.openai.com/v1", SIMPLE);

        assertThat(call.url()).isEqualTo("https://api.openai.com/v1/chat/completions");
        assertThat(call.headers()).containsEntry("authorization", "Bearer k-123456789");
        assertThat(body(call)).isEqualTo(Json.parse("""
                {"model":"gpt-5","stream":true,"stream_options":{"include_usage":true},
                 "max_completion_tokens":2048,"prompt_cache_key":"reaper-sess-1",
                 "messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"hi"}],
                 "tools":[{"type":"function","function":{"name":"read","description":"Read a file",
                   "parameters":{"type":"object","properties":{"path":{"type":"string"}},"required":["path"]}}}]}
                """));
    }

    @Test
    void compatibleServersGetMaxTokens() {
        JsonNode body = body(call("http://localhost:8000/v1", SIMPLE));

        assertThat(body.get("max_tokens").asInt()).isEqualTo(2048);
        assertThat(body.has("max_completion_tokens")).isFalse();
        assertThat(body.has("prompt_cache_key")).isFalse();
    }

    @Test
    void toolResultsBecomeToolMessagesBeforeTheRestOfTheUserMessage() {
        ChatRequest request = new ChatRequest("", List.of(
                Message.user("read both"),
                new Message(Role.ASSISTANT, List.of(new ContentBlock.Text("Reading."),
                        new ContentBlock.ToolUse("call_1", "read", "{\"path\":\"a\"}"),
                        new ContentBlock.ToolUse("call_2", "read", "{\"path\":\"b\"}"))),
                new Message(Role.USER, List.of(new ContentBlock.Text("also, hurry"),
                        new ContentBlock.ToolResult("call_1", "A", false),
                        new ContentBlock.ToolResult("call_2", "", true)))), List.of(), 100, null);

        assertThat(body(call("http://h/v1", request)).get("messages")).isEqualTo(Json.parse("""
                [{"role":"user","content":"read both"},
                 {"role":"assistant","content":"Reading.","tool_calls":[
                   {"id":"call_1","type":"function","function":{"name":"read","arguments":"{\\"path\\":\\"a\\"}"}},
                   {"id":"call_2","type":"function","function":{"name":"read","arguments":"{\\"path\\":\\"b\\"}"}}]},
                 {"role":"tool","tool_call_id":"call_1","content":"A"},
                 {"role":"tool","tool_call_id":"call_2","content":"(no output)"},
                 {"role":"user","content":"also, hurry"}]
                """));
    }

    @Test
    void anAssistantMessageWithOnlyToolCallsHasNullContent() {
        ChatRequest request = new ChatRequest("", List.of(Message.user("go"),
                new Message(Role.ASSISTANT, List.of(new ContentBlock.ToolUse("c", "list", "{}"))),
                new Message(Role.USER, List.of(new ContentBlock.ToolResult("c", "x", false)))), List.of(), 100, null);

        JsonNode assistant = body(call("http://h/v1", request)).get("messages").get(1);

        assertThat(assistant.get("content").isNull()).isTrue();
        assertThat(assistant.get("tool_calls").get(0).get("function").get("arguments").asText()).isEqualTo("{}");
    }

    @Test
    void imagesAreDataUrls() {
        ChatRequest request = new ChatRequest("", List.of(new Message(Role.USER, List.of(
                new ContentBlock.Text("what is this?"), new ContentBlock.Image("image/jpeg", "/9j/4AAQ")))),
                List.of(), 100, null);

        assertThat(body(call("http://h/v1", request)).get("messages").get(0)).isEqualTo(Json.parse("""
                {"role":"user","content":[{"type":"text","text":"what is this?"},
                  {"type":"image_url","image_url":{"url":"data:image/jpeg;base64,/9j/4AAQ"}}]}
                """));
    }

    @Test
    void reasoningAndOpaqueBlocksAreNotSent() {
        ChatRequest request = new ChatRequest("", List.of(Message.user("q"),
                new Message(Role.ASSISTANT, List.of(new ContentBlock.Reasoning("hmm", "sig", null, "openai"),
                        new ContentBlock.Opaque("openai", "{}"), new ContentBlock.Text("answer")))), List.of(), 100, null);

        assertThat(body(call("http://h/v1", request)).get("messages").get(1))
                .isEqualTo(Json.parse("{\"role\":\"assistant\",\"content\":\"answer\"}"));
    }
}
