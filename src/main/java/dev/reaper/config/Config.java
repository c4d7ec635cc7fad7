package dev.reaper.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The merged configuration (user config.toml, then the project's .reaper/config.toml over it). Every
 * key is optional; {@link #raw()} keeps the merged tree for sections read elsewhere.
 *
 * @param sources  the files that were read, in order
 * @param warnings keys that were not understood
 */
public record Config(Optional<String> model, List<String> fallbacks, Optional<String> permissionMode,
                     Optional<Integer> maxTurns, Optional<Integer> maxOutputTokens,
                     Map<String, ProviderConfig> providers, Map<String, ModelOverride> models,
                     Permissions permissions, Network network, JsonNode raw, List<Path> sources,
                     List<String> warnings) {

    /** {@code [permissions]}: rules, and directories outside the workspace the agent may use. */
    public record Permissions(List<String> allow, List<String> ask, List<String> deny,
                              List<Path> additionalDirectories) {}

    /** {@code [network]}: timeouts and retries for every provider. */
    public record Network(Duration connectTimeout, Duration firstTokenTimeout, Duration idleTimeout,
                          int maxRetries) {}
}
