package dev.reaper.providers.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.json.Json;
import dev.reaper.router.ErrorText;
import dev.reaper.router.ProviderException;
import dev.reaper.router.RetryAfter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Bedrock's error types as Reaper's failure kinds. The same names arrive three ways: the
 * {@code x-amzn-ErrorType} header of an HTTP error ({@code ThrottlingException:http://...}), the
 * {@code __type} of its JSON body ({@code com.amazon.coral.service#UnrecognizedClientException}), and the
 * {@code :exception-type} header of an exception frame inside a stream ({@code throttlingException}).
 */
final class BedrockErrors {

    private BedrockErrors() {}

    /** An HTTP error response as a typed failure. */
    static ProviderException fromHttp(String provider, int status, Map<String, List<String>> headers, byte[] body,
                                      Clock clock) {
        String text = new String(body, StandardCharsets.UTF_8);
        JsonNode json = Json.tryParse(text).filter(JsonNode::isObject).orElse(Json.object());
        String type = RetryAfter.header(headers, "x-amzn-errortype");
        if (type == null) {
            type = Json.text(json, "__type");
        }
        type = type == null ? null : simpleName(type);
        String message = Json.text(json, "message");
        if (message == null) {
            message = Json.text(json, "Message");
        }
        if (message == null) {
            message = text.isBlank() ? "no details" : ErrorText.abbreviate(text);
        }
        return new ProviderException(kindOf(type, message, status), provider, status,
                provider + " returned HTTP " + status + (type != null ? " (" + type + ")" : "") + ": " + message,
                RetryAfter.fromHeaders(headers, clock));
    }

    /** An exception frame inside a stream: its {@code :exception-type} and JSON payload. */
    static ProviderException fromStream(String provider, String type, byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8);
        String message = Json.tryParse(text).map(n -> Json.text(n, "message")).orElse(null);
        if (message == null) {
            message = text.isBlank() ? "no details" : ErrorText.abbreviate(text);
        }
        String name = type == null ? "exception" : simpleName(type);
        return new ProviderException(kindOf(name, message, 0), provider,
                provider + " stream error (" + name + "): " + message);
    }

    /** {@code ThrottlingException} from {@code ThrottlingException:http://...} or {@code ns#ThrottlingException}. */
    static String simpleName(String type) {
        String t = type.strip();
        int colon = t.indexOf(':');
        if (colon >= 0) {
            t = t.substring(0, colon);
        }
        int hash = t.lastIndexOf('#');
        return hash >= 0 ? t.substring(hash + 1) : t;
    }

    static ProviderException.Kind kindOf(String type, String message, int status) {
        if (type == null) {
            return status > 0 ? ProviderException.kindForStatus(status) : ProviderException.Kind.SERVER;
        }
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "throttlingexception", "servicequotaexceededexception", "toomanyrequestsexception" ->
                    ProviderException.Kind.RATE_LIMIT;
            case "validationexception" -> isContextLength(m) ? ProviderException.Kind.CONTEXT_LENGTH
                    : ProviderException.Kind.INVALID_REQUEST;
            case "accessdeniedexception", "unrecognizedclientexception", "invalidsignatureexception",
                 "incompletesignatureexception", "expiredtokenexception", "missingauthenticationtokenexception" ->
                    ProviderException.Kind.AUTH;
            case "resourcenotfoundexception" -> ProviderException.Kind.NOT_FOUND;
            case "serviceunavailableexception", "modelnotreadyexception" -> ProviderException.Kind.OVERLOADED;
            case "internalserverexception", "modelerrorexception", "modelstreamerrorexception" ->
                    ProviderException.Kind.SERVER;
            case "modeltimeoutexception" -> ProviderException.Kind.TIMEOUT;
            default -> status > 0 ? ProviderException.kindForStatus(status) : ProviderException.Kind.SERVER;
        };
    }

    /** Bedrock says "Input is too long for requested model" or names the context window or limit. */
    private static boolean isContextLength(String m) {
        return m.contains("too long") || m.contains("context window") || m.contains("context length")
                || m.contains("context limit") || (m.contains("context") && m.contains("exceed"));
    }
}
