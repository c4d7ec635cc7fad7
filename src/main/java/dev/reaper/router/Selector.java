package dev.reaper.router;

import java.util.List;

/**
 * Orders a request's candidate models before a {@link Strategy} sees them: by the kind of task, by
 * price, by measured latency, or by what served the session last. A selector never adds or drops a
 * candidate, and must be cheap: it runs on every request.
 */
public interface Selector {

    String name();

    /** The candidates, reordered; {@code why} collects a short reason when the order changed. */
    List<ModelRef> order(List<ModelRef> candidates, ChatRequest request, StringBuilder why);

    /** Told which model served a request, for selectors that learn from it. */
    default void served(ChatRequest request, ModelRef model) {}
}
