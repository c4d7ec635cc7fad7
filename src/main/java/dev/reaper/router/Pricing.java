package dev.reaper.router;

import dev.reaper.protocol.Usage;

/** Prices in US dollars per million tokens. */
public record Pricing(double input, double output, double cacheRead, double cacheWrite) {

    public static final Pricing FREE = new Pricing(0, 0, 0, 0);

    public double cost(Usage u) {
        return (u.inputTokens() * input + u.outputTokens() * output + u.cacheReadTokens() * cacheRead
                + u.cacheWriteTokens() * cacheWrite) / 1_000_000.0;
    }
}
