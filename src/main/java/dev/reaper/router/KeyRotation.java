package dev.reaper.router;

import dev.reaper.secret.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Several keys for one provider ({@code api_keys_env} in config): requests use the current key, and a
 * rate limit moves the provider on to the next one, so a request that hit one key's limit is retried at
 * once on another. Extra keys travel in the endpoint's secrets as {@code api_key_2}, {@code api_key_3}...
 */
final class KeyRotation {

    static final String EXTRA_KEY_PREFIX = "api_key_";

    private final ConcurrentHashMap<String, AtomicInteger> current = new ConcurrentHashMap<>();

    /** Every key of the endpoint, the configured one first. */
    static List<Secret> keys(ProviderEndpoint e) {
        List<Secret> keys = new ArrayList<>();
        e.apiKey().ifPresent(keys::add);
        for (int i = 2; e.secret(EXTRA_KEY_PREFIX + i).isPresent(); i++) {
            keys.add(e.secret(EXTRA_KEY_PREFIX + i).get());
        }
        return keys;
    }

    /** The endpoint with the key currently in turn. */
    ProviderEndpoint current(ProviderEndpoint e) {
        List<Secret> keys = keys(e);
        if (keys.size() < 2) {
            return e;
        }
        int i = Math.floorMod(current.computeIfAbsent(e.name(), n -> new AtomicInteger()).get(), keys.size());
        return i == 0 ? e : withKey(e, keys.get(i));
    }

    /**
     * Moves the provider to its next key after {@code used} hit a rate limit; false when it has no other
     * key, or when every key has been tried since {@code firstTried}.
     */
    boolean rotate(ProviderEndpoint e, int triedSoFar) {
        int n = keys(e).size();
        if (n < 2 || triedSoFar >= n) {
            return false;
        }
        current.computeIfAbsent(e.name(), k -> new AtomicInteger()).incrementAndGet();
        return true;
    }

    private static ProviderEndpoint withKey(ProviderEndpoint e, Secret key) {
        return new ProviderEndpoint(e.name(), e.wireApi(), e.baseUrl(), java.util.Optional.of(key), e.keySource(),
                e.headers(), e.timeouts(), e.maxRetries(), e.options(), e.secrets());
    }
}
