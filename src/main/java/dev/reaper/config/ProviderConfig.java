package dev.reaper.config;

import java.util.Map;
import java.util.Optional;

/**
 * A {@code [providers.NAME]} table.
 *
 * @param apiKeyEnv the variable holding the key, overriding the provider's usual one
 * @param apiKey    a key written in the file itself (discouraged; masked everywhere)
 * @param wireApi   {@code anthropic}, {@code openai-chat}, {@code openai-responses}, {@code gemini},
 *                  {@code ollama}, ...
 * @param apiKeysEnv variables holding several keys of the provider, used in turn on rate limits
 * @param options   the table's other string settings, for the providers that read them
 *                  ({@code region}, {@code api_version}, {@code project}, {@code location}, ...)
 */
public record ProviderConfig(Optional<String> baseUrl, Optional<String> apiKeyEnv, Optional<String> apiKey,
                             Optional<String> wireApi, Map<String, String> headers, Optional<Integer> maxRetries,
                             java.util.List<String> apiKeysEnv, Map<String, String> options) {

    public static final ProviderConfig EMPTY = new ProviderConfig(Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Map.of(), Optional.empty(), java.util.List.of(), Map.of());

    public ProviderConfig(Optional<String> baseUrl, Optional<String> apiKeyEnv, Optional<String> apiKey,
                          Optional<String> wireApi, Map<String, String> headers, Optional<Integer> maxRetries) {
        this(baseUrl, apiKeyEnv, apiKey, wireApi, headers, maxRetries, java.util.List.of(), Map.of());
    }

    public ProviderConfig {
        apiKeysEnv = java.util.List.copyOf(apiKeysEnv);
        options = Map.copyOf(options);
    }
}
