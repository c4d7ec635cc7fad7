package dev.reaper.router;

import java.util.Arrays;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Measured time to first token per model: an exponentially weighted moving average for ordering
 * candidates, and the 95th percentile of recent samples for hedging. Thread-safe; constant work per
 * sample.
 */
public final class LatencyStats {

    static final double ALPHA = 0.3;
    static final int WINDOW = 64;
    /** Fewer samples than this give no percentile: one slow start should not trigger hedges. */
    static final int MIN_SAMPLES_FOR_PERCENTILE = 5;

    private final ConcurrentHashMap<ModelRef, Series> series = new ConcurrentHashMap<>();

    public void record(ModelRef model, long timeToFirstTokenMs) {
        if (timeToFirstTokenMs < 0) {
            return;
        }
        series.computeIfAbsent(model, m -> new Series()).add(timeToFirstTokenMs);
    }

    /** The moving average of the model's time to first token, if it has been measured. */
    public OptionalLong ewmaMs(ModelRef model) {
        Series s = series.get(model);
        return s == null ? OptionalLong.empty() : s.ewma();
    }

    /** The 95th percentile of the model's recent times to first token, once there are enough samples. */
    public OptionalLong p95Ms(ModelRef model) {
        Series s = series.get(model);
        return s == null ? OptionalLong.empty() : s.p95();
    }

    private static final class Series {
        private final long[] ring = new long[WINDOW];
        private int count;
        private int next;
        private double ewma = -1;

        synchronized void add(long ms) {
            ewma = ewma < 0 ? ms : ALPHA * ms + (1 - ALPHA) * ewma;
            ring[next] = ms;
            next = (next + 1) % WINDOW;
            count = Math.min(count + 1, WINDOW);
        }

        synchronized OptionalLong ewma() {
            return ewma < 0 ? OptionalLong.empty() : OptionalLong.of(Math.round(ewma));
        }

        synchronized OptionalLong p95() {
            if (count < MIN_SAMPLES_FOR_PERCENTILE) {
                return OptionalLong.empty();
            }
            long[] sorted = Arrays.copyOf(ring, count);
            Arrays.sort(sorted);
            return OptionalLong.of(sorted[(int) Math.ceil(0.95 * count) - 1]);
        }
    }
}
