package dev.reaper.router;

import dev.reaper.protocol.Cancellation;
import java.util.List;

/**
 * How one request is spread over its candidate models: one after another ({@code cascade}), several at
 * once with the first token winning ({@code race}), several compared ({@code speculate}) or combined
 * ({@code merge}). A strategy decides; the {@link Dispatch} sends, with retries, breakers and budget.
 */
public interface Strategy {

    /** The name used in config and on the command line. */
    String name();

    /**
     * Routes the request. {@code candidates} are already ordered by the selectors and never empty; the
     * listener must only ever see the events of the response that is returned.
     */
    Router.Routed route(Dispatch dispatch, List<ModelRef> candidates, ChatRequest request, StreamListener listener,
                        Cancellation cancel);
}
