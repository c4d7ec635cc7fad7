package dev.reaper.providers.anthropic;

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

class AnthropicRequestEncoderTest {

    private static final List<ToolSpec> TOOLS = List.of(
            new ToolSpec("read", "Read a file", "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}},"
                    + "\"required\":[\"path\"],\"additionalProperties\":false}"),
            new ToolSpec("list", "List a directory", "{\"type\":\"object\",\"properties\":{}}"));

    private static HttpCall call(String provider, ChatRequest request) {
        return new AnthropicAdapter().chatCall(endpoint(provider, "anthropic", "http://x"), "claude-sonnet-4-5",
                request);
    }

    @Test
    void writesAStreamedMessagesRequestWithCacheBreakpoints() {
        ChatRequest request = new ChatRequest("You are Reaper.", List.of(Message.user("hi")), TOOLS, 4096, "sess-1");

        HttpCall call = call("anthropic", request);

        assertThat(call.url()).isEqualTo("http://x/v1/messages");
        assertThat(call.headers()).containsEntry("x-api-key", "k-123456789")
                .containsEntry("anthropic-version", "2023-06-01").containsEntry("accept", "text/event-stream");
        assertThat(body(call)).isEqualTo(Json.parse("""
                {"model":"claude-sonnet-4-5","max_tokens":4096,"stream":true,
                 "system":[{"type":"text","text":"You are Reaper.","cache_control":{"type":"ephemeral"}}],
                 "messages":[{"role":"user","content":[{"type":"text","text":"hi","cache_control":{"type":"ephemeral"}}]}],
                 "tools":[
                   {"name":"read","description":"Read a file","input_schema":{"type":"object",
                     "properties":{"path":{"type":"string"}},"required":["path"],"additionalProperties":false}},
                   {"name":"list","description":"List a directory","input_schema":{"type":"object","properties":{}},
                    "cache_control":{"type":"ephemeral"}}],
                 "metadata":{"user_id":"reaper-session-sess-1"}}
                """));
    }

    @Test
    void mapsToolCallsAndResults() {
        ChatRequest request = new ChatRequest("", List.of(
                Message.user("list files"),
                new Message(Role.ASSISTANT, List.of(new ContentBlock.Text("Looking."),
                        new ContentBlock.ToolUse("toolu_1", "list", "{\"path\":\".\"}"),
                        new ContentBlock.ToolUse("toolu_2", "read", "not json"))),
                new Message(Role.USER, List.of(new ContentBlock.ToolResult("toolu_1", "a.txt\n", false),
                        new ContentBlock.ToolResult("toolu_2", "", true)))), List.of(), 1000, null);

        JsonNode body = body(call("anthropic", request));

        assertThat(body.has("system")).isFalse();
        assertThat(body.has("tools")).isFalse();
        assertThat(body.has("metadata")).isFalse();
        assertThat(body.get("messages")).isEqualTo(Json.parse("""
                [{"role":"user","content":[{"type":"text","text":"list files"}]},
                 {"role":"assistant","content":[{"type":"text","text":"Looking."},
                   {"type":"tool_use","id":"toolu_1","name":"list","input":{"path":"."}},
                   {"type":"tool_use","id":"toolu_2","name":"read","input":{}}]},
                 {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"a.txt\\n"},
                   {"type":"tool_result","tool_use_id":"toolu_2","content":"(no output)","is_error":true,
                    "cache_control":{"type":"ephemeral"}}]}]
                """));
    }

    @Test
    void sendsSignedThinkingBackOnlyToTheProviderThatWroteIt() {
        Message assistant = new Message(Role.ASSISTANT, List.of(
                new ContentBlock.Reasoning("I should list.", "sig-1", null, "anthropic"),
                new ContentBlock.Reasoning("", null, "REDACTED==", "anthropic"),
                new ContentBlock.Reasoning("unsigned", null, null, "anthropic"),
                new ContentBlock.Reasoning("other thoughts", "sig-x", null, "openrouter"),
                new ContentBlock.Opaque("anthropic",
                        "{\"type\":\"server_tool_use\",\"id\":\"srv_1\",\"name\":\"web_search\",\"input\":{}}"),
                new ContentBlock.Opaque("google", "{\"text\":\"not for anthropic\"}"),
                new ContentBlock.Text("Done.")));
        ChatRequest request = new ChatRequest("", List.of(Message.user("go"), assistant, Message.user("next")),
                List.of(), 1000, null);

        JsonNode same = body(call("anthropic", request)).get("messages").get(1).get("content");
        JsonNode other = body(call("corp-anthropic", request)).get("messages").get(1).get("content");

        assertThat(same).isEqualTo(Json.parse("""
                [{"type":"thinking","thinking":"I should list.","signature":"sig-1"},
                 {"type":"redacted_thinking","data":"REDACTED=="},
                 {"type":"server_tool_use","id":"srv_1","name":"web_search","input":{}},
                 {"type":"text","text":"Done."}]
                """));
        assertThat(other).isEqualTo(Json.parse("[{\"type\":\"text\",\"text\":\"Done.\"}]"));
    }

    @Test
    void aThinkingBlockLastGetsNoCacheControl() {
        Message assistant = new Message(Role.ASSISTANT, List.of(
                new ContentBlock.Reasoning("thinking", "sig-1", null, "anthropic")));
        ChatRequest request = new ChatRequest("", List.of(Message.user("go"), assistant), List.of(), 1000, null);

        JsonNode last = body(call("anthropic", request)).get("messages").get(1).get("content").get(0);

        assertThat(last.has("cache_control")).isFalse();
    }

    @Test
    void sendsImagesAsBase64Sources() {
        ChatRequest request = new ChatRequest("", List.of(new Message(Role.USER, List.of(
                new ContentBlock.Image("image/png", "iVBORw0KGgo="), new ContentBlock.Text("what is this?")))),
                List.of(), 1000, null);

        assertThat(body(call("anthropic", request)).get("messages").get(0).get("content")).isEqualTo(Json.parse("""
                [{"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}},
                 {"type":"text","text":"what is this?","cache_control":{"type":"ephemeral"}}]
                """));
    }

    @Test
    void skipsEmptyTextAndMessagesLeftEmpty() {
        ChatRequest request = new ChatRequest("", List.of(Message.user("a"),
                new Message(Role.ASSISTANT, List.of(new ContentBlock.Text(""))), Message.user("b")), List.of(), 10, null);

        JsonNode messages = body(call("anthropic", request)).get("messages");

        assertThat(messages).hasSize(2);
        assertThat(messages).extracting(m -> m.get("role").asText()).containsExactly("user", "user");
    }
}
