package dev.reaper.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.json.Json;
import dev.reaper.router.ChatRequest;
import dev.reaper.router.ErrorText;
import dev.reaper.router.HttpCall;
import dev.reaper.router.ProviderAdapter;
import dev.reaper.router.ProviderEndpoint;
import dev.reaper.router.ProviderException;
import dev.reaper.router.ResponseAssembler;
import dev.reaper.router.RetryAfter;
import dev.reaper.router.wire.SseDecoder;
import dev.reaper.router.wire.StreamDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
        Map<String, String> headers = headers(endpoint);
        headers.put("accept", "text/event-stream");
        boolean official = endpoint.baseUrl().startsWith("https://api.openai.com");
        return HttpCall.postJson(endpoint.baseUrl() + "/chat/completions", headers,
                ChatCompletionsEncoder.encode(endpoint.name(), model, request, official));
    }

    private static Map<String, String> headers(ProviderEndpoint endpoint) {
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
        String text = new String(body, StandardCharsets.UTF_8);
        JsonNode root = Json.tryParse(text).orElse(Json.object());
        JsonNode error = root.path("error");
        String message;
        String code = null;
        if (error.isTextual()) {
            message = error.asText();
        } else {
            message = Json.text(error, "message");
            code = Json.text(error, "code");
            if (code == null) {
                code = Json.text(error, "type");
            }
        }
        if (message == null) {
            message = Json.text(root, "message"); // some compatible servers
        }
        if (message == null) {
            message = text.isBlank() ? "no details" : ErrorText.abbreviate(text);
        }
        return new ProviderException(kindOf(code, message, status), provider, status,
                provider + " returned HTTP " + status + (code != null ? " (" + code + ")" : "") + ": " + message,
                RetryAfter.fromHeaders(headers, Clock.systemUTC()));
    }

    static ProviderException.Kind kindOf(String code, String message, int status) {
        String c = code == null ? "" : code.toLowerCase(Locale.ROOT);
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (c.equals("context_length_exceeded") || m.contains("maximum context length")
                || m.contains("context window") || m.contains("too many tokens")) {
            return ProviderException.Kind.CONTEXT_LENGTH;
        }
        if (c.equals("content_filter") || c.equals("content_policy_violation")) {
            return ProviderException.Kind.CONTENT_POLICY;
        }
        if (c.equals("invalid_api_key") || c.equals("authentication_error")) {
            return ProviderException.Kind.AUTH;
        }
        if (c.equals("rate_limit_exceeded") || c.equals("insufficient_quota")) {
            return ProviderException.Kind.RATE_LIMIT;
        }
        if (c.equals("server_error")) {
            return ProviderException.Kind.SERVER;
        }
        if (status > 0) {
            return ProviderException.kindForStatus(status);
        }
        return c.isEmpty() || c.contains("server") ? ProviderException.Kind.SERVER
                : ProviderException.Kind.INVALID_REQUEST;
    }

    @Override
    public HttpCall modelsCall(ProviderEndpoint endpoint) {
        return HttpCall.get(endpoint.baseUrl() + "/models", headers(endpoint));
    }

    @Override
    public List<String> parseModels(byte[] body) {
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
