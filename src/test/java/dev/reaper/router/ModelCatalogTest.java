package dev.reaper.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelCatalogTest {

    private static ModelInfo model(String id, long context) {
        return new ModelInfo(id, context, 8192, Optional.of(new Pricing(3, 15, 0.3, 3.75)), true, false, false);
    }

    private static final ModelCatalog CATALOG = ModelCatalog.of(List.of(
            model("anthropic/claude-sonnet-4-20250514", 1),
            model("anthropic/claude-sonnet-4-5-20250929", 2),
            model("anthropic/claude-3-5-sonnet-20240620", 3),
            model("anthropic/claude-3-5-sonnet-20241022", 4),
            model("openai/gpt-4o", 5),
            model("openai/gpt-4o-mini", 6),
            model("mistral/mistral-large-latest", 7),
            model("google/gemini-2.5-pro", 8)));

    private static Optional<String> find(ModelCatalog c, String ref) {
        return c.find(ModelRef.parse(ref)).map(ModelInfo::id);
    }

    @Test
    void findsAnExactEntry() {
        assertThat(find(CATALOG, "openai/gpt-4o")).contains("openai/gpt-4o");
        assertThat(find(CATALOG, "openai/gpt-4o-mini")).contains("openai/gpt-4o-mini");
        assertThat(find(CATALOG, "mistral/mistral-large-latest")).contains("mistral/mistral-large-latest");
    }

    @Test
    void aDatedNameFindsItsUndatedEntry() {
        assertThat(find(CATALOG, "openai/gpt-4o-2024-08-06")).contains("openai/gpt-4o");
        assertThat(find(CATALOG, "google/gemini-2.5-pro-20250605")).contains("google/gemini-2.5-pro");
    }

    @Test
    void aLatestAliasFindsItsFamily() {
        assertThat(find(CATALOG, "openai/gpt-4o-latest")).contains("openai/gpt-4o");
        assertThat(find(CATALOG, "anthropic/claude-3-5-sonnet-latest")).contains("anthropic/claude-3-5-sonnet-20241022");
    }

    @Test
    void aFamilyNameFindsItsNewestDatedEntry() {
        assertThat(find(CATALOG, "anthropic/claude-3-5-sonnet")).contains("anthropic/claude-3-5-sonnet-20241022");
    }

    @Test
    void aFamilyNameDoesNotFindALaterVersionOfTheFamily() {
        assertThat(find(CATALOG, "anthropic/claude-sonnet-4")).contains("anthropic/claude-sonnet-4-20250514");
        assertThat(find(CATALOG, "anthropic/claude-sonnet-4-5")).contains("anthropic/claude-sonnet-4-5-20250929");
    }

    @Test
    void aVertexStyleAtDateFindsTheFamily() {
        assertThat(find(CATALOG, "anthropic/claude-sonnet-4@20250514")).contains("anthropic/claude-sonnet-4-20250514");
    }

    @Test
    void anyOllamaModelIsKnownAndFree() {
        ModelInfo m = CATALOG.find(ModelRef.parse("ollama/qwen3:8b")).orElseThrow();

        assertThat(m).isEqualTo(new ModelInfo("ollama/qwen3:8b", 32_768, 0, Optional.of(Pricing.FREE), true, false,
                false));
    }

    @Test
    void anUnknownModelIsEmpty() {
        assertThat(find(CATALOG, "openai/gpt-99")).isEmpty();
        assertThat(find(CATALOG, "nobody/gpt-4o")).isEmpty();
        assertThat(find(CATALOG, "openai/gpt-4")).as("a prefix is not a family").isEmpty();
    }

    @Test
    void overridesReplaceOrAddShippedEntries() {
        ModelInfo cheaper = new ModelInfo("anthropic/claude-sonnet-4-5", 1_000_000, 64_000,
                Optional.of(new Pricing(1, 2, 0.1, 1)), true, true, true);
        ModelInfo mine = new ModelInfo("local/my-model", 8192, 1024, Optional.empty(), false, false, false);

        ModelCatalog c = ModelCatalog.load(Map.of(cheaper.id(), cheaper, mine.id(), mine));

        assertThat(c.find(ModelRef.parse("anthropic/claude-sonnet-4-5"))).contains(cheaper);
        assertThat(c.find(ModelRef.parse("local/my-model"))).contains(mine);
        assertThat(c.find(ModelRef.parse("openai/gpt-4o"))).isPresent();
    }

    @Test
    void theShippedCatalogKnowsTheDefaultModelsWithPrices() {
        ModelCatalog shipped = ModelCatalog.load(Map.of());

        for (String ref : List.of("anthropic/claude-sonnet-4-5", "openai/gpt-5", "google/gemini-2.5-pro")) {
            ModelInfo m = shipped.find(ModelRef.parse(ref)).orElseThrow(() -> new AssertionError(ref));
            assertThat(m.contextWindow()).as(ref).isPositive();
            assertThat(m.pricing()).as(ref).isPresent();
        }
        assertThat(shipped.ofProvider("anthropic")).isNotEmpty()
                .allSatisfy(m -> assertThat(m.id()).startsWith("anthropic/"));
    }
}
