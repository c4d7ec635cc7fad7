package dev.reaper.providers.openai;

import dev.reaper.router.ProviderEndpoint;
import dev.reaper.router.ProviderException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where Azure OpenAI requests go and how they authenticate. The resource endpoint
 * ({@code https://NAME.openai.azure.com}, from AZURE_OPENAI_ENDPOINT) serves each model under a deployment
 * the user named, at {@code /openai/deployments/{deployment}/...?api-version=V}, and the newer v1 API at
 * {@code /openai/v1/...}. The key goes in an {@code api-key} header, never in the URL.
 */
final class AzureEndpoint {

    /** The data-plane API version used when neither AZURE_OPENAI_API_VERSION nor config names one. */
    static final String DEFAULT_API_VERSION = "2024-10-21";

    private AzureEndpoint() {}

    /** {@code {resource}/openai/deployments/{deployment}/{operation}?api-version=V}. */
    static String deploymentUrl(ProviderEndpoint endpoint, String deployment, String operation) {
        return resource(endpoint) + "/openai/deployments/" + encode(deployment) + "/" + operation
                + "?api-version=" + encode(apiVersion(endpoint));
    }

    /** {@code {resource}/openai/{operation}?api-version=V}, for calls outside a deployment. */
    static String resourceUrl(ProviderEndpoint endpoint, String operation) {
        return resource(endpoint) + "/openai/" + operation + "?api-version=" + encode(apiVersion(endpoint));
    }

    /** {@code {resource}/openai/v1/{operation}}: the v1 API takes no version. */
    static String v1Url(ProviderEndpoint endpoint, String operation) {
        return resource(endpoint) + "/openai/v1/" + operation;
    }

    static String apiVersion(ProviderEndpoint endpoint) {
        return endpoint.option("api_version").filter(v -> !v.isBlank()).orElse(DEFAULT_API_VERSION);
    }

    /** The endpoint's own headers plus the key in {@code api-key}, when it has one. */
    static Map<String, String> headers(ProviderEndpoint endpoint) {
        Map<String, String> headers = new LinkedHashMap<>(endpoint.headers());
        if (endpoint.apiKey().isPresent()) {
            headers.put("api-key", endpoint.keyValue());
        }
        return headers;
    }

    /**
     * The resource root. An endpoint given with the {@code /openai} or {@code /openai/v1} path some tools
     * expect is accepted too. Fails with the variable to set when there is none.
     */
    private static String resource(ProviderEndpoint endpoint) {
        String base = endpoint.baseUrl();
        if (base.isBlank()) {
            throw new ProviderException(ProviderException.Kind.CONFIG, endpoint.name(),
                    endpoint.name() + " has no endpoint: set AZURE_OPENAI_ENDPOINT to your resource's URL"
                            + " (https://NAME.openai.azure.com), or base_url in [providers." + endpoint.name()
                            + "] of config.toml");
        }
        for (String suffix : new String[] {"/openai/v1", "/openai"}) {
            if (base.endsWith(suffix)) {
                return base.substring(0, base.length() - suffix.length());
            }
        }
        return base;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
