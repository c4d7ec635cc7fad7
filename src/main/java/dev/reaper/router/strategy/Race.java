package dev.reaper.router.strategy;

import dev.reaper.protocol.Cancellation;
import dev.reaper.router.BudgetExceededException;
import dev.reaper.router.Cascade;
import dev.reaper.router.ChatRequest;
import dev.reaper.router.ChatResponse;
import dev.reaper.router.Dispatch;
import dev.reaper.router.ModelRef;
import dev.reaper.router.ProviderException;
import dev.reaper.router.Router;
import dev.reaper.router.RouterObserver;
import dev.reaper.router.StreamListener;
import dev.reaper.router.Strategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Several candidates at once; the first to produce a token wins and the others are cancelled at once
 * (their connections closed; what they cost up to then is recorded like any request). Only the winner's
 * events reach the caller. With {@link #hedged}, the second candidate starts only when the first has not
 * produced a token by its usual 95th-percentile time to first token. When every contender fails before
 * a token, the remaining candidates are tried in order, as {@code cascade} would.
 */
public final class Race implements Strategy {

    private final int width;
    private final boolean hedged;
    private final Duration hedgeWithoutHistory;

    private Race(int width, boolean hedged, Duration hedgeWithoutHistory) {
        if (width < 2 || width > 3) {
            throw new IllegalArgumentException("a race has 2 or 3 contenders, not " + width);
        }
        this.width = width;
        this.hedged = hedged;
        this.hedgeWithoutHistory = hedgeWithoutHistory;
    }

    /** Starts {@code width} (2 or 3) candidates together. */
    public static Race of(int width) {
        return new Race(width, false, Duration.ZERO);
    }

    /**
     * A hedge: the second candidate starts once the first has passed its p95 time to first token (or
     * {@code withoutHistory} while that is not yet measured).
     */
    public static Race hedged(Duration withoutHistory) {
        return new Race(2, true, withoutHistory);
    }

    @Override
    public String name() {
        return hedged ? "hedge" : "race";
    }

    @Override
    public Router.Routed route(Dispatch dispatch, List<ModelRef> candidates, ChatRequest request,
                               StreamListener listener, Cancellation cancel) {
        List<ModelRef> racers = candidates.subList(0, Math.min(width, candidates.size()));
        if (racers.size() < 2) {
            return Cascade.from(dispatch, candidates, 0, request, listener, cancel);
        }
        AtomicReference<Contenders.Contender> winner = new AtomicReference<>();
        CountDownLatch decided = new CountDownLatch(1);
        List<ModelRef> cancelled = new ArrayList<>();
        // set once route() is done with the caller's listener: nothing may reach it after
        java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        try (Contenders field = new Contenders(racers, cancel)) {
            for (Contenders.Contender c : field.all) {
                if (c == field.all.get(0) || !hedged) {
                    field.start(c, x -> dispatch.send(x.model, request,
                            claiming(x, field, winner, decided, cancelled, closed, listener), x.cancel));
                }
            }
            if (hedged) {
                Contenders.Contender primary = field.all.get(0);
                long after = dispatch.latency().p95Ms(primary.model).orElse(hedgeWithoutHistory.toMillis());
                boolean primaryDone = awaitQuietly(decided, primary, after);
                if (!primaryDone && winner.get() == null && !cancel.isCancelled()) {
                    Contenders.Contender second = field.all.get(1);
                    field.start(second, x -> dispatch.send(x.model, request,
                            claiming(x, field, winner, decided, cancelled, closed, listener), x.cancel));
                    if (winner.get() != null && winner.get() != second) {
                        second.stop(); // the primary's token came while the hedge was starting
                    }
                }
            }
            Contenders.Contender first = awaitWinnerOrAll(field, winner, decided);
            if (first != null) {
                ChatResponse r;
                try {
                    r = first.result.join(); // a failure after its first token is the request's failure
                } catch (java.util.concurrent.CompletionException e) {
                    throw e.getCause() instanceof RuntimeException re ? re : e;
                }
                List<ModelRef> lost;
                synchronized (cancelled) {
                    lost = List.copyOf(cancelled);
                }
                dispatch.decided(new RouterObserver.Decision(name(), candidates, first.model, lost,
                        lost.isEmpty() ? "answered first" : "first token before " + lost));
                return new Router.Routed(r, first.model);
            }
            RuntimeException failure = field.firstFailure();
            if (failure instanceof BudgetExceededException) {
                throw failure;
            }
            int next = (int) field.all.stream().filter(c -> c.started).count();
            if (failure instanceof ProviderException pe && next < candidates.size() && Cascade.cascades(pe.kind())
                    && !cancel.isCancelled()) {
                dispatch.fallingBack(racers.get(next - 1), candidates.get(next), pe);
                closed.set(true);
                return Cascade.from(dispatch, candidates, next, request, listener, cancel);
            }
            throw failure != null ? failure
                    : new ProviderException(ProviderException.Kind.CANCELLED, racers.get(0).provider(), "cancelled");
        } finally {
            closed.set(true);
        }
    }

    /**
     * The listener of one contender: its first event claims the race (stopping the others), and only the
     * winner's events reach the caller, while the race is still open.
     */
    private static StreamListener claiming(Contenders.Contender c, Contenders field,
                                           AtomicReference<Contenders.Contender> winner, CountDownLatch decided,
                                           List<ModelRef> cancelled, java.util.concurrent.atomic.AtomicBoolean closed,
                                           StreamListener listener) {
        return event -> {
            if (winner.get() == null && winner.compareAndSet(null, c)) {
                synchronized (cancelled) {
                    cancelled.addAll(field.stopOthers(c));
                }
                decided.countDown();
            }
            if (winner.get() == c && !closed.get()) {
                listener.onEvent(event);
            }
        };
    }

    /** Waits up to {@code millis} for a token or for the primary to end; true when it ended. */
    private static boolean awaitQuietly(CountDownLatch decided, Contenders.Contender primary, long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        try {
            while (System.nanoTime() < deadline) {
                if (decided.await(10, TimeUnit.MILLISECONDS)) {
                    return false;
                }
                if (primary.result.isDone()) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return primary.result.isDone();
    }

    /**
     * The contender that produced the first token; or, when all ended without one, the first by order
     * that succeeded anyway (an empty answer); null when every one failed.
     */
    private static Contenders.Contender awaitWinnerOrAll(Contenders field, AtomicReference<Contenders.Contender> winner,
                                                         CountDownLatch decided) {
        try {
            while (!decided.await(10, TimeUnit.MILLISECONDS)) {
                boolean allDone = field.all.stream().allMatch(c -> !c.started || c.result.isDone());
                if (allDone && winner.get() == null) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            field.all.forEach(Contenders.Contender::stop);
        }
        if (winner.get() != null) {
            return winner.get();
        }
        for (Contenders.Contender c : field.all) {
            if (c.succeeded() && winner.compareAndSet(null, c)) {
                return c;
            }
        }
        return null;
    }
}
