package dev.reaper.config;

import java.util.Map;
import java.util.Optional;

/**
 * A {@code [providers.NAME]} table.
 *
 * @param apiKeyEnv the variable holding the key, overriding the provider's usual one
 * @param apiKey    a key written in the file itself (discouraged; masked everywhere)
 * @param wireApi   {@code anthropic}, {@code openai-chat}, {@code gemini} or {@code ollama}
 */
public record ProviderConfig(Optional<String> baseUrl, Optional<String> apiKeyEnv, Optional<String> apiKey,
                             Optional<String> wireApi, Map<String, String> headers, Optional<Integer> maxRetries) {

    public static final ProviderConfig EMPTY = new ProviderConfig(Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Map.of(), Optional.empty());
}
