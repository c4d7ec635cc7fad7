package dev.reaper.router;

import dev.reaper.protocol.Usage;
import java.time.Duration;

/** What the router decided and spent, for logs, events and the usage ledger. */
public interface RouterObserver {

    /** One attempt ended, successfully or not. {@code failure} is null on success. */
    default void attemptFinished(Attempt attempt) {}

    default void retrying(ModelRef model, int retry, Duration wait, ProviderException cause) {}

    default void fallingBack(ModelRef from, ModelRef to, ProviderException cause) {}

    RouterObserver NONE = new RouterObserver() { };

    /**
     * @param costUsd           cost from the reported usage (0 when the price is unknown)
     * @param priced            whether the model's price was known
     * @param timeToFirstTokenMs -1 when nothing was received
     */
    record Attempt(ModelRef model, Usage usage, double costUsd, boolean priced, long timeToFirstTokenMs,
                   long durationMs, ProviderException failure) {}
}
