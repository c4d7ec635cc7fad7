package dev.reaper.router.select;

import dev.reaper.router.ChatRequest;
import dev.reaper.router.LatencyStats;
import dev.reaper.router.ModelRef;
import dev.reaper.router.Selector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Fastest first, by the moving average of each model's measured time to first token; models not yet
 * measured keep their place after the measured ones. For a short task, local models come first whatever
 * their measurements: no network, no queue, no cost.
 */
public final class LatencySelector implements Selector {

    /** Requests under this many (estimated) tokens are short tasks. */
    static final long SHORT_TASK_TOKENS = 2_000;

    private final LatencyStats latency;
    private final Predicate<ModelRef> local;

    public LatencySelector(LatencyStats latency, Predicate<ModelRef> local) {
        this.latency = latency;
        this.local = local;
    }

    @Override
    public String name() {
        return "latency";
    }

    @Override
    public List<ModelRef> order(List<ModelRef> candidates, ChatRequest request, StringBuilder why) {
        boolean shortTask = RequestSize.estimateTokens(request) < SHORT_TASK_TOKENS;
        List<ModelRef> measured = new ArrayList<>(candidates.stream().filter(m -> latency.ewmaMs(m).isPresent()).toList());
        measured.sort(Comparator.comparingLong(m -> latency.ewmaMs(m).getAsLong()));
        List<ModelRef> ordered = new ArrayList<>(measured);
        candidates.stream().filter(m -> latency.ewmaMs(m).isEmpty()).forEach(ordered::add);
        if (shortTask) {
            List<ModelRef> locals = ordered.stream().filter(local).toList();
            ordered.removeAll(locals);
            ordered.addAll(0, locals);
        }
        if (!ordered.equals(candidates)) {
            ModelRef first = ordered.get(0);
            why.append(why.isEmpty() ? "" : "; ").append("latency: ").append(first).append(" first (")
                    .append(shortTask && local.test(first) ? "local, short task"
                            : "about " + latency.ewmaMs(first).orElse(0) + " ms to first token").append(')');
        }
        return List.copyOf(ordered);
    }
}
