package dev.reaper.agent;

import dev.reaper.protocol.Cancellation;
import dev.reaper.protocol.Usage;
import dev.reaper.router.BudgetExceededException;
import dev.reaper.router.BudgetGuard;
import dev.reaper.router.ChatRequest;
import dev.reaper.router.ModelRef;
import dev.reaper.router.ProviderException;
import dev.reaper.router.Router;
import dev.reaper.router.RouterObserver;
import dev.reaper.router.StreamEvent;
import dev.reaper.store.UsageLedger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One prompt sent to several models at once, each answer streamed into its own column with its cost and
 * latency, so the user can pick the one to continue with. Tool calls are not run: a model that would call
 * tools shows which.
 */
public final class Comparison {

    /** Receives each model's stream; called from the models' threads. */
    public interface Listener {
        void delta(int index, String text);

        void finished(int index, Result result);
    }

    /** One model's answer, or its error. */
    public record Result(ModelRef model, String text, Usage usage, double costUsd, boolean priced,
                         long timeToFirstTokenMs, long durationMs, String error) {}

    private Comparison() {}

    /** Runs all models in parallel and returns when every one has finished (or failed). */
    public static List<Result> run(Router router, List<ModelRef> models, ChatRequest request, BudgetGuard budget,
                                   UsageLedger ledger, String sessionId, String workspace, EventSink events,
                                   Cancellation cancel, Listener listener) {
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < models.size(); i++) {
            results.add(null);
        }
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < models.size(); i++) {
                int index = i;
                ModelRef model = models.get(i);
                pool.submit(() -> {
                    Result r = one(router, model, request, budget, ledger, sessionId, workspace, events, cancel,
                            text -> listener.delta(index, text));
                    synchronized (results) {
                        results.set(index, r);
                    }
                    listener.finished(index, r);
                });
            }
        }
        return results;
    }

    private static Result one(Router router, ModelRef model, ChatRequest request, BudgetGuard budget,
                              UsageLedger ledger, String sessionId, String workspace, EventSink events,
                              Cancellation cancel, java.util.function.Consumer<String> deltas) {
        UsageRecorder recorder = new UsageRecorder(events, ledger, sessionId, workspace, Clock.systemUTC());
        RouterObserver.Attempt[] last = {null};
        RouterObserver observer = new RouterObserver() {
            @Override
            public void attemptFinished(Attempt a) {
                last[0] = a;
                recorder.attemptFinished(a);
            }
        };
        try {
            var routed = router.chat(List.of(model), request, e -> {
                if (e instanceof StreamEvent.TextDelta t) {
                    deltas.accept(t.text());
                } else if (e instanceof StreamEvent.ToolCallCompleted c && !c.serverSide()) {
                    deltas.accept("\n[would call " + c.call().name() + " " + c.call().argumentsJson() + "]\n");
                }
            }, budget, observer, cancel);
            RouterObserver.Attempt a = last[0];
            return new Result(model, routed.response().message().text(), routed.response().usage(),
                    a == null ? 0 : a.costUsd(), a != null && a.priced(), a == null ? -1 : a.timeToFirstTokenMs(),
                    a == null ? 0 : a.durationMs(), null);
        } catch (ProviderException | BudgetExceededException e) {
            RouterObserver.Attempt a = last[0];
            return new Result(model, "", a == null ? Usage.ZERO : a.usage(), a == null ? 0 : a.costUsd(),
                    a != null && a.priced(), -1, a == null ? 0 : a.durationMs(), e.getMessage());
        }
    }
}
