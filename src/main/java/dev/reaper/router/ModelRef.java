package dev.reaper.router;

import java.util.Locale;
import java.util.Objects;

/**
 * A model named as {@code provider/model}. The model part may itself contain slashes
 * ({@code openrouter/anthropic/claude-sonnet-4}); the provider is everything before the first one.
 */
public record ModelRef(String provider, String model) {

    public ModelRef {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
    }

    /** Parses {@code provider/model}; throws with a message saying the expected form. */
    public static ModelRef parse(String text) {
        String t = text == null ? "" : text.strip();
        int slash = t.indexOf('/');
        if (slash <= 0 || slash == t.length() - 1) {
            throw new IllegalArgumentException("model '" + text
                    + "' is not of the form provider/model (for example anthropic/claude-sonnet-4-5)");
        }
        String provider = t.substring(0, slash).toLowerCase(Locale.ROOT);
        if (provider.equals("gemini")) {
            provider = "google";
        }
        return new ModelRef(provider, t.substring(slash + 1));
    }

    @Override
    public String toString() {
        return provider + "/" + model;
    }
}
