package dev.reaper.router.strategy;

import dev.reaper.protocol.Cancellation;
import dev.reaper.router.ChatRequest;
import dev.reaper.router.ChatResponse;
import dev.reaper.router.Dispatch;
import dev.reaper.router.ModelRef;
import dev.reaper.router.ProviderException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Asks several candidates at once and waits for all of them, up to a deadline after which the
 * stragglers are cancelled: the common part of {@code speculate} and {@code merge}.
 */
final class Gathering {

    /** The answers that came back, in candidate order, with their buffered events. */
    record Result(List<Scorer.Answer> answers, Map<ModelRef, BufferedListener> events, List<ModelRef> cancelled,
                  RuntimeException firstFailure) {}

    private Gathering() {}

    /** What asking several came to: their answers, or the routed request when none answered and it fell back. */
    record Asked(Result got, dev.reaper.router.Router.Routed fallback) {}

    /** A strategy asking several at once needs at least two. */
    static int width(String strategy, int k) {
        if (k < 2) {
            throw new IllegalArgumentException(strategy + " needs at least 2 candidates at once, not " + k);
        }
        return k;
    }

    /**
     * Asks the first {@code k} candidates at once (one alone: cascade); when none of them answers, the
     * failure goes on to the remaining candidates in order when it is one that cascades, or is thrown.
     */
    static Asked askSeveral(Dispatch dispatch, List<ModelRef> candidates, int k, ChatRequest request,
                            dev.reaper.router.StreamListener listener, Duration deadline, Cancellation cancel) {
        List<ModelRef> asked = candidates.subList(0, Math.min(k, candidates.size()));
        if (asked.size() < 2) {
            return new Asked(null, dev.reaper.router.Cascade.from(dispatch, candidates, 0, request, listener, cancel));
        }
        Result got = gather(dispatch, asked, request, deadline, cancel);
        if (!got.answers().isEmpty()) {
            return new Asked(got, null);
        }
        RuntimeException f = got.firstFailure() != null ? got.firstFailure()
                : new ProviderException(ProviderException.Kind.CANCELLED, asked.get(0).provider(), "cancelled");
        if (f instanceof ProviderException pe && asked.size() < candidates.size()
                && dev.reaper.router.Cascade.cascades(pe.kind()) && !cancel.isCancelled()) {
            dispatch.fallingBack(asked.get(asked.size() - 1), candidates.get(asked.size()), pe);
            return new Asked(null, dev.reaper.router.Cascade.from(dispatch, candidates, asked.size(), request, listener,
                    cancel));
        }
        throw f;
    }

    static Result gather(Dispatch dispatch, List<ModelRef> models, ChatRequest request, Duration deadline,
                         Cancellation cancel) {
        Map<ModelRef, BufferedListener> events = new HashMap<>();
        try (Contenders field = new Contenders(models, cancel)) {
            for (Contenders.Contender c : field.all) {
                BufferedListener buffer = new BufferedListener();
                events.put(c.model, buffer);
                field.start(c, x -> dispatch.send(x.model, request, buffer, x.cancel));
            }
            long end = System.nanoTime() + deadline.toNanos();
            List<ModelRef> cancelled = new ArrayList<>();
            for (Contenders.Contender c : field.all) {
                try {
                    c.result.get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    c.stop();
                    cancelled.add(c.model);
                } catch (java.util.concurrent.ExecutionException e) {
                    // read through failure() below
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    field.all.forEach(Contenders.Contender::stop);
                }
            }
            field.awaitAll();
            List<Scorer.Answer> answers = new ArrayList<>();
            for (Contenders.Contender c : field.all) {
                if (c.succeeded() && !cancelled.contains(c.model)) {
                    answers.add(new Scorer.Answer(c.model, c.result.join()));
                }
            }
            RuntimeException failure = field.firstFailure();
            if (failure == null && answers.isEmpty() && !cancelled.isEmpty() && !cancel.isCancelled()) {
                failure = new ProviderException(ProviderException.Kind.TIMEOUT, models.get(0).provider(), 0,
                        "no candidate answered within " + deadline.toMillis() + " ms: " + cancelled, null);
            }
            return new Result(answers, events, cancelled, failure);
        }
    }

    /** The candidate whose answer was picked, its events replayed to the caller. */
    static ChatResponse deliver(Result gathered, int best, dev.reaper.router.StreamListener listener) {
        Scorer.Answer a = gathered.answers().get(best);
        gathered.events().get(a.model()).replayTo(listener);
        return a.response();
    }
}
