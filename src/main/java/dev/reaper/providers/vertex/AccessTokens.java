package dev.reaper.providers.vertex;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.json.Json;
import dev.reaper.protocol.Cancellation;
import dev.reaper.router.ErrorText;
import dev.reaper.router.ProviderException;
import dev.reaper.secret.Secret;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import okhttp3.Call;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Access tokens for one service account: trades a signed assertion for a token at the key's token
 * endpoint (the OAuth 2.0 JWT bearer grant), keeps it until shortly before it expires and fetches a
 * new one then. Safe for concurrent use: callers wait for one fetch rather than each making their own.
 * A fetch is bounded by a timeout and stopped by cancellation.
 */
final class AccessTokens {

    private static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    /** Renew this long before expiry (at most half the token's life), so no request carries a dying token. */
    private static final Duration RENEW_BEFORE = Duration.ofMinutes(5);

    private final String provider;
    private final ServiceAccountKey key;
    private final Clock clock;
    private final OkHttpClient http;
    // a lock, not synchronized: the fetch blocks on the network and may run on a virtual thread
    private final ReentrantLock lock = new ReentrantLock();
    private Secret token;
    private Instant renewAt = Instant.MIN;

    AccessTokens(String provider, ServiceAccountKey key, Clock clock, Duration timeout) {
        this.provider = provider;
        this.key = key;
        this.clock = clock;
        this.http = new OkHttpClient.Builder().connectTimeout(timeout).callTimeout(timeout)
                .retryOnConnectionFailure(false).build();
    }

    ServiceAccountKey key() {
        return key;
    }

    /** A token valid for a while yet, fetched now if the one held is about to expire. */
    Secret token(Cancellation cancel) {
        lock.lock();
        try {
            if (token == null || !clock.instant().isBefore(renewAt)) {
                fetch(cancel);
            }
            return token;
        } finally {
            lock.unlock();
        }
    }

    private void fetch(Cancellation cancel) {
        Instant now = clock.instant();
        Request request = new Request.Builder().url(key.tokenUri().toString())
                .post(new FormBody.Builder().add("grant_type", GRANT_TYPE).add("assertion", key.assertion(now)).build())
                .build();
        Call call = http.newCall(request);
        try (Cancellation.Registration ignored = cancel.onCancel(call::cancel); Response response = call.execute()) {
            String body = response.body().string();
            if (!response.isSuccessful()) {
                throw refused(response.code(), body);
            }
            JsonNode json = Json.tryParse(body).orElse(Json.object());
            String accessToken = Json.text(json, "access_token");
            if (accessToken == null) {
                throw new ProviderException(ProviderException.Kind.SERVER, provider,
                        provider + ": the token endpoint " + key.tokenUri() + " answered without an access_token");
            }
            long lifetime = json.path("expires_in").asLong(3600);
            token = Secret.of(accessToken);
            renewAt = now.plusSeconds(lifetime).minus(min(RENEW_BEFORE, Duration.ofSeconds(lifetime / 2)));
        } catch (IOException e) {
            throw unreachable(e, cancel);
        }
    }

    private ProviderException refused(int status, String body) {
        JsonNode json = Json.tryParse(body).orElse(Json.object());
        String error = Json.text(json, "error");
        String description = Json.text(json, "error_description");
        String why = error == null ? "HTTP " + status
                : error + (description == null ? "" : ": " + ErrorText.abbreviate(description));
        ProviderException.Kind kind = status == 400 || status == 401 || status == 403 ? ProviderException.Kind.AUTH
                : ProviderException.kindForStatus(status);
        String message = kind == ProviderException.Kind.AUTH
                ? provider + ": " + key.tokenUri() + " refused the service-account key of " + key.clientEmail()
                        + " (" + why + "); check that the key is current and the account is enabled"
                : provider + ": the token endpoint " + key.tokenUri() + " failed (" + why + ")";
        return new ProviderException(kind, provider, status, message, null);
    }

    private ProviderException unreachable(IOException e, Cancellation cancel) {
        if (cancel.isCancelled()) {
            return new ProviderException(ProviderException.Kind.CANCELLED, provider, "cancelled");
        }
        if (e instanceof InterruptedIOException) {
            return new ProviderException(ProviderException.Kind.TIMEOUT, provider,
                    provider + ": the token endpoint " + key.tokenUri() + " did not answer in time");
        }
        return new ProviderException(ProviderException.Kind.NETWORK, provider,
                provider + ": could not reach the token endpoint " + key.tokenUri() + " ("
                        + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
