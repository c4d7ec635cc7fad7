package dev.reaper.router.strategy;

import dev.reaper.protocol.Cancellation;
import dev.reaper.router.ChatRequest;
import dev.reaper.router.Dispatch;
import dev.reaper.router.ModelRef;
import dev.reaper.router.Router;
import dev.reaper.router.StreamListener;
import dev.reaper.router.Strategy;
import java.util.List;

/** The first candidate only: its failure is the request's failure. */
public final class Single implements Strategy {

    @Override
    public String name() {
        return "single";
    }

    @Override
    public Router.Routed route(Dispatch dispatch, List<ModelRef> candidates, ChatRequest request,
                               StreamListener listener, Cancellation cancel) {
        ModelRef model = candidates.get(0);
        return new Router.Routed(dispatch.send(model, request, listener, cancel), model);
    }
}
