package dev.reaper.router.select;

import dev.reaper.router.ChatRequest;
import dev.reaper.router.ModelCatalog;
import dev.reaper.router.ModelInfo;
import dev.reaper.router.ModelRef;
import dev.reaper.router.Pricing;
import dev.reaper.router.Selector;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Cheapest first, by the catalog's prices for a request of this size (estimated from the characters of
 * the conversation, not tokenised) and a typical answer. Local models cost nothing; models of unknown
 * price go last.
 */
public final class CostSelector implements Selector {

    static final int TYPICAL_OUTPUT_TOKENS = 1_000;

    private final ModelCatalog catalog;
    private final Predicate<ModelRef> local;

    public CostSelector(ModelCatalog catalog, Predicate<ModelRef> local) {
        this.catalog = catalog;
        this.local = local;
    }

    @Override
    public String name() {
        return "cost";
    }

    @Override
    public List<ModelRef> order(List<ModelRef> candidates, ChatRequest request, StringBuilder why) {
        long inputTokens = RequestSize.estimateTokens(request);
        List<ModelRef> ordered = candidates.stream()
                .sorted(Comparator.comparingDouble((ModelRef m) -> estimate(m, inputTokens)))
                .toList();
        if (!ordered.equals(candidates)) {
            why.append(why.isEmpty() ? "" : "; ").append("cost: ").append(ordered.get(0)).append(" cheapest");
        }
        return ordered;
    }

    double estimate(ModelRef m, long inputTokens) {
        if (local.test(m)) {
            return 0;
        }
        return catalog.find(m).flatMap(ModelInfo::pricing)
                .map((Pricing p) -> (p.input() * inputTokens + p.output() * TYPICAL_OUTPUT_TOKENS) / 1_000_000.0)
                .orElse(Double.MAX_VALUE);
    }
}
