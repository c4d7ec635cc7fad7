package dev.reaper.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.json.Json;
import dev.reaper.protocol.ContentBlock;
import dev.reaper.protocol.StopReason;
import dev.reaper.protocol.Usage;
import dev.reaper.providers.anthropic.AnthropicAdapter;
import dev.reaper.providers.bedrock.BedrockAdapter;
import dev.reaper.providers.gemini.GeminiAdapter;
import dev.reaper.providers.openai.AzureOpenAiAdapter;
import dev.reaper.providers.openai.ChatCompletionsAdapter;
import dev.reaper.providers.openai.ResponsesAdapter;
import dev.reaper.providers.vertex.VertexAdapter;
import dev.reaper.router.ChatResponse;
import dev.reaper.router.ProviderAdapter;
import dev.reaper.router.ProviderException;
import dev.reaper.router.ResponseAssembler;
import dev.reaper.router.StreamEvent;
import dev.reaper.router.wire.StreamDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every recorded Anthropic, Chat Completions (Azure's through the Azure adapter), Responses, Gemini and
 * Bedrock response decodes to its expected text, reasoning, tool calls, usage, finish and error, fed whole,
 * one byte at a time and in random reads; Vertex AI, which serves both Anthropic and Gemini streams, reads
 * them the same.
 */
class WireFixtureTest {

    private static final JsonNode EXPECTED = load("expected.json");

    /** Responses output items that are calls for the client to run; the rest are hosted tools' records. */
    private static final Set<String> RESPONSES_CLIENT_CALLS = Set.of("function_call", "custom_tool_call");

    @TestFactory
    Stream<DynamicTest> everyFixtureDecodesToItsExpectedResult() {
        List<DynamicTest> tests = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = EXPECTED.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            tests.add(DynamicTest.dynamicTest(e.getKey(), () -> check(e.getKey(), e.getValue())));
        }
        assertThat(tests).hasSizeGreaterThan(100);
        return tests.stream();
    }

    private static void check(String path, JsonNode expected) {
        byte[] body = bytes(path);
        ProviderAdapter adapter = adapterFor(path, expected.path("format").asText());
        boolean streaming = expected.path("streaming").asBoolean();
        Decoded whole = streaming ? stream(adapter, body, Integer.MAX_VALUE, null) : decodeBody(adapter, body);
        if (streaming) {
            Decoded oneByte = stream(adapter, body, 1, null);
            Decoded random = stream(adapter, body, 64, new Random(path.hashCode()));
            assertThat(oneByte.summary()).as("1-byte reads of " + path).isEqualTo(whole.summary());
            assertThat(random.summary()).as("random reads of " + path).isEqualTo(whole.summary());
        }
        if (path.equals("anthropic/spliced-message-start.sse")) {
            // expected.json records what naive parsers do; a strict client reports one error, no second message.
            assertThat(whole.response.error()).isNotNull();
            assertThat(whole.response.error().kind()).isEqualTo(ProviderException.Kind.MALFORMED_STREAM);
            assertThat(whole.calls).extracting(c -> c.id()).doesNotContain("toolu_second");
            return;
        }
        if (path.equals("openai/responses/parallel-tool-call-wrapper.1.sse")) {
            // its closing response.completed is not JSON: the call is kept, but the response never completed
            assertThat(whole.response.complete()).isFalse();
            assertThat(whole.response.stopReason()).isEqualTo(StopReason.INCOMPLETE);
        }
        if (path.equals("amazon-bedrock/amazon-bedrock-json-tool.1.eventstream")) {
            // the note: an SDK with a json response format shows the "json" tool's input as text. Reaper
            // asks for no such format, so a strict client keeps it a tool call and shows no text.
            assertThat(whole.response.message().text()).isEmpty();
            assertThat(whole.calls).singleElement().satisfies(c -> {
                assertThat(c.name()).isEqualTo("json");
                assertThat(Json.parse(c.argumentsJson())).isEqualTo(Json.parse("{\"value\":\"test\"}"));
            });
        }
        ChatResponse r = whole.response;
        assertThat(r.message().text()).as("text").isEqualTo(expected.path("final_text").asText());
        assertThat(reasoning(r)).as("reasoning").isEqualTo(expected.path("reasoning_text").asText(""));
        assertThat(whole.callSummaries()).as("tool calls")
                .isEqualTo(expectedCalls(expected.path("format").asText(), expected.path("tool_calls")));
        String finish = expected.path("finish").isNull() ? null : expected.path("finish").asText();
        assertThat(r.rawStopReason()).as("finish").isEqualTo(finish);
        JsonNode error = expected.path("error");
        if (error.isNull() || error.isMissingNode()) {
            assertThat(r.error()).as("error").isNull();
            assertThat(r.usage()).as("usage").isEqualTo(usage(expected.path("format").asText(), expected.path("usage")));
        } else {
            assertThat(r.error()).as("error").isNotNull();
            assertThat(r.error().getMessage()).contains(error.path("message").asText());
        }
    }

    /** Vertex AI streams Claude models in Anthropic's format and Gemini models in Gemini's: it reads both alike. */
    @TestFactory
    Stream<DynamicTest> vertexReadsEveryGeminiAndAnthropicStreamAsTheirOwnAdaptersDo() {
        List<DynamicTest> tests = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = EXPECTED.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String format = e.getValue().path("format").asText();
            if (!e.getValue().path("streaming").asBoolean() || !(format.equals("gemini") || format.equals("anthropic-messages"))) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(e.getKey(), () -> {
                byte[] body = bytes(e.getKey());
                ProviderAdapter ownAdapter = adapterFor(e.getKey(), format);
                String provider = providerOf(ownAdapter); // the same name, so generated call ids are told apart alike
                String own = stream(ownAdapter, provider, body, Integer.MAX_VALUE, null).summary();
                VertexAdapter vertex = new VertexAdapter();
                assertThat(stream(vertex, provider, body, Integer.MAX_VALUE, null).summary()).isEqualTo(own);
                assertThat(stream(vertex, provider, body, 1, null).summary()).as("1-byte reads").isEqualTo(own);
                assertThat(stream(vertex, provider, body, 64, new Random(e.getKey().hashCode())).summary())
                        .as("random reads").isEqualTo(own);
            }));
        }
        assertThat(tests).hasSizeGreaterThan(30);
        return tests.stream();
    }

    @Test
    void geminiQuotaErrorBodyIsARateLimitWithItsRetryDelay() {
        ProviderException e = new GeminiAdapter().error("google", 429, Map.of(), bytes("google/google-429-retry-info.json"));
        assertThat(e.kind()).isEqualTo(ProviderException.Kind.RATE_LIMIT);
        assertThat(e.retryAfter()).hasMillis(34_400);
        assertThat(e.getMessage()).contains("You exceeded your current quota");
    }

    @Test
    void openAiParameterErrorIsAnInvalidRequestNamingTheParameter() {
        ProviderException e = new ChatCompletionsAdapter().error("openai", 400, Map.of(),
                bytes("openai/chat/reasoning-model-legacy-parameter-error.json"));
        assertThat(e.kind()).isEqualTo(ProviderException.Kind.INVALID_REQUEST);
        assertThat(e.getMessage()).contains("max_completion_tokens").contains("unsupported_parameter");
    }

    @Test
    void responsesParameterErrorIsAnInvalidRequestNamingTheParameter() {
        ProviderException e = new ResponsesAdapter().error("openai", 400, Map.of(),
                bytes("openai/responses/reasoning-model-temperature-error.json"));
        assertThat(e.kind()).isEqualTo(ProviderException.Kind.INVALID_REQUEST);
        assertThat(e.getMessage()).contains("'temperature' is not supported").contains("invalid_request_error");
    }

    @Test
    void azureChatStreamsSkipThePromptFilterChunkAndKeepTheirUsage() {
        Decoded d = stream(new AzureOpenAiAdapter(), bytes("openai/chat/azure-model-router.1.sse"), 5, null);
        assertThat(d.response.message().text()).isEqualTo("Capital of Denmark.");
        assertThat(d.response.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(d.response.usage().reasoningTokens()).isEqualTo(64);
        assertThat(d.response.complete()).isTrue();
    }

    @Test
    void aStreamCutMidBlockEndsIncompleteWithItsTextKept() {
        byte[] body = bytes("anthropic/anthropic-text.sse");
        byte[] cut = java.util.Arrays.copyOf(body, body.length / 2);
        Decoded d = stream(new AnthropicAdapter(), cut, 7, null);
        assertThat(d.response.complete()).isFalse();
        assertThat(d.response.stopReason()).isEqualTo(StopReason.INCOMPLETE);
        assertThat(d.response.message().text()).isNotEmpty();
    }

    // --- helpers ---

    record Decoded(ChatResponse response, List<ContentBlock.ToolUse> calls) {
        String summary() {
            return response.message().text() + "|" + reasoning(response) + "|" + callSummaries() + "|"
                    + response.usage() + "|" + response.rawStopReason() + "|" + response.complete() + "|"
                    + (response.error() == null ? null : response.error().getMessage());
        }

        List<String> callSummaries() {
            List<String> out = new ArrayList<>();
            for (ContentBlock.ToolUse c : calls) {
                String id = c.id().startsWith("call_") && c.provider() != null && c.provider().equals("google")
                        ? null : c.id();
                out.add(id + " " + c.name() + " " + normalizeArgs(c.argumentsJson()));
            }
            return out;
        }
    }

    /**
     * The expected calls as {@code id name arguments}. Of a Responses stream, only the calls Reaper runs:
     * hosted tools' items (web searches, code interpreter, MCP, shell, ...) were run by the provider and must
     * not be reported as calls; custom tools' raw text input arrives as {@code {"input": text}}.
     */
    private static List<String> expectedCalls(String format, JsonNode calls) {
        List<String> out = new ArrayList<>();
        for (JsonNode c : calls) {
            String kind = c.path("kind").asText();
            if (format.equals("openai-responses") && !RESPONSES_CLIENT_CALLS.contains(kind)) {
                continue;
            }
            String id = c.path("id").isNull() ? null : c.path("id").asText();
            JsonNode args = c.path("arguments");
            String a;
            if (kind.equals("custom_tool_call")) {
                a = Json.object().put("input", args.asText()).toString();
            } else if (args.isNull()) {
                a = "{}";
            } else if (args.isTextual() && args.asText().startsWith("<<INVALID JSON>> ")) {
                a = "INVALID:" + args.asText().substring("<<INVALID JSON>> ".length());
            } else {
                a = args.toString();
            }
            out.add(id + " " + c.path("name").asText() + " " + a);
        }
        return out;
    }

    private static String normalizeArgs(String raw) {
        return Json.tryParse(raw).map(JsonNode::toString).orElse("INVALID:" + raw);
    }

    static String reasoning(ChatResponse r) {
        StringBuilder sb = new StringBuilder();
        for (ContentBlock b : r.message().content()) {
            if (b instanceof ContentBlock.Reasoning rb) {
                sb.append(rb.text());
            }
        }
        return sb.toString();
    }

    static Usage usage(String format, JsonNode u) {
        return switch (format) {
            case "anthropic-messages" -> new Usage(u.path("input_tokens").asLong(), u.path("output_tokens").asLong(),
                    u.path("cache_read_input_tokens").asLong(), u.path("cache_creation_input_tokens").asLong(), 0);
            case "openai-chat" -> {
                long cached = u.path("prompt_tokens_details").path("cached_tokens").asLong(
                        u.path("prompt_cache_hit_tokens").asLong());
                yield new Usage(u.path("prompt_tokens").asLong() - cached, u.path("completion_tokens").asLong(), cached, 0,
                        u.path("completion_tokens_details").path("reasoning_tokens").asLong());
            }
            case "openai-responses" -> {
                long cached = u.path("input_tokens_details.cached_tokens").asLong();
                yield new Usage(u.path("input_tokens").asLong() - cached, u.path("output_tokens").asLong(), cached, 0,
                        u.path("output_tokens_details.reasoning_tokens").asLong());
            }
            case "gemini" -> {
                if (!u.has("promptTokenCount")) {
                    yield Usage.ZERO;
                }
                long cached = u.path("cachedContentTokenCount").asLong();
                long thoughts = u.path("thoughtsTokenCount").asLong();
                yield new Usage(u.path("promptTokenCount").asLong() - cached,
                        u.path("candidatesTokenCount").asLong() + thoughts, cached, 0, thoughts);
            }
            case "bedrock-converse" -> new Usage(u.path("inputTokens").asLong(), u.path("outputTokens").asLong(),
                    u.path("cacheReadInputTokens").asLong(), u.path("cacheWriteInputTokens").asLong(), 0);
            default -> throw new IllegalArgumentException(format);
        };
    }

    static ProviderAdapter adapterFor(String path, String format) {
        return switch (format) {
            case "anthropic-messages" -> new AnthropicAdapter();
            case "openai-chat" -> path.startsWith("azure/") ? new AzureOpenAiAdapter() : new ChatCompletionsAdapter();
            case "openai-responses" -> new ResponsesAdapter();
            case "gemini" -> new GeminiAdapter();
            case "bedrock-converse" -> new BedrockAdapter();
            default -> throw new IllegalArgumentException(format);
        };
    }

    static Decoded stream(ProviderAdapter adapter, byte[] body, int maxRead, Random random) {
        return stream(adapter, providerOf(adapter), body, maxRead, random);
    }

    static Decoded stream(ProviderAdapter adapter, String provider, byte[] body, int maxRead, Random random) {
        List<ContentBlock.ToolUse> calls = new ArrayList<>();
        ResponseAssembler asm = new ResponseAssembler(provider, e -> {
            if (e instanceof StreamEvent.ToolCallCompleted c) {
                calls.add(c.call());
            }
        });
        StreamDecoder decoder = adapter.decoder(asm);
        int i = 0;
        while (i < body.length) {
            int n = random == null ? Math.min(maxRead, body.length - i)
                    : Math.min(1 + random.nextInt(maxRead), body.length - i);
            byte[] piece = java.util.Arrays.copyOfRange(body, i, i + n); // a fresh array: no reads past a chunk
            decoder.feed(piece, 0, n);
            i += n;
        }
        decoder.end();
        return new Decoded(asm.finishStream(), calls);
    }

    static Decoded decodeBody(ProviderAdapter adapter, byte[] body) {
        List<ContentBlock.ToolUse> calls = new ArrayList<>();
        ResponseAssembler asm = new ResponseAssembler(providerOf(adapter), e -> {
            if (e instanceof StreamEvent.ToolCallCompleted c) {
                calls.add(c.call());
            }
        });
        adapter.decodeBody(body, asm);
        return new Decoded(asm.finishStream(), calls);
    }

    private static String providerOf(ProviderAdapter adapter) {
        return adapter instanceof GeminiAdapter ? "google" : adapter.wireApi();
    }

    static byte[] bytes(String path) {
        try (InputStream in = WireFixtureTest.class.getResourceAsStream("/wire/" + path)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode load(String path) {
        return Json.parse(new String(bytes(path), java.nio.charset.StandardCharsets.UTF_8));
    }
}
