package dev.reaper.router;

import dev.reaper.protocol.Usage;
import java.time.Duration;

/** What the router decided and spent, for logs, events and the usage ledger. */
public interface RouterObserver {

    /** One attempt ended, successfully or not. {@code failure} is null on success. */
    default void attemptFinished(Attempt attempt) {}

    default void retrying(ModelRef model, int retry, Duration wait, ProviderException cause) {}

    default void fallingBack(ModelRef from, ModelRef to, ProviderException cause) {}

    /** A strategy that weighed several candidates decided: who served, who was cancelled, and why. */
    default void decided(Decision decision) {}

    RouterObserver NONE = new RouterObserver() { };

    /**
     * @param costUsd           cost from the reported usage (0 when the price is unknown)
     * @param savedUsd          what the provider's prompt cache saved: cache reads at their price instead of
     *                          the input price
     * @param priced            whether the model's price was known
     * @param timeToFirstTokenMs -1 when nothing was received
     */
    record Attempt(ModelRef model, Usage usage, double costUsd, boolean priced, long timeToFirstTokenMs,
                   long durationMs, ProviderException failure, double savedUsd) {

        public Attempt(ModelRef model, Usage usage, double costUsd, boolean priced, long timeToFirstTokenMs,
                       long durationMs, ProviderException failure) {
            this(model, usage, costUsd, priced, timeToFirstTokenMs, durationMs, failure, 0);
        }
    }

    /**
     * A request answered without asking a provider: from the response cache, or by sharing an identical
     * request in flight ({@code shared}). {@code savedUsd} is what the original answer cost.
     */
    default void answeredFromCache(ModelRef model, Usage usage, double savedUsd, boolean shared) {}

    /**
     * @param strategy  the strategy's name
     * @param order     the candidates in the order the selectors gave them
     * @param served    the model whose answer was used
     * @param cancelled models whose requests were stopped once the answer was known
     * @param reason    why {@code served} won, in a few words
     */
    record Decision(String strategy, java.util.List<ModelRef> order, ModelRef served,
                    java.util.List<ModelRef> cancelled, String reason) {
        public Decision {
            order = java.util.List.copyOf(order);
            cancelled = java.util.List.copyOf(cancelled);
        }
    }
}
