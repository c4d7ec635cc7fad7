package dev.reaper.providers.openai;

import static dev.reaper.testing.Requests.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.protocol.Message;
import dev.reaper.protocol.StopReason;
import dev.reaper.router.ChatRequest;
import dev.reaper.router.ChatResponse;
import dev.reaper.router.HttpCall;
import dev.reaper.router.ProviderEndpoint;
import dev.reaper.router.ProviderException;
import dev.reaper.router.ResponseAssembler;
import dev.reaper.router.StreamListener;
import dev.reaper.router.Timeouts;
import dev.reaper.router.wire.StreamDecoder;
import dev.reaper.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AzureOpenAiAdapterTest {

    private static final String KEY = "azure-key-0123456789abcdef";
    private static final ChatRequest REQUEST = new ChatRequest("Be brief.", List.of(Message.user("hi")), List.of(),
            512, "sess-1");

    private static ProviderEndpoint azure(String endpoint, Map<String, String> options) {
        return new ProviderEndpoint("azure", "azure-openai", endpoint, Optional.of(Secret.of(KEY)),
                "AZURE_OPENAI_API_KEY", Map.of(), Timeouts.DEFAULT, 3, options, Map.of());
    }

    @Test
    void chatGoesToTheDeploymentWithTheKeyInAnApiKeyHeader() {
        HttpCall call = new AzureOpenAiAdapter().chatCall(azure("https://res.openai.azure.com/", Map.of()),
                "my-gpt5", REQUEST);

        assertThat(call.url()).isEqualTo(
                "https://res.openai.azure.com/openai/deployments/my-gpt5/chat/completions?api-version=2024-10-21");
        assertThat(call.headers()).containsEntry("api-key", KEY).doesNotContainKey("authorization");
        assertThat(call.url()).doesNotContain(KEY);
        assertThat(call.toString()).doesNotContain(KEY);
        JsonNode body = body(call);
        assertThat(body.get("max_completion_tokens").asInt()).isEqualTo(512);
        assertThat(body.has("max_tokens")).isFalse();
        assertThat(body.has("prompt_cache_key")).isFalse();
        assertThat(body.get("messages").get(0).get("content").asText()).isEqualTo("Be brief.");
    }

    @Test
    void theConfiguredApiVersionAndAnEndpointGivenWithItsOpenaiPathAreUsed() {
        HttpCall call = new AzureOpenAiAdapter().chatCall(
                azure("https://res.openai.azure.com/openai", Map.of("api_version", "2025-04-01-preview")),
                "team gpt", REQUEST);

        assertThat(call.url()).isEqualTo("https://res.openai.azure.com/openai/deployments/team%20gpt/chat/completions"
                + "?api-version=2025-04-01-preview");
    }

    @Test
    void responsesGoToTheV1Api() {
        HttpCall call = ResponsesAdapter.azure().chatCall(azure("https://res.openai.azure.com/openai/v1", Map.of()),
                "my-gpt5", REQUEST);

        assertThat(call.url()).isEqualTo("https://res.openai.azure.com/openai/v1/responses");
        assertThat(call.headers()).containsEntry("api-key", KEY).doesNotContainKey("authorization");
        JsonNode body = body(call);
        assertThat(body.get("model").asText()).isEqualTo("my-gpt5");
        assertThat(body.get("store").asBoolean()).isFalse();
        assertThat(body.has("prompt_cache_key")).isFalse();
        assertThat(ResponsesAdapter.azure().wireApi()).isEqualTo("azure-openai-responses");
    }

    @Test
    void aMissingEndpointSaysWhichVariableToSet() {
        ProviderEndpoint none = azure("", Map.of());

        for (Runnable r : List.<Runnable>of(() -> new AzureOpenAiAdapter().chatCall(none, "d", REQUEST),
                () -> new AzureOpenAiAdapter().modelsCall(none),
                () -> ResponsesAdapter.azure().chatCall(none, "d", REQUEST))) {
            assertThatThrownBy(r::run).isInstanceOfSatisfying(ProviderException.class, e -> {
                assertThat(e.kind()).isEqualTo(ProviderException.Kind.CONFIG);
                assertThat(e.getMessage()).contains("set AZURE_OPENAI_ENDPOINT").doesNotContain(KEY);
            });
        }
    }

    @Test
    void theModelListProbesTheResourceButListsNoDeployments() {
        ProviderEndpoint endpoint = azure("https://res.openai.azure.com", Map.of());
        HttpCall call = new AzureOpenAiAdapter().modelsCall(endpoint);

        assertThat(call.url()).isEqualTo("https://res.openai.azure.com/openai/models?api-version=2024-10-21");
        assertThat(call.headers()).containsEntry("api-key", KEY);
        byte[] list = "{\"data\":[{\"id\":\"gpt-4o\"}]}".getBytes(StandardCharsets.UTF_8);
        assertThat(new AzureOpenAiAdapter().parseModels(list)).isEmpty();
        assertThat(ResponsesAdapter.azure().modelsCall(endpoint).url())
                .isEqualTo("https://res.openai.azure.com/openai/v1/models");
    }

    @Test
    void aFilteredCompletionStopsForTheContentFilterWithItsTextSoFar() {
        String sse = """
                data: {"choices":[],"created":0,"id":"","model":"","object":"","prompt_filter_results":[{"prompt_index":0,"content_filter_results":{"hate":{"filtered":false,"severity":"safe"}}}]}

                data: {"choices":[{"content_filter_results":{},"delta":{"content":"","role":"assistant"},"finish_reason":null,"index":0}],"id":"c1","model":"gpt-4o","object":"chat.completion.chunk"}

                data: {"choices":[{"content_filter_results":{"violence":{"filtered":false,"severity":"low"}},"delta":{"content":"The battle"},"finish_reason":null,"index":0}],"id":"c1","model":"gpt-4o","object":"chat.completion.chunk"}

                data: {"choices":[{"content_filter_results":{"violence":{"filtered":true,"severity":"high"}},"delta":{},"finish_reason":"content_filter","index":0}],"id":"c1","model":"gpt-4o","object":"chat.completion.chunk"}

                data: [DONE]

                """;
        ResponseAssembler assembler = new ResponseAssembler("azure", StreamListener.NONE);
        StreamDecoder decoder = new AzureOpenAiAdapter().decoder(assembler);
        decoder.feed(sse.getBytes(StandardCharsets.UTF_8));
        decoder.end();
        ChatResponse r = assembler.finishStream();

        assertThat(r.message().text()).isEqualTo("The battle");
        assertThat(r.stopReason()).isEqualTo(StopReason.CONTENT_FILTER);
        assertThat(r.rawStopReason()).isEqualTo("content_filter");
        assertThat(r.error()).isNull();
    }

    @Test
    void aFilteredPromptIsAContentPolicyErrorNamingTheCategories() {
        String body = """
                {"error":{"message":"The response was filtered due to the prompt triggering Azure OpenAI's content \
                management policy.","type":null,"param":"prompt","code":"content_filter","status":400,
                "innererror":{"code":"ResponsibleAIPolicyViolation","content_filter_result":{
                "hate":{"filtered":false,"severity":"safe"},"jailbreak":{"filtered":true,"detected":true},
                "violence":{"filtered":true,"severity":"medium"}}}}}
                """;
        ProviderException e = new AzureOpenAiAdapter().error("azure", 400, Map.of(),
                body.getBytes(StandardCharsets.UTF_8));

        assertThat(e.kind()).isEqualTo(ProviderException.Kind.CONTENT_POLICY);
        assertThat(e.getMessage()).isEqualTo("azure returned HTTP 400 (content_filter): The response was filtered due"
                + " to the prompt triggering Azure OpenAI's content management policy. [filtered: jailbreak,"
                + " violence (medium)]");
    }
}
