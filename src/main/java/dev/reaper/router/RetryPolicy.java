package dev.reaper.router;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter. A provider's {@code Retry-After} is honoured as the wait, unless it
 * is longer than {@code maxRetryAfter}: then waiting is pointless and the router moves on.
 */
public record RetryPolicy(int maxRetries, Duration base, Duration cap, Duration maxRetryAfter) {

    public static final RetryPolicy DEFAULT =
            new RetryPolicy(3, Duration.ofMillis(500), Duration.ofSeconds(20), Duration.ofSeconds(60));

    /** The wait before retry number {@code attempt} (0-based); "equal jitter": half fixed, half random. */
    public Duration delay(int attempt, Duration retryAfter, RandomGenerator random) {
        if (retryAfter != null) {
            return retryAfter;
        }
        long exp = base.toMillis() << Math.min(attempt, 20);
        long capped = Math.min(cap.toMillis(), exp);
        long half = capped / 2;
        return Duration.ofMillis(half + (half > 0 ? random.nextLong(half + 1) : 0));
    }

    public boolean waitIsReasonable(Duration retryAfter) {
        return retryAfter == null || retryAfter.compareTo(maxRetryAfter) <= 0;
    }
}
