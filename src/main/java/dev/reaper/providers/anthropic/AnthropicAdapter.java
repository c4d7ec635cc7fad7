package dev.reaper.providers.anthropic;

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

/** Anthropic's Messages API ({@code POST /v1/messages}, streamed). */
public final class AnthropicAdapter implements ProviderAdapter {

    public static final String WIRE_API = "anthropic";
    static final String API_VERSION = "2023-06-01";

    @Override
    public String wireApi() {
        return WIRE_API;
    }

    @Override
    public HttpCall chatCall(ProviderEndpoint endpoint, String model, ChatRequest request) {
        Map<String, String> headers = headers(endpoint);
        headers.put("accept", "text/event-stream");
        return HttpCall.postJson(endpoint.baseUrl() + "/v1/messages", headers,
                AnthropicRequestEncoder.encode(endpoint.name(), model, request));
    }

    private static Map<String, String> headers(ProviderEndpoint endpoint) {
        Map<String, String> headers = new LinkedHashMap<>(endpoint.headers());
        if (endpoint.apiKey().isPresent()) {
            headers.put("x-api-key", endpoint.keyValue());
        }
        headers.put("anthropic-version", API_VERSION);
        return headers;
    }

    @Override
    public StreamDecoder decoder(ResponseAssembler assembler) {
        return new SseDecoder(new AnthropicStreamParser(assembler));
    }

    @Override
    public void decodeBody(byte[] body, ResponseAssembler assembler) {
        new AnthropicStreamParser(assembler).wholeMessage(new String(body, StandardCharsets.UTF_8));
    }

    @Override
    public ProviderException error(String provider, int status, Map<String, List<String>> headers, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        JsonNode error = Json.tryParse(text).map(n -> n.path("error")).orElse(Json.object());
        String type = Json.text(error, "type");
        String message = Json.text(error, "message");
        if (message == null) {
            message = text.isBlank() ? "no details" : ErrorText.abbreviate(text);
        }
        return new ProviderException(kindOf(type, message, status), provider, status,
                provider + " returned HTTP " + status + (type != null ? " (" + type + ")" : "") + ": " + message,
                RetryAfter.fromHeaders(headers, Clock.systemUTC()));
    }

    static ProviderException.Kind kindOf(String type, String message, int status) {
        if (type == null) {
            return ProviderException.kindForStatus(status);
        }
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        return switch (type) {
            case "authentication_error", "permission_error" -> ProviderException.Kind.AUTH;
            case "not_found_error" -> ProviderException.Kind.NOT_FOUND;
            case "rate_limit_error" -> ProviderException.Kind.RATE_LIMIT;
            case "overloaded_error" -> ProviderException.Kind.OVERLOADED;
            case "api_error" -> ProviderException.Kind.SERVER;
            case "timeout_error" -> ProviderException.Kind.TIMEOUT;
            case "request_too_large" -> ProviderException.Kind.CONTEXT_LENGTH;
            case "invalid_request_error" -> m.contains("prompt is too long") || m.contains("context window")
                    || m.contains("context length") ? ProviderException.Kind.CONTEXT_LENGTH
                    : ProviderException.Kind.INVALID_REQUEST;
            default -> status > 0 ? ProviderException.kindForStatus(status) : ProviderException.Kind.SERVER;
        };
    }

    @Override
    public HttpCall modelsCall(ProviderEndpoint endpoint) {
        return HttpCall.get(endpoint.baseUrl() + "/v1/models?limit=1000", headers(endpoint));
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
