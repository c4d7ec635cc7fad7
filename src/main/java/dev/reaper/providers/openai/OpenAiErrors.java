package dev.reaper.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.json.Json;
import dev.reaper.router.ErrorText;
import dev.reaper.router.ProviderException;
import dev.reaper.router.RetryAfter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * OpenAI-style errors ({@code {"error":{"message","type","code"}}}) as OpenAI, Azure and compatible
 * servers send them, in an HTTP error body or inside a stream, turned into typed failures. Azure's
 * content filter names the categories it blocked, which the message repeats.
 */
final class OpenAiErrors {

    private OpenAiErrors() {}

    /** A non-2xx response. */
    static ProviderException fromHttp(String provider, int status, Map<String, List<String>> headers, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        JsonNode root = Json.tryParse(text).orElse(Json.object());
        JsonNode error = root.path("error");
        String message;
        String code = null;
        if (error.isTextual()) {
            message = error.asText();
        } else {
            message = Json.text(error, "message");
            code = codeOf(error);
        }
        if (message == null) {
            message = Json.text(root, "message"); // some compatible servers
        }
        if (message == null) {
            message = text.isBlank() ? "no details" : ErrorText.abbreviate(text);
        }
        return new ProviderException(kindOf(code, message, status), provider, status,
                provider + " returned HTTP " + status + (code != null ? " (" + code + ")" : "") + ": " + message
                        + filtered(error.path("innererror")),
                RetryAfter.fromHeaders(headers, Clock.systemUTC()));
    }

    /** An error object a stream delivered after HTTP 200: a string, or an object with a message and code. */
    static ProviderException inStream(String provider, JsonNode error) {
        String message = error.isTextual() ? error.asText()
                : Optional.ofNullable(Json.text(error, "message")).orElse(error.toString());
        String code = error.isObject() ? codeOf(error) : null;
        return new ProviderException(kindOf(code, message, 0), provider,
                provider + " stream error" + (code != null ? " (" + code + ")" : "") + ": " + message);
    }

    private static String codeOf(JsonNode error) {
        String code = Json.text(error, "code");
        return code != null ? code : Json.text(error, "type");
    }

    /** Azure's {@code innererror.content_filter_result}: the categories it filtered, or "". */
    private static String filtered(JsonNode inner) {
        JsonNode result = inner.path("content_filter_result");
        List<String> categories = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = result.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().path("filtered").asBoolean(false)) {
                String severity = Json.text(e.getValue(), "severity");
                categories.add(e.getKey() + (severity != null ? " (" + severity + ")" : ""));
            }
        }
        return categories.isEmpty() ? "" : " [filtered: " + String.join(", ", categories) + "]";
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
}
