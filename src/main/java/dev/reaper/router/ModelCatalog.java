package dev.reaper.router;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The offline model catalog shipped with Reaper (context windows, output limits, prices), with the
 * user's overrides on top. Lookups forgive dated and {@code -latest} variants, so
 * {@code anthropic/claude-sonnet-4} finds {@code claude-sonnet-4-20250514}. Models of local providers
 * (Ollama) cost nothing.
 */
public final class ModelCatalog {

    private static final String RESOURCE = "catalog.json";
    private static final Pattern DATE_SUFFIX = Pattern.compile("[-@](20\\d{6}|\\d{4}-\\d{2}-\\d{2})$");
    private static final Pattern DATE = Pattern.compile("20\\d{6}|\\d{4}-\\d{2}-\\d{2}");
    private static final long LOCAL_DEFAULT_CONTEXT = 32_768;

    private final Map<String, ModelInfo> models;

    private ModelCatalog(Map<String, ModelInfo> models) {
        this.models = models;
    }

    /** The shipped catalog with overrides (by {@code provider/model}) replacing or adding entries. */
    public static ModelCatalog load(Map<String, ModelInfo> overrides) {
        Map<String, ModelInfo> all = new LinkedHashMap<>(readShipped());
        all.putAll(overrides);
        return new ModelCatalog(all);
    }

    /** This catalog with entries replaced or added. */
    public ModelCatalog with(Collection<ModelInfo> entries) {
        Map<String, ModelInfo> all = new LinkedHashMap<>(models);
        entries.forEach(m -> all.put(m.id(), m));
        return new ModelCatalog(all);
    }

    public static ModelCatalog of(Collection<ModelInfo> entries) {
        Map<String, ModelInfo> all = new LinkedHashMap<>();
        entries.forEach(m -> all.put(m.id(), m));
        return new ModelCatalog(all);
    }

    private static Map<String, ModelInfo> readShipped() {
        try (InputStream in = ModelCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return Map.of();
            }
            JsonNode root = Json.MAPPER.readTree(in);
            Map<String, ModelInfo> out = new LinkedHashMap<>();
            for (JsonNode m : root.path("models")) {
                String id = m.path("id").asText();
                Optional<Pricing> pricing = m.has("in")
                        ? Optional.of(new Pricing(m.path("in").asDouble(), m.path("out").asDouble(),
                                m.path("cr").asDouble(m.path("in").asDouble()), m.path("cw").asDouble(m.path("in").asDouble())))
                        : Optional.empty();
                out.put(id, new ModelInfo(id, m.path("context").asLong(), m.path("output").asLong(), pricing,
                        m.path("tools").asBoolean(), m.path("reasoning").asBoolean(), m.path("vision").asBoolean()));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("the shipped model catalog is unreadable", e);
        }
    }

    public Collection<ModelInfo> all() {
        return models.values();
    }

    public Optional<ModelInfo> find(ModelRef ref) {
        String exact = ref.toString();
        ModelInfo m = models.get(exact);
        if (m != null) {
            return Optional.of(m);
        }
        String base = DATE_SUFFIX.matcher(ref.model()).replaceFirst("");
        if (base.endsWith("-latest")) {
            base = base.substring(0, base.length() - "-latest".length());
        }
        m = models.get(ref.provider() + "/" + base);
        if (m != null) {
            return Optional.of(m);
        }
        // A family name for a dated release: the newest dated entry wins.
        String prefix = ref.provider() + "/" + base + "-";
        ModelInfo best = null;
        for (Map.Entry<String, ModelInfo> e : models.entrySet()) {
            String id = e.getKey();
            // Only a date may follow the family name: claude-sonnet-4 is not claude-sonnet-4-5-20250929.
            if (id.startsWith(prefix) && DATE.matcher(id.substring(prefix.length())).matches()
                    && (best == null || id.compareTo(best.id()) > 0)) {
                best = e.getValue();
            }
        }
        if (best != null) {
            return Optional.of(best);
        }
        if (ref.provider().equals("ollama")) {
            return Optional.of(new ModelInfo(exact, LOCAL_DEFAULT_CONTEXT, 0, Optional.of(Pricing.FREE),
                    true, false, false));
        }
        return Optional.empty();
    }

    /** Models of one provider, in catalog order. */
    public List<ModelInfo> ofProvider(String provider) {
        List<ModelInfo> out = new ArrayList<>();
        for (ModelInfo m : models.values()) {
            if (m.id().startsWith(provider + "/")) {
                out.add(m);
            }
        }
        return out;
    }
}
