package dev.reaper.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.json.Json;
import dev.reaper.router.ChatRequest;
import dev.reaper.router.HttpCall;
import dev.reaper.router.ProviderAdapter;
import dev.reaper.router.ProviderEndpoint;
import dev.reaper.router.ProviderException;
import dev.reaper.router.ResponseAssembler;
import dev.reaper.router.wire.SseDecoder;
import dev.reaper.router.wire.StreamDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenAI Chat Completions ({@code POST {base}/chat/completions}, streamed), for OpenAI itself and any
 * compatible endpoint (vLLM, llama.cpp, LM Studio, OpenRouter, DeepSeek, xAI, Groq, Mistral, ...).
 * The base URL includes the version path ({@code https://api.openai.com/v1}).
 */
public final class ChatCompletionsAdapter implements ProviderAdapter {

    public static final String WIRE_API = "openai-chat";

    @Override
    public String wireApi() {
        return WIRE_API;
    }

    @Override
    public HttpCall chatCall(ProviderEndpoint endpoint, String model, ChatRequest request) {
        Map<String, String> headers = bearerHeaders(endpoint);
        headers.put("accept", "text/event-stream");
        ChatCompletionsEncoder.Dialect dialect = isOfficial(endpoint) ? ChatCompletionsEncoder.Dialect.OPENAI
                : ChatCompletionsEncoder.Dialect.COMPATIBLE;
        return HttpCall.postJson(endpoint.baseUrl() + "/chat/completions", headers,
                ChatCompletionsEncoder.encode(model, request, dialect));
    }

    /**
     * Mistral's fill-in-the-middle completions ({@code POST {base}/fim/completions}), streamed as chat
     * completion chunks: for the {@code mistral} provider, any endpoint at mistral.ai (Codestral's own), or
     * one configured with {@code fim = "true"}.
     */
    @Override
    public java.util.Optional<HttpCall> fimCall(ProviderEndpoint endpoint, String model, dev.reaper.router.FimRequest request) {
        boolean mistral = endpoint.name().equals("mistral") || endpoint.baseUrl().contains(".mistral.ai")
                || endpoint.option("fim").filter("true"::equals).isPresent();
        if (!mistral) {
            return java.util.Optional.empty();
        }
        Map<String, String> headers = bearerHeaders(endpoint);
        headers.put("accept", "text/event-stream");
        com.fasterxml.jackson.databind.node.ObjectNode body = Json.object();
        body.put("model", model);
        body.put("prompt", request.prefix());
        body.put("suffix", request.suffix());
        body.put("max_tokens", request.maxTokens());
        body.put("temperature", 0);
        body.put("stream", true);
        return java.util.Optional.of(HttpCall.postJson(endpoint.baseUrl() + "/fim/completions", headers,
                Json.write(body).getBytes(StandardCharsets.UTF_8)));
    }

    /** OpenAI's embeddings ({@code POST {base}/embeddings}), which compatible servers mostly share. */
    @Override
    public java.util.Optional<HttpCall> embedCall(ProviderEndpoint endpoint, String model, List<String> inputs) {
        com.fasterxml.jackson.databind.node.ObjectNode body = Json.object();
        body.put("model", model);
        inputs.forEach(body.putArray("input")::add);
        return java.util.Optional.of(HttpCall.postJson(endpoint.baseUrl() + "/embeddings", bearerHeaders(endpoint),
                Json.write(body).getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public List<float[]> parseEmbeddings(byte[] body) {
        List<float[]> out = new ArrayList<>();
        for (JsonNode d : Json.parse(new String(body, StandardCharsets.UTF_8)).path("data")) {
            out.add(vector(d.path("embedding")));
        }
        return out;
    }

    /** A JSON array of numbers as a vector. */
    public static float[] vector(JsonNode array) {
        float[] v = new float[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) array.get(i).asDouble();
        }
        return v;
    }

    /** Whether the endpoint is OpenAI's own API, which takes parameters compatible servers may not know. */
    static boolean isOfficial(ProviderEndpoint endpoint) {
        return endpoint.baseUrl().startsWith("https://api.openai.com");
    }

    /** The endpoint's own headers plus its key as a bearer token, when it has one. */
    static Map<String, String> bearerHeaders(ProviderEndpoint endpoint) {
        Map<String, String> headers = new LinkedHashMap<>(endpoint.headers());
        if (endpoint.apiKey().isPresent()) {
            headers.put("authorization", "Bearer " + endpoint.keyValue());
        }
        return headers;
    }

    @Override
    public StreamDecoder decoder(ResponseAssembler assembler) {
        return new SseDecoder(new ChatCompletionsStreamParser(assembler));
    }

    @Override
    public void decodeBody(byte[] body, ResponseAssembler assembler) {
        new ChatCompletionsStreamParser(assembler).wholeCompletion(new String(body, StandardCharsets.UTF_8));
    }

    @Override
    public ProviderException error(String provider, int status, Map<String, List<String>> headers, byte[] body) {
        return OpenAiErrors.fromHttp(provider, status, headers, body);
    }

    @Override
    public HttpCall modelsCall(ProviderEndpoint endpoint) {
        return HttpCall.get(endpoint.baseUrl() + "/models", bearerHeaders(endpoint));
    }

    @Override
    public List<String> parseModels(byte[] body) {
        return modelIds(body);
    }

    /** The ids of an OpenAI-style model list ({@code {"data":[{"id":...}]}}). */
    static List<String> modelIds(byte[] body) {
        List<String> ids = new ArrayList<>();
        for (JsonNode m : Json.parse(new String(body, StandardCharsets.UTF_8)).path("data")) {
            String id = Json.text(m, "id");
            if (id != null) {
                ids.add(id);
            }
        }
        return ids;
    }
}
