package dev.reaper.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.protocol.Cancellation;
import dev.reaper.protocol.ContentBlock;
import dev.reaper.protocol.Message;
import dev.reaper.protocol.Role;
import dev.reaper.protocol.StopReason;
import dev.reaper.providers.openai.AzureOpenAiAdapter;
import dev.reaper.providers.openai.ResponsesAdapter;
import dev.reaper.secret.Secret;
import dev.reaper.testing.FakeProvider;
import dev.reaper.testing.Step;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Responses and Azure adapters through the real HTTP client against the loopback provider: the
 * requests they send, the streams they read, and the reasoning a Responses turn hands to the next.
 */
class OpenAiFamilyRouterTest {

    private static final String AZURE_KEY = "azure-test-key-0001";

    FakeProvider fake;

    @BeforeEach
    void start() {
        fake = FakeProvider.start();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private Router router() {
        Timeouts timeouts = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5));
        Map<String, ProviderEndpoint> endpoints = Map.of(
                "openai", new ProviderEndpoint("openai", "openai-responses", fake.baseUrl() + "/v1",
                        Optional.of(Secret.of("sk-test-responses-0001")), "OPENAI_API_KEY", Map.of(), timeouts, 0),
                "azure", new ProviderEndpoint("azure", "azure-openai", fake.baseUrl(),
                        Optional.of(Secret.of(AZURE_KEY)), "AZURE_OPENAI_API_KEY", Map.of(), timeouts, 0,
                        Map.of("api_version", "2025-04-01-preview"), Map.of()),
                "azure-v1", new ProviderEndpoint("azure-v1", "azure-openai-responses", fake.baseUrl() + "/openai/v1",
                        Optional.of(Secret.of(AZURE_KEY)), "AZURE_OPENAI_API_KEY", Map.of(), timeouts, 0));
        ProviderDirectory dir = new ProviderDirectory() {
            @Override
            public Optional<ProviderEndpoint> find(String name) {
                return Optional.ofNullable(endpoints.get(name));
            }

            @Override
            public List<ProviderEndpoint> all() {
                return List.copyOf(endpoints.values());
            }

            @Override
            public String setupHint(String name) {
                return "configure " + name;
            }
        };
        Map<String, ProviderAdapter> adapters = Map.of("openai-responses", new ResponsesAdapter(),
                "azure-openai", new AzureOpenAiAdapter(), "azure-openai-responses", ResponsesAdapter.azure());
        return new Router(adapters, dir, new HttpProviderClient(), ModelCatalog.load(Map.of()), RetryPolicy.DEFAULT,
                (d, c) -> true, RandomGenerator.getDefault());
    }

    private ChatResponse chat(String model, List<Message> messages) {
        ChatRequest request = new ChatRequest("Be brief.", messages, List.of(new ToolSpec("read", "Read a file",
                "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}}}")), 1024, "s1");
        return router().chat(List.of(ModelRef.parse(model)), request, StreamListener.NONE, BudgetGuard.unlimited(),
                RouterObserver.NONE, new Cancellation()).response();
    }

    @Test
    void aResponsesToolTurnSendsItsEncryptedReasoningAndResultBack() {
        fake.conversation(Step.call("read", "{\"path\":\"a.txt\"}"), Step.text("It says hello."));

        ChatResponse first = chat("openai/gpt-5", List.of(Message.user("what is in a.txt?")));
        assertThat(first.stopReason()).isEqualTo(StopReason.TOOL_USE);
        ContentBlock.ToolUse call = first.message().toolUses().get(0);
        assertThat(call.argumentsJson()).isEqualTo("{\"path\":\"a.txt\"}");
        assertThat(first.message().content().get(0)).isInstanceOfSatisfying(ContentBlock.Reasoning.class,
                r -> assertThat(r.text()).isEqualTo("Thinking."));
        assertThat(first.usage().outputTokens()).isPositive();

        ChatResponse second = chat("openai/gpt-5", List.of(Message.user("what is in a.txt?"), first.message(),
                new Message(Role.USER, List.of(new ContentBlock.ToolResult(call.id(), "hello", false)))));
        assertThat(second.message().text()).isEqualTo("It says hello.");
        assertThat(second.stopReason()).isEqualTo(StopReason.END_TURN);

        assertThat(fake.violations()).isEmpty();
        List<FakeProvider.Recorded> requests = fake.chatRequests();
        assertThat(requests).extracting(FakeProvider.Recorded::path).containsOnly("/v1/responses");
        assertThat(requests.get(0).headers()).containsEntry("authorization", "Bearer sk-test-responses-0001");
        JsonNode input = requests.get(1).json().get("input");
        assertThat(input.get(1).get("type").asText()).isEqualTo("reasoning");
        assertThat(input.get(1).get("encrypted_content").asText()).isEqualTo("gAAAAB-fake-encrypted-reasoning==");
        assertThat(input.get(3).get("call_id").asText()).isEqualTo(call.id());
        assertThat(input.get(3).get("output").asText()).isEqualTo("hello");
    }

    @Test
    void azureChatGoesToTheDeploymentWithTheKeyInItsHeader() {
        fake.conversation(Step.text("Hello from Azure."));

        ChatResponse r = chat("azure/team-gpt", List.of(Message.user("hi")));

        assertThat(r.message().text()).isEqualTo("Hello from Azure.");
        FakeProvider.Recorded request = fake.chatRequests().get(0);
        assertThat(request.path())
                .isEqualTo("/openai/deployments/team-gpt/chat/completions?api-version=2025-04-01-preview");
        assertThat(request.headers()).containsEntry("api-key", AZURE_KEY).doesNotContainKey("authorization");
        assertThat(request.json().get("max_completion_tokens").asInt()).isEqualTo(1024);
    }

    @Test
    void azureResponsesGoToTheV1Api() {
        fake.conversation(Step.text("Hello from v1."));

        assertThat(chat("azure-v1/team-gpt", List.of(Message.user("hi"))).message().text()).isEqualTo("Hello from v1.");
        FakeProvider.Recorded request = fake.chatRequests().get(0);
        assertThat(request.path()).isEqualTo("/openai/v1/responses");
        assertThat(request.headers()).containsEntry("api-key", AZURE_KEY);
        assertThat(request.json().get("model").asText()).isEqualTo("team-gpt");
    }

    @Test
    void aResponsesHttpErrorIsTypedAndKeepsNoSecret() {
        fake.enqueue(Step.error(401, "{\"error\":{\"message\":\"Incorrect API key provided: sk-test-***0001.\","
                + "\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}", Map.of()));

        assertThatThrownBy(() -> chat("openai/gpt-5", List.of(Message.user("hi"))))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderException.Kind.AUTH);
                    assertThat(e.getMessage()).contains("invalid_api_key").doesNotContain("sk-test-responses-0001");
                });
    }
}
