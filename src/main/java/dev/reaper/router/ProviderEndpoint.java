package dev.reaper.router;

import dev.reaper.secret.Secret;
import java.util.Map;
import java.util.Optional;

/**
 * A configured provider: data only, merged from built-in presets, the environment and config.toml.
 *
 * @param name       the provider name used in model ids ({@code anthropic}, {@code local-vllm}, ...)
 * @param wireApi    which adapter speaks to it ({@code anthropic}, {@code openai-chat}, {@code openai-responses},
 *                   {@code azure-openai}, {@code gemini}, {@code ollama}, ...)
 * @param baseUrl    the API root, without a trailing slash
 * @param apiKey     the credential, if any
 * @param keySource  where a required key comes from (an environment variable name), or null when the
 *                   provider needs none (local servers)
 * @param headers    extra headers sent with every request
 * @param options    provider-specific settings that are not secret ({@code region}, {@code api_version},
 *                   {@code project}, {@code location}, {@code credentials_file}, ...)
 * @param secrets    provider-specific credentials beyond the key ({@code secret_access_key},
 *                   {@code session_token}, ...), masked like the key
 */
public record ProviderEndpoint(String name, String wireApi, String baseUrl, Optional<Secret> apiKey,
                               String keySource, Map<String, String> headers, Timeouts timeouts,
                               int maxRetries, Map<String, String> options, Map<String, Secret> secrets) {

    public ProviderEndpoint {
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        headers = Map.copyOf(headers);
        options = Map.copyOf(options);
        secrets = Map.copyOf(secrets);
    }

    public ProviderEndpoint(String name, String wireApi, String baseUrl, Optional<Secret> apiKey, String keySource,
                            Map<String, String> headers, Timeouts timeouts, int maxRetries) {
        this(name, wireApi, baseUrl, apiKey, keySource, headers, timeouts, maxRetries, Map.of(), Map.of());
    }

    public Optional<String> option(String key) {
        return Optional.ofNullable(options.get(key));
    }

    public Optional<Secret> secret(String key) {
        return Optional.ofNullable(secrets.get(key));
    }

    /** The key's value for a request header; empty when none is configured. */
    public String keyValue() {
        return apiKey.map(Secret::reveal).orElse("");
    }
}
