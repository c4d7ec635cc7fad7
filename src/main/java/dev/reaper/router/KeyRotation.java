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
        return at(e, turn(e));
    }

    /** Which key is in turn (a counter; taken modulo the number of keys). */
    int turn(ProviderEndpoint e) {
        return current.computeIfAbsent(e.name(), n -> new AtomicInteger()).get();
    }

    /** The endpoint with the key of turn {@code t}. */
    ProviderEndpoint at(ProviderEndpoint e, int t) {
        List<Secret> keys = keys(e);
        if (keys.size() < 2) {
            return e;
        }
        int i = Math.floorMod(t, keys.size());
        return i == 0 ? e : withKey(e, keys.get(i));
    }

    /**
     * Moves the provider past turn {@code used}, whose key hit a rate limit, and returns the turn to use
     * next; empty when it has no other key, or every key was tried ({@code triedSoFar}). Two requests
     * limited on the same key move the provider on once, not twice.
     */
    java.util.OptionalInt rotate(ProviderEndpoint e, int used, int triedSoFar) {
        int n = keys(e).size();
        if (n < 2 || triedSoFar >= n) {
            return java.util.OptionalInt.empty();
        }
        AtomicInteger turn = current.computeIfAbsent(e.name(), k -> new AtomicInteger());
        turn.compareAndSet(used, used + 1);
        int now = turn.get();
        return java.util.OptionalInt.of(now == used ? used + 1 : now);
    }

    private static ProviderEndpoint withKey(ProviderEndpoint e, Secret key) {
        return new ProviderEndpoint(e.name(), e.wireApi(), e.baseUrl(), java.util.Optional.of(key), e.keySource(),
                e.headers(), e.timeouts(), e.maxRetries(), e.options(), e.secrets());
    }
}
