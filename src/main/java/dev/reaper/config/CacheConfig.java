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
 * @param semanticModel when set, single questions are also matched by meaning: the embeddings model
 *                      ({@code openai/text-embedding-3-small}, {@code ollama/nomic-embed-text})
 * @param similarity    the cosine similarity a semantic match needs
 */
public record CacheConfig(boolean exact, Duration ttl, boolean dedupe, java.util.Optional<String> semanticModel,
                          double similarity) {

    public static CacheConfig of(Config c) {
        ConfigReader r = new ConfigReader(ConfigReader.originOf(c));
        JsonNode t = r.table(c.raw(), "cache");
        boolean exact = r.bool(t, "cache.exact").orElse(false);
        int ttl = r.integer(t, "cache.ttl_seconds").orElse(3_600);
        if (ttl < 1) {
            throw new ConfigException(r.origin() + ": cache.ttl_seconds must be at least 1");
        }
        t.fieldNames().forEachRemaining(k -> {
            if (!java.util.List.of("exact", "ttl_seconds", "dedupe", "semantic_model", "similarity").contains(k)) {
                throw new ConfigException(r.origin() + ": unknown key cache." + k
                        + " (use exact, ttl_seconds, dedupe, semantic_model, similarity)");
            }
        });
        java.util.Optional<String> semantic = r.string(t, "semantic_model", "cache");
        semantic.ifPresent(m -> {
            if (m.indexOf('/') <= 0) {
                throw new ConfigException(r.origin() + ": cache.semantic_model must be provider/model, for example"
                        + " \"openai/text-embedding-3-small\"");
            }
        });
        double similarity = r.number(t, "similarity", "cache").orElse(0.95);
        if (similarity <= 0 || similarity > 1) {
            throw new ConfigException(r.origin() + ": cache.similarity must be above 0 and at most 1");
        }
        return new CacheConfig(exact, Duration.ofSeconds(ttl), exact || r.bool(t, "cache.dedupe").orElse(false),
                semantic, similarity);
    }

    public CacheConfig withExact() {
        return new CacheConfig(true, ttl, true, semanticModel, similarity);
    }
}
