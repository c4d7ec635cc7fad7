package dev.reaper.router.strategy;

import dev.reaper.protocol.Cancellation;
import dev.reaper.router.BudgetExceededException;
import dev.reaper.router.ChatResponse;
import dev.reaper.router.ModelRef;
import dev.reaper.router.ProviderException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Several requests of one routed request, each on its own virtual thread with its own cancellation
 * (cancelled with the caller's), for the strategies that ask more than one model at once. Closing it
 * cancels whatever still runs and waits for it, so no contender outlives the routed request.
 */
final class Contenders implements AutoCloseable {

    /** One model's request in flight. */
    static final class Contender {
        final ModelRef model;
        final Cancellation cancel = new Cancellation();
        final CompletableFuture<ChatResponse> result = new CompletableFuture<>();
        volatile boolean started;
        /** Stopped by the strategy (lost the race, missed the deadline), not failed by itself. */
        volatile boolean stopped;

        Contender(ModelRef model) {
            this.model = model;
        }

        /** What ended it, or null while it runs or when it succeeded: a provider failure or a budget refusal. */
        RuntimeException failure() {
            if (!result.isCompletedExceptionally()) {
                return null;
            }
            try {
                result.join();
                return null;
            } catch (CompletionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof ProviderException || cause instanceof BudgetExceededException) {
                    return (RuntimeException) cause;
                }
                return new ProviderException(ProviderException.Kind.NETWORK, model.provider(), 0,
                        model + " failed: " + cause, null);
            }
        }

        boolean succeeded() {
            return result.isDone() && !result.isCompletedExceptionally();
        }

        /** Stops it, started or not: one not yet started never sends. */
        void stop() {
            stopped = true;
            cancel.cancel();
        }
    }

    final List<Contender> all = new ArrayList<>();
    private final List<Cancellation.Registration> links = new ArrayList<>();

    Contenders(List<ModelRef> models, Cancellation parent) {
        for (ModelRef m : models) {
            Contender c = new Contender(m);
            all.add(c);
            links.add(parent.onCancel(c.cancel::cancel));
        }
    }

    /** Starts one contender's request on a virtual thread, unless it was stopped already. */
    void start(Contender c, Function<Contender, ChatResponse> request) {
        if (c.stopped) {
            return;
        }
        c.started = true;
        Thread.ofVirtual().name("reaper-route-" + c.model).start(() -> {
            try {
                c.result.complete(request.apply(c));
            } catch (Throwable t) {
                c.result.completeExceptionally(t);
            }
        });
    }

    /** Stops every contender but {@code keep}; returns those that were running. */
    List<ModelRef> stopOthers(Contender keep) {
        List<ModelRef> stopped = new ArrayList<>();
        for (Contender c : all) {
            if (c != keep && !c.result.isDone()) {
                if (c.started) {
                    stopped.add(c.model);
                }
                c.stop();
            }
        }
        return stopped;
    }

    /** Waits until every started contender has ended. */
    void awaitAll() {
        for (Contender c : all) {
            if (c.started) {
                try {
                    c.result.join();
                } catch (RuntimeException ignored) {
                    // its failure is read through failure()
                }
            }
        }
    }

    /**
     * The first failure by candidate order of a contender that failed by itself (a budget refusal
     * first of all), for when no contender succeeded; null when every one was stopped.
     */
    RuntimeException firstFailure() {
        RuntimeException first = null;
        for (Contender c : all) {
            RuntimeException f = c.stopped ? null : c.failure();
            if (f instanceof BudgetExceededException) {
                return f;
            }
            if (f != null && first == null) {
                first = f;
            }
        }
        return first;
    }

    @Override
    public void close() {
        all.forEach(c -> {
            if (!c.result.isDone()) {
                c.stop();
            }
        });
        awaitAll();
        links.forEach(Cancellation.Registration::close);
    }
}
