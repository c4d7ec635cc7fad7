package dev.reaper.app;

import dev.reaper.config.ConfigException;
import dev.reaper.config.ModelOverride;
import dev.reaper.router.ModelCatalog;
import dev.reaper.router.ModelInfo;
import dev.reaper.router.ModelRef;
import dev.reaper.router.Pricing;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Applies {@code [models."provider/model"]} tables of config.toml to the shipped catalog, key by key. */
final class CatalogOverrides {

    private CatalogOverrides() {}

    static ModelCatalog apply(ModelCatalog shipped, Map<String, ModelOverride> overrides) {
        if (overrides.isEmpty()) {
            return shipped;
        }
        List<ModelInfo> entries = new ArrayList<>();
        for (Map.Entry<String, ModelOverride> e : overrides.entrySet()) {
            ModelRef ref;
            try {
                ref = ModelRef.parse(e.getKey());
            } catch (IllegalArgumentException bad) {
                throw new ConfigException("[models.\"" + e.getKey() + "\"] in config.toml: " + bad.getMessage());
            }
            Optional<ModelInfo> base = shipped.find(ref);
            ModelOverride o = e.getValue();
            Optional<Pricing> basePrice = base.flatMap(ModelInfo::pricing);
            Optional<Pricing> price = Optional.empty();
            if (o.inputPrice().isPresent() || o.outputPrice().isPresent() || basePrice.isPresent()) {
                double in = o.inputPrice().orElse(basePrice.map(Pricing::input).orElse(0.0));
                price = Optional.of(new Pricing(in,
                        o.outputPrice().orElse(basePrice.map(Pricing::output).orElse(0.0)),
                        o.cacheReadPrice().orElse(basePrice.map(Pricing::cacheRead).orElse(in)),
                        o.cacheWritePrice().orElse(basePrice.map(Pricing::cacheWrite).orElse(in))));
            }
            entries.add(new ModelInfo(ref.toString(),
                    o.contextWindow().orElse(base.map(ModelInfo::contextWindow).orElse(0L)),
                    o.maxOutput().orElse(base.map(ModelInfo::maxOutput).orElse(0L)), price,
                    base.map(ModelInfo::toolCalls).orElse(true), base.map(ModelInfo::reasoning).orElse(false),
                    base.map(ModelInfo::vision).orElse(false)));
        }
        return shipped.with(entries);
    }
}
