package dev.reaper.providers.gemini;

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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Google Gemini API ({@code POST /v1beta/models/M:streamGenerateContent?alt=sse}). */
public final class GeminiAdapter implements ProviderAdapter {

    public static final String WIRE_API = "gemini";

    @Override
    public String wireApi() {
        return WIRE_API;
    }

    @Override
    public HttpCall chatCall(ProviderEndpoint endpoint, String model, ChatRequest request) {
        Map<String, String> headers = headers(endpoint);
        headers.put("accept", "text/event-stream");
        String url = endpoint.baseUrl() + "/v1beta/models/" + URLEncoder.encode(model, StandardCharsets.UTF_8)
                + ":streamGenerateContent?alt=sse";
        return HttpCall.postJson(url, headers, GeminiRequestEncoder.encode(endpoint.name(), request));
    }

    private static Map<String, String> headers(ProviderEndpoint endpoint) {
        Map<String, String> headers = new LinkedHashMap<>(endpoint.headers());
        if (endpoint.apiKey().isPresent()) {
            headers.put("x-goog-api-key", endpoint.keyValue());
        }
        return headers;
    }

    @Override
    public StreamDecoder decoder(ResponseAssembler assembler) {
        return new SseDecoder(new GeminiStreamParser(assembler));
    }

    @Override
    public void decodeBody(byte[] body, ResponseAssembler assembler) {
        GeminiStreamParser parser = new GeminiStreamParser(assembler);
        parser.onEvent(null, new String(body, StandardCharsets.UTF_8));
        parser.onEnd(false);
    }

    @Override
    public ProviderException error(String provider, int status, Map<String, List<String>> headers, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        JsonNode root = Json.tryParse(text).orElse(null);
        if (root != null && root.isArray() && !root.isEmpty()) {
            root = root.get(0);
        }
        JsonNode error = root == null ? null : root.get("error");
        if (error == null || !error.isObject()) {
            return new ProviderException(ProviderException.kindForStatus(status), provider, status,
                    provider + " returned HTTP " + status + ": "
                            + (text.isBlank() ? "no details" : ErrorText.abbreviate(text)),
                    RetryAfter.fromHeaders(headers, Clock.systemUTC()));
        }
        return toException(provider, status, error, RetryAfter.fromHeaders(headers, Clock.systemUTC()));
    }

    /** A Google RPC error object ({@code code}, {@code message}, {@code status}, {@code details}). */
    static ProviderException toException(String provider, int httpStatus, JsonNode error, Duration retryAfter) {
        String status = Json.text(error, "status");
        String message = Json.text(error, "message");
        if (message == null) {
            message = error.toString();
        }
        Duration wait = retryAfter;
        for (JsonNode d : error.path("details")) {
            if (String.valueOf(Json.text(d, "@type")).endsWith("RetryInfo")) {
                Duration fromBody = RetryAfter.fromProtoDuration(Json.text(d, "retryDelay"));
                if (fromBody != null) {
                    wait = fromBody;
                }
            }
        }
        int code = httpStatus > 0 ? httpStatus : error.path("code").asInt(0);
        return new ProviderException(kindOf(status, message, code), provider, code,
                provider + (httpStatus > 0 ? " returned HTTP " + httpStatus : " stream error")
                        + (status != null ? " (" + status + ")" : "") + ": " + message, wait);
    }

    static ProviderException.Kind kindOf(String status, String message, int code) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (m.contains("api key not valid") || m.contains("api_key_invalid")) {
            return ProviderException.Kind.AUTH;
        }
        if (m.contains("exceeds the maximum number of tokens") || m.contains("input token count")) {
            return ProviderException.Kind.CONTEXT_LENGTH;
        }
        if (status != null) {
            switch (status) {
                case "UNAUTHENTICATED", "PERMISSION_DENIED" -> {
                    return ProviderException.Kind.AUTH;
                }
                case "RESOURCE_EXHAUSTED" -> {
                    return ProviderException.Kind.RATE_LIMIT;
                }
                case "UNAVAILABLE" -> {
                    return ProviderException.Kind.OVERLOADED;
                }
                case "INTERNAL", "UNKNOWN" -> {
                    return ProviderException.Kind.SERVER;
                }
                case "DEADLINE_EXCEEDED" -> {
                    return ProviderException.Kind.TIMEOUT;
                }
                case "NOT_FOUND" -> {
                    return ProviderException.Kind.NOT_FOUND;
                }
                case "INVALID_ARGUMENT", "FAILED_PRECONDITION" -> {
                    return ProviderException.Kind.INVALID_REQUEST;
                }
                default -> { }
            }
        }
        return code > 0 ? ProviderException.kindForStatus(code) : ProviderException.Kind.SERVER;
    }

    @Override
    public HttpCall modelsCall(ProviderEndpoint endpoint) {
        return HttpCall.get(endpoint.baseUrl() + "/v1beta/models?pageSize=1000", headers(endpoint));
    }

    @Override
    public List<String> parseModels(byte[] body) {
        List<String> ids = new ArrayList<>();
        for (JsonNode m : Json.parse(new String(body, StandardCharsets.UTF_8)).path("models")) {
            String name = Json.text(m, "name");
            if (name != null) {
                ids.add(name.startsWith("models/") ? name.substring("models/".length()) : name);
            }
        }
        return ids;
    }
}
