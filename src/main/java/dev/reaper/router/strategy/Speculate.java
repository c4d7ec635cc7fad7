package dev.reaper.router.strategy;

import dev.reaper.protocol.Cancellation;
import dev.reaper.router.ChatRequest;
import dev.reaper.router.Dispatch;
import dev.reaper.router.ModelRef;
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
        this.k = Gathering.width("speculate", k);
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
        Gathering.Asked asked = Gathering.askSeveral(dispatch, candidates, k, request, listener, deadline, cancel);
        if (asked.fallback() != null) {
            return asked.fallback();
        }
        Gathering.Result got = asked.got();
        Scorer.Verdict v = got.answers().size() == 1 ? new Scorer.Verdict(0, "the only answer")
                : scorer.pick(request, got.answers(), dispatch, cancel);
        ModelRef winner = got.answers().get(v.best()).model();
        var response = Gathering.deliver(got, v.best(), listener);
        dispatch.decided(new RouterObserver.Decision(name(), candidates, winner, got.cancelled(), v.reason()));
        return new Router.Routed(response, winner);
    }
}
