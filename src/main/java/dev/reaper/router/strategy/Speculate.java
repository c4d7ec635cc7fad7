package dev.reaper.router.strategy;

import dev.reaper.protocol.Cancellation;
import dev.reaper.router.Cascade;
import dev.reaper.router.ChatRequest;
import dev.reaper.router.Dispatch;
import dev.reaper.router.ModelRef;
import dev.reaper.router.ProviderException;
import dev.reaper.router.Router;
import dev.reaper.router.RouterObserver;
import dev.reaper.router.StreamListener;
import dev.reaper.router.Strategy;
import java.time.Duration;
import java.util.List;

/**
 * Asks {@code k} candidates at once, waits for all (up to a deadline), and keeps the best answer by a
 * {@link Scorer}; only that answer reaches the caller, replayed, and the decision says why it won.
 */
public final class Speculate implements Strategy {

    private final int k;
    private final Duration deadline;
    private final Scorer scorer;

    public Speculate(int k, Duration deadline, Scorer scorer) {
        if (k < 2) {
            throw new IllegalArgumentException("speculate needs at least 2 candidates at once, not " + k);
        }
        this.k = k;
        this.deadline = deadline;
        this.scorer = scorer;
    }

    @Override
    public String name() {
        return "speculate";
    }

    @Override
    public Router.Routed route(Dispatch dispatch, List<ModelRef> candidates, ChatRequest request,
                               StreamListener listener, Cancellation cancel) {
        List<ModelRef> asked = candidates.subList(0, Math.min(k, candidates.size()));
        if (asked.size() < 2) {
            return Cascade.from(dispatch, candidates, 0, request, listener, cancel);
        }
        Gathering.Result got = Gathering.gather(dispatch, asked, request, deadline, cancel);
        if (got.answers().isEmpty()) {
            RuntimeException f = got.firstFailure() != null ? got.firstFailure()
                    : new ProviderException(ProviderException.Kind.CANCELLED, asked.get(0).provider(), "cancelled");
            if (f instanceof ProviderException pe && asked.size() < candidates.size() && Cascade.cascades(pe.kind())
                    && !cancel.isCancelled()) {
                dispatch.fallingBack(asked.get(asked.size() - 1), candidates.get(asked.size()), pe);
                return Cascade.from(dispatch, candidates, asked.size(), request, listener, cancel);
            }
            throw f;
        }
        Scorer.Verdict v = got.answers().size() == 1 ? new Scorer.Verdict(0, "the only answer")
                : scorer.pick(request, got.answers(), dispatch, cancel);
        ModelRef winner = got.answers().get(v.best()).model();
        var response = Gathering.deliver(got, v.best(), listener);
        dispatch.decided(new RouterObserver.Decision(name(), candidates, winner, got.cancelled(), v.reason()));
        return new Router.Routed(response, winner);
    }
}
