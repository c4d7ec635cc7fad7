package dev.reaper.router;

import dev.reaper.protocol.Cancellation;
import java.util.List;

/**
 * The default strategy: the first candidate, then the next when a failure is one another model may not
 * share (rate limits, overload, 5xx, timeouts, broken connections, context window, content policy).
 * Never once the caller has seen output: an answer is not spliced from two models.
 */
public final class Cascade implements Strategy {

    public static final Cascade INSTANCE = new Cascade();

    private Cascade() {}

    @Override
    public String name() {
        return "cascade";
    }

    @Override
    public Router.Routed route(Dispatch dispatch, List<ModelRef> candidates, ChatRequest request,
                               StreamListener listener, Cancellation cancel) {
        return from(dispatch, candidates, 0, request, listener, cancel);
    }

    /** Cascades over {@code candidates} from index {@code first} on. */
    public static Router.Routed from(Dispatch dispatch, List<ModelRef> candidates, int first, ChatRequest request,
                                     StreamListener listener, Cancellation cancel) {
        for (int c = first; ; c++) {
            ModelRef model = candidates.get(c);
            try {
                return new Router.Routed(dispatch.send(model, request, listener, cancel), model);
            } catch (ProviderException e) {
                boolean more = c + 1 < candidates.size();
                boolean sawOutput = e.partial() != null && !e.partial().message().content().isEmpty();
                if (!more || sawOutput || !cascades(e.kind())) {
                    throw e;
                }
                dispatch.fallingBack(model, candidates.get(c + 1), e);
            }
        }
    }

    /** Whether a failure of this kind sends the request on to the next candidate. */
    public static boolean cascades(ProviderException.Kind kind) {
        return kind.isTransient() || kind == ProviderException.Kind.CONTEXT_LENGTH
                || kind == ProviderException.Kind.CONTENT_POLICY;
    }
}
