package dev.reaper.providers.gemini;

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
import dev.reaper.tools.ToolResources;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeminiRequestEncoderTest {

    private static HttpCall call(String provider, ChatRequest request) {
        return new GeminiAdapter().chatCall(endpoint(provider, "gemini", "http://x"), "gemini-2.5-pro", request);
    }

    @Test
    void writesAStreamedGenerateContentRequest() {
        ChatRequest request = new ChatRequest("You are Reaper.", List.of(Message.user("hi")), List.of(), 512, null);

        HttpCall call = call("google", request);

        assertThat(call.url()).isEqualTo("http://x/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse");
        assertThat(call.headers()).containsEntry("x-goog-api-key", "k-123456789");
        assertThat(body(call)).isEqualTo(Json.parse("""
                {"systemInstruction":{"parts":[{"text":"You are Reaper."}]},
                 "contents":[{"role":"user","parts":[{"text":"hi"}]}],
                 "generationConfig":{"maxOutputTokens":512}}
                """));
    }

    @Test
    void aFunctionResponseCarriesTheNameOfItsCall() {
        ChatRequest request = new ChatRequest("", List.of(Message.user("go"),
                new Message(Role.ASSISTANT, List.of(
                        new ContentBlock.ToolUse("c1", "read", "{\"path\":\"a\"}", "sig-1", "google"),
                        new ContentBlock.ToolUse("c2", "bash", "{\"command\":\"ls\"}"))),
                new Message(Role.USER, List.of(new ContentBlock.ToolResult("c2", "boom", true),
                        new ContentBlock.ToolResult("c1", "A", false)))), List.of(), 100, null);

        assertThat(body(call("google", request)).get("contents")).isEqualTo(Json.parse("""
                [{"role":"user","parts":[{"text":"go"}]},
                 {"role":"model","parts":[
                   {"functionCall":{"name":"read","args":{"path":"a"}},"thoughtSignature":"sig-1"},
                   {"functionCall":{"name":"bash","args":{"command":"ls"}}}]},
                 {"role":"user","parts":[
                   {"functionResponse":{"name":"bash","response":{"error":"boom"}}},
                   {"functionResponse":{"name":"read","response":{"content":"A"}}}]}]
                """));
    }

    @Test
    void thoughtSignaturesGoOnlyToTheProviderThatMadeThem() {
        ChatRequest request = new ChatRequest("", List.of(Message.user("go"),
                new Message(Role.ASSISTANT, List.of(
                        new ContentBlock.Reasoning("", "thought-sig", null, "google"),
                        new ContentBlock.ToolUse("c1", "read", "{}", "sig-1", "google"),
                        new ContentBlock.Opaque("google", "{\"executableCode\":{\"code\":\"1\"}}")))),
                List.of(), 100, null);

        JsonNode same = body(call("google", request)).get("contents").get(1).get("parts");
        JsonNode other = body(call("vertex", request)).get("contents").get(1).get("parts");

        assertThat(same).isEqualTo(Json.parse("""
                [{"text":"","thoughtSignature":"thought-sig"},
                 {"functionCall":{"name":"read","args":{}},"thoughtSignature":"sig-1"},
                 {"executableCode":{"code":"1"}}]
                """));
        assertThat(other).isEqualTo(Json.parse("[{\"functionCall\":{\"name\":\"read\",\"args\":{}}}]"));
    }

    @Test
    void schemaKeywordsGeminiRejectsAreRemovedAtEveryDepth() {
        String schema = """
                {"$schema":"http://json-schema.org/draft-07/schema#","type":"object","additionalProperties":false,
                 "properties":{
                   "edits":{"type":"array","items":{"type":"object","additionalProperties":false,"default":{},
                      "properties":{"old":{"type":"string","description":"text","examples":["x"]}},"required":["old"]}},
                   "mode":{"type":"string","enum":["a","b"],"const":"a"}},
                 "required":["edits"]}
                """;
        ChatRequest request = new ChatRequest("", List.of(Message.user("x")),
                List.of(new ToolSpec("patch", "Patch", schema)), 100, null);

        JsonNode decl = body(call("google", request)).get("tools").get(0).get("functionDeclarations").get(0);

        assertThat(decl).isEqualTo(Json.parse("""
                {"name":"patch","description":"Patch","parameters":{"type":"object",
                  "properties":{
                    "edits":{"type":"array","items":{"type":"object",
                       "properties":{"old":{"type":"string","description":"text"}},"required":["old"]}},
                    "mode":{"type":"string","enum":["a","b"]}},
                  "required":["edits"]}}
                """));
    }

    @Test
    void aTypeListWithNullBecomesOneTypeThatIsNullable() {
        String schema = "{\"type\":\"object\",\"properties\":{\"note\":{\"type\":[\"string\",\"null\"]}}}";
        ChatRequest request = new ChatRequest("", List.of(Message.user("x")),
                List.of(new ToolSpec("t", "T", schema)), 100, null);

        JsonNode note = body(call("google", request)).get("tools").get(0).get("functionDeclarations").get(0)
                .get("parameters").get("properties").get("note");

        assertThat(note).isEqualTo(Json.parse("{\"type\":\"string\",\"nullable\":true}"));
    }

    @Test
    void aToolWithoutArgumentsHasNoParameters() {
        ChatRequest request = new ChatRequest("", List.of(Message.user("x")), List.of(
                new ToolSpec("list", "List", ToolResources.schema("list")),
                new ToolSpec("now", "Time", "{\"type\":\"object\",\"properties\":{},\"additionalProperties\":false}")),
                100, null);

        JsonNode decls = body(call("google", request)).get("tools").get(0).get("functionDeclarations");

        assertThat(decls.get(0).has("parameters")).isTrue();
        assertThat(decls.get(1)).isEqualTo(Json.parse("{\"name\":\"now\",\"description\":\"Time\"}"));
    }

    @Test
    void imagesAreInlineData() {
        ChatRequest request = new ChatRequest("", List.of(new Message(Role.USER, List.of(
                new ContentBlock.Image("image/png", "iVBORw0KGgo="), new ContentBlock.Text("this?")))), List.of(), 1, null);

        assertThat(body(call("google", request)).get("contents").get(0).get("parts")).isEqualTo(Json.parse("""
                [{"inlineData":{"mimeType":"image/png","data":"iVBORw0KGgo="}},{"text":"this?"}]
                """));
    }
}
