package dev.reaper.tui;

import java.util.Arrays;
import java.util.Locale;

/** How long frames took to draw, for the benchmark: count, percentiles and the slowest. */
public final class FrameStats {

    private long[] nanos = new long[1024];
    private int count;
    private long firstFrameAt;

    synchronized void add(long frameNanos) {
        if (count == 0) {
            firstFrameAt = System.currentTimeMillis();
        }
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = frameNanos;
    }

    public synchronized int count() {
        return count;
    }

    /** The q-quantile (0..1) of frame times in milliseconds; 0 with no frames. */
    public synchronized double percentileMillis(double q) {
        if (count == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        return sorted[(int) Math.min(count - 1, Math.ceil(q * count) - 1 < 0 ? 0 : Math.ceil(q * count) - 1)] / 1e6;
    }

    /** One line of key=value pairs. */
    public synchronized String summary() {
        return String.format(Locale.ROOT, "frames=%d p50_ms=%.3f p99_ms=%.3f max_ms=%.3f first_frame_epoch_ms=%d", count,
                percentileMillis(0.5), percentileMillis(0.99), percentileMillis(1.0), firstFrameAt);
    }
}
