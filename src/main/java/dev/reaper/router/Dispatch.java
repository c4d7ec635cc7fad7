package dev.reaper.router;

import dev.reaper.protocol.Cancellation;

/**
 * What a {@link Strategy} can do: send the request to one model (with that model's retries, circuit
 * breaker, budget reservation and usage report), and tell what it decided.
 */
public interface Dispatch {

    /**
     * Sends to one model and returns its complete response; throws a {@link ProviderException} (with any
     * partial response attached) when the model failed, was refused by the budget or was cancelled.
     */
    ChatResponse send(ModelRef model, ChatRequest request, StreamListener listener, Cancellation cancel);

    /** Whether the model's circuit breaker lets a request through now. */
    boolean available(ModelRef model);

    /** Measured time to first token of a model, for strategies that wait on it (hedging). */
    LatencyStats latency();

    /** Reports a decision: which model served, which were cancelled, and why. */
    void decided(RouterObserver.Decision decision);

    /** Reports that the next candidate is being tried after a failure. */
    void fallingBack(ModelRef from, ModelRef to, ProviderException cause);
}
