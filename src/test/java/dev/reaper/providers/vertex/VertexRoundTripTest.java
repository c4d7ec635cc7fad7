package dev.reaper.providers.vertex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import dev.reaper.json.Json;
import dev.reaper.protocol.Cancellation;
import dev.reaper.protocol.Message;
import dev.reaper.router.BudgetGuard;
import dev.reaper.router.ChatRequest;
import dev.reaper.router.HttpProviderClient;
import dev.reaper.router.ModelCatalog;
import dev.reaper.router.ModelRef;
import dev.reaper.router.ProviderDirectory;
import dev.reaper.router.ProviderEndpoint;
import dev.reaper.router.ProviderException;
import dev.reaper.router.RetryPolicy;
import dev.reaper.router.Router;
import dev.reaper.router.RouterObserver;
import dev.reaper.router.StreamListener;
import dev.reaper.router.Timeouts;
import dev.reaper.testing.GoogleTokenServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Vertex AI end to end through the router and the real HTTP client, against one loopback server that is
 * both Google's token endpoint and Vertex AI, streaming recorded Gemini and Claude responses.
 */
class VertexRoundTripTest {

    static final String MODELS = "/v1/projects/test-project/locations/us-central1/publishers/";

    @TempDir
    Path dir;

    final GoogleTokenServer google = new GoogleTokenServer();
    final List<String> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void serveRecordedStreams() {
        google.on(MODELS + "google/models/gemini-2.5-flash:streamGenerateContent", ex -> stream(ex, "google/google-text.sse"));
        google.on(MODELS + "anthropic/models/claude-sonnet-4@20250514:streamRawPredict",
                ex -> stream(ex, "anthropic/anthropic-text.sse"));
    }

    @AfterEach
    void stop() {
        google.close();
    }

    private void stream(HttpExchange ex, String fixture) throws IOException {
        seen.add(ex.getRequestURI() + " " + ex.getRequestHeaders().getFirst("authorization") + " "
                + Json.parse(new String(ex.getRequestBody().readAllBytes())).has("anthropic_version"));
        ex.getResponseHeaders().set("content-type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        try (InputStream in = getClass().getResourceAsStream("/wire/" + fixture); OutputStream out = ex.getResponseBody()) {
            in.transferTo(out);
        }
    }

    Router router() {
        ProviderEndpoint vertex = new ProviderEndpoint("vertex", "vertex", google.baseUrl(), Optional.empty(), null,
                Map.of(), new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5)), 0,
                Map.of("credentials_file", google.writeKeyFile(dir).toString(), "location", "us-central1"), Map.of());
        ProviderDirectory providers = new ProviderDirectory() {
            @Override
            public Optional<ProviderEndpoint> find(String name) {
                return name.equals("vertex") ? Optional.of(vertex) : Optional.empty();
            }

            @Override
            public List<ProviderEndpoint> all() {
                return List.of(vertex);
            }

            @Override
            public String setupHint(String name) {
                return "check GOOGLE_APPLICATION_CREDENTIALS";
            }
        };
        return new Router(Map.of("vertex", new VertexAdapter()), providers, new HttpProviderClient(),
                ModelCatalog.load(Map.of()), RetryPolicy.DEFAULT, (d, c) -> true, RandomGenerator.getDefault());
    }

    String chat(Router router, String model) {
        return router.chat(List.of(ModelRef.parse(model)), new ChatRequest("", List.of(Message.user("hi")), List.of(),
                256, null), StreamListener.NONE, BudgetGuard.unlimited(), RouterObserver.NONE, new Cancellation())
                .response().message().text();
    }

    @Test
    void geminiAndClaudeModelsAnswerWithOneBearerTokenBetweenThem() {
        Router router = router();

        assertThat(chat(router, "vertex/gemini-2.5-flash")).isEqualTo("There are **3** \"r\"s in strawberry.\n\nst**r**awbe**rr**y");
        assertThat(chat(router, "vertex/claude-sonnet-4@20250514")).startsWith("Hello! I'm doing well");

        assertThat(seen).containsExactly(
                MODELS + "google/models/gemini-2.5-flash:streamGenerateContent?alt=sse Bearer ya29.test-token-1 false",
                MODELS + "anthropic/models/claude-sonnet-4@20250514:streamRawPredict Bearer ya29.test-token-1 true");
        assertThat(google.tokenRequests()).isEqualTo(1);
        assertThat(google.problems()).isEmpty();
    }

    @Test
    void aRefusedKeyStopsTheRequestWithAnAuthFailureAndTheSetupHint() {
        google.refuse();

        assertThatThrownBy(() -> chat(router(), "vertex/gemini-2.5-flash"))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderException.Kind.AUTH);
                    assertThat(e.getMessage()).contains("refused the service-account key")
                            .endsWith("(check GOOGLE_APPLICATION_CREDENTIALS)");
                });
        assertThat(seen).as("nothing sent without a token").isEmpty();
    }
}
