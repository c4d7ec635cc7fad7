package dev.reaper.router;

import java.time.Duration;

/**
 * Limits on one request: connecting, waiting for the first token, and silence between reads once the
 * stream has begun.
 */
public record Timeouts(Duration connect, Duration firstToken, Duration idle) {

    public static final Timeouts DEFAULT =
            new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(180), Duration.ofSeconds(90));
}
