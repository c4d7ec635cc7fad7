package dev.reaper.app;

import dev.reaper.config.Config;
import dev.reaper.config.ConfigException;
import dev.reaper.router.ModelRef;
import dev.reaper.router.ProviderEndpoint;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Which models a session uses, in order: {@code --model a/x,b/y} as given; else the configured model and
 * its fallbacks; else the default model of the first built-in provider that has its key (or key file).
 */
public final class ModelSelection {

    private ModelSelection() {}

    public static List<ModelRef> candidates(Optional<String> flag, Config config, Providers providers) {
        if (flag.isPresent()) {
            try {
                return parseList(flag.get(), "--model");
            } catch (ConfigException e) {
                throw new UserInputException(e.getMessage());
            }
        }
        if (config.model().isPresent()) {
            LinkedHashSet<ModelRef> all = new LinkedHashSet<>(parseList(config.model().get(), "model in config.toml"));
            for (String f : config.fallbacks()) {
                all.add(parse(f, "fallbacks in config.toml"));
            }
            return new ArrayList<>(all);
        }
        for (ProviderPreset preset : ProviderPreset.ALL) {
            if (preset.defaultModel() == null) {
                continue;
            }
            Optional<ProviderEndpoint> e = providers.find(preset.name());
            if (e.isPresent() && providers.isConfigured(e.get())) {
                return List.of(new ModelRef(preset.name(), preset.defaultModel()));
            }
        }
        throw new ConfigException("no model is configured: set ANTHROPIC_API_KEY, OPENAI_API_KEY or GEMINI_API_KEY,"
                + " or choose one with --model (for example --model ollama/qwen2.5-coder:7b)");
    }

    private static List<ModelRef> parseList(String text, String where) {
        List<ModelRef> out = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                out.add(parse(part, where));
            }
        }
        if (out.isEmpty()) {
            throw new ConfigException(where + " is empty: give provider/model");
        }
        return out;
    }

    private static ModelRef parse(String text, String where) {
        try {
            return ModelRef.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where + ": " + e.getMessage());
        }
    }
}
