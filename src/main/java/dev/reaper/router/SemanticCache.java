package dev.reaper.router;

import java.util.Optional;

/**
 * Answers kept by the embedding of their question, for questions asked in other words. Entries are
 * grouped by a scope (the model candidates, system prompt and tools: everything but the question), and
 * only an entry of the same scope can match.
 */
public interface SemanticCache {

    /** The closest kept answer in the scope, when its cosine similarity is at least {@code threshold}. */
    Optional<Match> nearest(String scope, float[] vector, double threshold);

    void put(String scope, float[] vector, ResponseCache.Entry entry);

    record Match(ResponseCache.Entry entry, double similarity) {}

    /** The cosine similarity of two vectors; 0 when their sizes differ or either is zero. */
    static double cosine(float[] a, float[] b) {
        if (a.length != b.length || a.length == 0) {
            return 0;
        }
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
