package dev.reaper.providers.vertex;

import static dev.reaper.testing.Requests.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reaper.json.Json;
import dev.reaper.protocol.Cancellation;
import dev.reaper.protocol.Message;
import dev.reaper.providers.anthropic.AnthropicAdapter;
import dev.reaper.providers.gemini.GeminiAdapter;
import dev.reaper.router.ChatRequest;
import dev.reaper.router.ChatResponse;
import dev.reaper.router.HttpCall;
import dev.reaper.router.ProviderEndpoint;
import dev.reaper.router.ProviderException;
import dev.reaper.router.ResponseAssembler;
import dev.reaper.router.StreamListener;
import dev.reaper.router.Timeouts;
import dev.reaper.router.ToolSpec;
import dev.reaper.testing.GoogleTokenServer;
import dev.reaper.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Vertex AI requests for both model families, their bearer token, and responses read in either format. */
class VertexAdapterTest {

    @TempDir
    Path dir;

    final GoogleTokenServer google = new GoogleTokenServer();
    final VertexAdapter vertex = new VertexAdapter(new TestClock(), Duration.ofSeconds(10));

    static final ChatRequest REQUEST = new ChatRequest("You are Reaper.", List.of(Message.user("hi")),
            List.of(new ToolSpec("read", "Read a file",
                    "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}},\"required\":[\"path\"]}")),
            4096, "sess-1");

    @AfterEach
    void stop() {
        google.close();
    }

    ProviderEndpoint endpoint(String baseUrl, Map<String, String> options) {
        Map<String, String> all = new HashMap<>(options);
        all.putIfAbsent("credentials_file", google.writeKeyFile(dir).toString());
        return new ProviderEndpoint("vertex", "vertex", baseUrl, Optional.empty(), null, Map.of("x-team", "core"),
                Timeouts.DEFAULT, 3, all, Map.of());
    }

    @Test
    void geminiModelsStreamGenerateContentWithTheGeminiBody() {
        ProviderEndpoint e = endpoint("", Map.of("project", "my-project", "location", "us-central1"));

        HttpCall call = vertex.chatCall(e, "gemini-2.5-pro", REQUEST);

        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.url()).isEqualTo("https://us-central1-aiplatform.googleapis.com/v1/projects/my-project"
                + "/locations/us-central1/publishers/google/models/gemini-2.5-pro:streamGenerateContent?alt=sse");
        assertThat(call.headers()).isEqualTo(Map.of("accept", "text/event-stream", "x-team", "core"));
        assertThat(body(call)).isEqualTo(body(new GeminiAdapter().chatCall(e, "gemini-2.5-pro", REQUEST)));
        assertThat(body(call).path("tools").get(0).path("functionDeclarations").get(0).path("name").asText())
                .isEqualTo("read");
    }

    @Test
    void claudeModelsStreamRawPredictWithTheMessagesBodyLessItsModel() {
        ProviderEndpoint e = endpoint("", Map.of("project", "my-project", "location", "us-east5"));

        HttpCall call = vertex.chatCall(e, "claude-sonnet-4@20250514", REQUEST);

        assertThat(call.url()).isEqualTo("https://us-east5-aiplatform.googleapis.com/v1/projects/my-project"
                + "/locations/us-east5/publishers/anthropic/models/claude-sonnet-4@20250514:streamRawPredict");
        assertThat(call.headers()).isEqualTo(Map.of("accept", "text/event-stream", "x-team", "core"));
        ObjectNode expected = (ObjectNode) body(new AnthropicAdapter().chatCall(e, "claude-sonnet-4@20250514", REQUEST));
        expected.remove("model");
        expected.put("anthropic_version", "vertex-2023-10-16");
        assertThat(body(call)).isEqualTo(expected);
        assertThat(body(call).path("stream").asBoolean()).isTrue();
        assertThat(body(call).has("model")).isFalse();
    }

    @Test
    void theGlobalLocationIsTheDefaultAndHasNoRegionalHost() {
        HttpCall call = vertex.chatCall(endpoint("", Map.of("project", "p")), "gemini-2.5-flash", REQUEST);

        assertThat(call.url()).startsWith("https://aiplatform.googleapis.com/v1/projects/p/locations/global/publishers/google/");
    }

    @Test
    void aConfiguredBaseUrlReplacesTheHostAndTheProjectComesFromTheKeyFileWhenNotSet() {
        HttpCall call = vertex.chatCall(endpoint("http://127.0.0.1:1/", Map.of("location", "europe-west1")),
                "gemini-2.5-flash", REQUEST);

        assertThat(call.url()).isEqualTo("http://127.0.0.1:1/v1/projects/test-project/locations/europe-west1"
                + "/publishers/google/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
    }

    @Test
    void theBearerTokenComesFromTheKeyFileAndIsFetchedOnce() {
        ProviderEndpoint e = endpoint("", Map.of("project", "p"));

        Map<String, String> first = vertex.credentialHeaders(e, new Cancellation());
        Map<String, String> second = vertex.credentialHeaders(e, new Cancellation());

        assertThat(first).isEqualTo(Map.of("authorization", "Bearer ya29.test-token-1")).isEqualTo(second);
        assertThat(google.tokenRequests()).isEqualTo(1);
        assertThat(google.problems()).isEmpty();
    }

    @Test
    void missingSettingsAreFailuresSayingWhatToSet() {
        ProviderEndpoint bare = new ProviderEndpoint("vertex", "vertex", "", Optional.empty(), null, Map.of(),
                Timeouts.DEFAULT, 3, Map.of(), Map.of());
        assertThatThrownBy(() -> vertex.chatCall(bare, "gemini-2.5-pro", REQUEST))
                .isInstanceOfSatisfying(ProviderException.class, ex -> {
                    assertThat(ex.kind()).isEqualTo(ProviderException.Kind.AUTH);
                    assertThat(ex.getMessage()).contains("GOOGLE_APPLICATION_CREDENTIALS").contains("GOOGLE_CLOUD_PROJECT");
                });
        assertThatThrownBy(() -> vertex.credentialHeaders(bare, new Cancellation()))
                .isInstanceOfSatisfying(ProviderException.class,
                        ex -> assertThat(ex.kind()).isEqualTo(ProviderException.Kind.AUTH));
        assertThatThrownBy(() -> vertex.chatCall(endpoint("", Map.of("project", "p", "location", "us-central1/../x")),
                "gemini-2.5-pro", REQUEST))
                .isInstanceOfSatisfying(ProviderException.class, ex -> {
                    assertThat(ex.kind()).isEqualTo(ProviderException.Kind.CONFIG);
                    assertThat(ex.getMessage()).contains("is not a Google Cloud region");
                });
        ProviderEndpoint missingFile = endpoint("", Map.of("project", "p", "credentials_file", dir.resolve("no.json").toString()));
        assertThatThrownBy(() -> vertex.credentialHeaders(missingFile, new Cancellation()))
                .hasMessageContaining("no.json does not exist");
    }

    @Test
    void responsesAndErrorsAreReadInTheFormatTheyCameIn() {
        ChatResponse claude = decode("""
                {"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4","content":[{"type":"text","text":"Hello from Claude"}],
                 "stop_reason":"end_turn","usage":{"input_tokens":5,"output_tokens":3}}""");
        assertThat(claude.message().text()).isEqualTo("Hello from Claude");
        ChatResponse gemini = decode("""
                {"candidates":[{"content":{"role":"model","parts":[{"text":"Hello from Gemini"}]},"finishReason":"STOP"}],
                 "usageMetadata":{"promptTokenCount":5,"candidatesTokenCount":3}}""");
        assertThat(gemini.message().text()).isEqualTo("Hello from Gemini");

        ProviderException denied = vertex.error("vertex", 403, Map.of(), bytes("""
                {"error":{"code":403,"message":"Permission 'aiplatform.endpoints.predict' denied","status":"PERMISSION_DENIED"}}"""));
        assertThat(denied.kind()).isEqualTo(ProviderException.Kind.AUTH);
        assertThat(denied.getMessage()).contains("aiplatform.endpoints.predict");
        ProviderException overloaded = vertex.error("vertex", 529, Map.of(), bytes("""
                {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"""));
        assertThat(overloaded.kind()).isEqualTo(ProviderException.Kind.OVERLOADED);
        assertThat(vertex.error("vertex", 502, Map.of(), bytes("<html>Bad gateway</html>")).kind())
                .isEqualTo(ProviderException.Kind.SERVER);
    }

    private ChatResponse decode(String body) {
        ResponseAssembler asm = new ResponseAssembler("vertex", StreamListener.NONE);
        vertex.decodeBody(bytes(body), asm);
        return asm.finishStream();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
