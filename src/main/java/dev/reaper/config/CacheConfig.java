package dev.reaper.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * {@code [cache]}: the response cache and in-flight sharing, both off unless asked for (keying a request
 * means hashing all of it).
 *
 * @param exact  answer a request asked before (same conversation, model candidates and tools) from the
 *               cache, within {@code ttl}
 * @param dedupe identical requests in flight share one upstream call (implied by {@code exact})
 */
public record CacheConfig(boolean exact, Duration ttl, boolean dedupe) {

    public static CacheConfig of(Config c) {
        ConfigReader r = new ConfigReader(ConfigReader.originOf(c));
        JsonNode t = r.table(c.raw(), "cache");
        boolean exact = r.bool(t, "cache.exact").orElse(false);
        int ttl = r.integer(t, "cache.ttl_seconds").orElse(3_600);
        if (ttl < 1) {
            throw new ConfigException(r.origin() + ": cache.ttl_seconds must be at least 1");
        }
        t.fieldNames().forEachRemaining(k -> {
            if (!k.equals("exact") && !k.equals("ttl_seconds") && !k.equals("dedupe")) {
                throw new ConfigException(r.origin() + ": unknown key cache." + k + " (use exact, ttl_seconds, dedupe)");
            }
        });
        return new CacheConfig(exact, Duration.ofSeconds(ttl), exact || r.bool(t, "cache.dedupe").orElse(false));
    }

    public CacheConfig withExact() {
        return new CacheConfig(true, ttl, true);
    }
}
