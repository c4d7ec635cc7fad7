package dev.reaper.router.strategy;

import dev.reaper.protocol.Cancellation;
import dev.reaper.router.ChatResponse;
import dev.reaper.router.ModelRef;
import dev.reaper.router.ProviderException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Several requests of one routed request, each on its own virtual thread with its own cancellation
 * (cancelled with the caller's), for the strategies that ask more than one model at once.
 */
final class Contenders implements AutoCloseable {

    /** One model's request in flight. */
    static final class Contender {
        final ModelRef model;
        final Cancellation cancel = new Cancellation();
        final CompletableFuture<ChatResponse> result = new CompletableFuture<>();
        volatile boolean started;

        Contender(ModelRef model) {
            this.model = model;
        }

        /** The failure that ended it, or null while it runs or when it succeeded. */
        ProviderException failure() {
            if (!result.isCompletedExceptionally()) {
                return null;
            }
            try {
                result.join();
                return null;
            } catch (java.util.concurrent.CompletionException e) {
                return e.getCause() instanceof ProviderException p ? p
                        : new ProviderException(ProviderException.Kind.NETWORK, model.provider(), String.valueOf(e.getCause()));
            }
        }

        boolean succeeded() {
            return result.isDone() && !result.isCompletedExceptionally();
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

    /** Starts one contender's request on a virtual thread. */
    void start(Contender c, Function<Contender, ChatResponse> request) {
        c.started = true;
        Thread.ofVirtual().name("reaper-route-" + c.model).start(() -> {
            try {
                c.result.complete(request.apply(c));
            } catch (Throwable t) {
                c.result.completeExceptionally(t);
            }
        });
    }

    /** Cancels every contender but {@code keep} that is still running; returns their models. */
    List<ModelRef> cancelOthers(Contender keep) {
        List<ModelRef> cancelled = new ArrayList<>();
        for (Contender c : all) {
            if (c != keep && c.started && !c.result.isDone()) {
                c.cancel.cancel();
                cancelled.add(c.model);
            }
        }
        return cancelled;
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

    /** The first failure by candidate order, for when no contender succeeded. */
    ProviderException firstFailure() {
        for (Contender c : all) {
            ProviderException f = c.failure();
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    @Override
    public void close() {
        links.forEach(Cancellation.Registration::close);
    }
}
