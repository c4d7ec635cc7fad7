package dev.reaper.router;

import dev.reaper.secret.Redactor;
import java.time.Duration;

/**
 * A typed provider failure. The message is safe to show (secrets redacted) and says what happened;
 * {@link #kind()} decides retries and fallbacks.
 */
public final class ProviderException extends RuntimeException {

    public enum Kind {
        /** A provider Reaper cannot use as configured: unknown name, no key, unsupported wire API. */
        CONFIG(false),
        AUTH(false),
        RATE_LIMIT(true),
        OVERLOADED(true),
        SERVER(true),
        CONTEXT_LENGTH(false),
        CONTENT_POLICY(false),
        INVALID_REQUEST(false),
        NOT_FOUND(false),
        NETWORK(true),
        TIMEOUT(true),
        /** The stream broke the provider's own format. */
        MALFORMED_STREAM(true),
        CANCELLED(false);

        private final boolean transientFailure;

        Kind(boolean transientFailure) {
            this.transientFailure = transientFailure;
        }

        /** Failures that may go away by themselves: worth a retry and a fallback to another candidate. */
        public boolean isTransient() {
            return transientFailure;
        }
    }

    private final Kind kind;
    private final int httpStatus;
    private final Duration retryAfter;
    private final String provider;
    private transient ChatResponse partial;

    public ProviderException(Kind kind, String provider, int httpStatus, String message, Duration retryAfter) {
        super(Redactor.global().redact(message));
        this.kind = kind;
        this.provider = provider;
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
    }

    public ProviderException(Kind kind, String provider, String message) {
        this(kind, provider, 0, message, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status, or 0 when the failure was not an HTTP error response. */
    public int httpStatus() {
        return httpStatus;
    }

    /** How long the provider asked us to wait, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    public String provider() {
        return provider;
    }

    /** What the response held before it failed (text so far, usage), or null. */
    public ChatResponse partial() {
        return partial;
    }

    /** The same failure with advice appended to its message. */
    public ProviderException withAdvice(String advice) {
        ProviderException e = new ProviderException(kind, provider, httpStatus, getMessage() + " (" + advice + ")",
                retryAfter);
        e.partial = partial;
        return e;
    }

    public ProviderException withPartial(ChatResponse response) {
        this.partial = response;
        return this;
    }

    /** Maps an HTTP status to the kind most providers mean by it. */
    public static Kind kindForStatus(int status) {
        return switch (status) {
            case 401, 403 -> Kind.AUTH;
            case 404 -> Kind.NOT_FOUND;
            case 408 -> Kind.TIMEOUT;
            case 413 -> Kind.CONTEXT_LENGTH;
            case 429 -> Kind.RATE_LIMIT;
            case 503, 529 -> Kind.OVERLOADED;
            default -> status >= 500 ? Kind.SERVER : Kind.INVALID_REQUEST;
        };
    }
}
