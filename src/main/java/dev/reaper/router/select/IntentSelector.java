package dev.reaper.router.select;

import dev.reaper.router.ChatRequest;
import dev.reaper.router.ModelCatalog;
import dev.reaper.router.ModelInfo;
import dev.reaper.router.ModelRef;
import dev.reaper.router.Selector;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Puts first the candidates fit for the kind of task: models that see images for a screenshot, reasoning
 * models for design questions and mathematics, models with tool calls for code and tests. The rest keep
 * their order behind them.
 */
public final class IntentSelector implements Selector {

    private final ModelCatalog catalog;

    public IntentSelector(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public String name() {
        return "intent";
    }

    @Override
    public List<ModelRef> order(List<ModelRef> candidates, ChatRequest request, StringBuilder why) {
        Intent intent = Intent.of(request);
        List<ModelRef> ordered = candidates.stream()
                .sorted(Comparator.comparingInt((ModelRef m) -> fits(intent, catalog.find(m)) ? 0 : 1))
                .toList();
        if (!ordered.equals(candidates)) {
            why.append(why.isEmpty() ? "" : "; ").append("intent ").append(intent.name().toLowerCase(java.util.Locale.ROOT))
                    .append(": ").append(ordered.get(0)).append(" first");
        }
        return ordered;
    }

    static boolean fits(Intent intent, Optional<ModelInfo> info) {
        if (info.isEmpty()) {
            return false;
        }
        ModelInfo i = info.get();
        return switch (intent) {
            case VISION -> i.vision();
            case REASONING, MATH -> i.reasoning();
            case CODE, TESTS -> i.toolCalls();
        };
    }
}
