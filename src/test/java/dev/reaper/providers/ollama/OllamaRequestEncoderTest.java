package dev.reaper.providers.ollama;

import static dev.reaper.testing.Requests.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reaper.json.Json;
import dev.reaper.protocol.ContentBlock;
import dev.reaper.protocol.Message;
import dev.reaper.protocol.Role;
import dev.reaper.router.ChatRequest;
import dev.reaper.router.HttpCall;
import dev.reaper.router.ProviderEndpoint;
import dev.reaper.router.Timeouts;
import dev.reaper.router.ToolSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OllamaRequestEncoderTest {

    private static final ProviderEndpoint LOCAL = new ProviderEndpoint("ollama", "ollama", "http://127.0.0.1:11434",
            Optional.empty(), null, Map.of(), Timeouts.DEFAULT, 3);

    private static HttpCall call(ChatRequest request) {
        return new OllamaAdapter().chatCall(LOCAL, "qwen3:8b", request);
    }

    @Test
    void writesAStreamedChatRequest() {
        ChatRequest request = new ChatRequest("Be brief.", List.of(Message.user("hi")),
                List.of(new ToolSpec("read", "Read", "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}}}")),
                256, null);

        HttpCall call = call(request);

        assertThat(call.url()).isEqualTo("http://127.0.0.1:11434/api/chat");
        assertThat(call.headers()).doesNotContainKey("authorization");
        assertThat(body(call)).isEqualTo(Json.parse("""
                {"model":"qwen3:8b","stream":true,
                 "messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"hi"}],
                 "tools":[{"type":"function","function":{"name":"read","description":"Read",
                   "parameters":{"type":"object","properties":{"path":{"type":"string"}}}}}],
                 "options":{"num_predict":256}}
                """));
    }

    @Test
    void toolCallsHaveObjectArgumentsAndToolMessagesCarryTheToolName() {
        ChatRequest request = new ChatRequest("", List.of(Message.user("go"),
                new Message(Role.ASSISTANT, List.of(new ContentBlock.Text("ok"),
                        new ContentBlock.ToolUse("call_1", "read", "{\"path\":\"a\"}"),
                        new ContentBlock.ToolUse("call_2", "list", "oops"))),
                new Message(Role.USER, List.of(new ContentBlock.Text("and"),
                        new ContentBlock.ToolResult("call_1", "A", false),
                        new ContentBlock.ToolResult("call_2", "B", true)))), List.of(), 100, null);

        assertThat(body(call(request)).get("messages")).isEqualTo(Json.parse("""
                [{"role":"user","content":"go"},
                 {"role":"assistant","content":"ok","tool_calls":[
                   {"function":{"name":"read","arguments":{"path":"a"}}},
                   {"function":{"name":"list","arguments":{}}}]},
                 {"role":"tool","tool_name":"read","content":"A"},
                 {"role":"tool","tool_name":"list","content":"B"},
                 {"role":"user","content":"and"}]
                """));
    }

    @Test
    void imagesAreABase64List() {
        ChatRequest request = new ChatRequest("", List.of(new Message(Role.USER, List.of(
                new ContentBlock.Text("what?"), new ContentBlock.Image("image/png", "AAA="),
                new ContentBlock.Image("image/jpeg", "BBB=")))), List.of(), 100, null);

        assertThat(body(call(request)).get("messages").get(0)).isEqualTo(Json.parse("""
                {"role":"user","content":"what?","images":["AAA=","BBB="]}
                """));
    }

    @Test
    void aKeyIsSentAsBearerWhenConfigured() {
        HttpCall call = new OllamaAdapter().chatCall(dev.reaper.testing.Requests.endpoint("ollama", "ollama",
                "https://ollama.example.com"), "m", new ChatRequest("", List.of(Message.user("x")), List.of(), 1, null));

        assertThat(call.headers()).containsEntry("authorization", "Bearer k-123456789");
    }
}
