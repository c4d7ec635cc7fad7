package dev.reaper.app;

import java.util.List;
import java.util.Map;

/**
 * A provider Reaper knows out of the box: its wire API, default endpoint, and the environment variables
 * that hold its key and override its endpoint, as the provider's own SDKs name them.
 *
 * @param keyVars   variables that may hold the key, first found wins; empty when no key is needed
 * @param defaultModel the model used when this provider is the only one configured, or null
 * @param optionVars   provider options read from the environment: option name to the variables that may
 *                     hold it, first found wins (config.toml's {@code [providers.NAME]} keys win over them)
 * @param secretVars   credentials beyond the key, the same way ({@code secret_access_key} from
 *                     {@code AWS_SECRET_ACCESS_KEY})
 * @param credentialsFile the option naming a key file that stands in for the key, or null when the
 *                        provider takes a key (or nothing)
 */
public record ProviderPreset(String name, String wireApi, String baseUrl, List<String> keyVars,
                             List<String> baseUrlVars, String defaultModel, Map<String, List<String>> optionVars,
                             Map<String, List<String>> secretVars, CredentialsFile credentialsFile) {

    /**
     * A provider whose credential is a file (Vertex AI's service-account key): the option holding its
     * path, and what to tell a user who has not set it.
     */
    public record CredentialsFile(String option, String setupHint) {}

    public ProviderPreset(String name, String wireApi, String baseUrl, List<String> keyVars, List<String> baseUrlVars,
                          String defaultModel) {
        this(name, wireApi, baseUrl, keyVars, baseUrlVars, defaultModel, Map.of(), Map.of());
    }

    public ProviderPreset(String name, String wireApi, String baseUrl, List<String> keyVars, List<String> baseUrlVars,
                          String defaultModel, Map<String, List<String>> optionVars,
                          Map<String, List<String>> secretVars) {
        this(name, wireApi, baseUrl, keyVars, baseUrlVars, defaultModel, optionVars, secretVars, null);
    }

    public static final List<ProviderPreset> ALL = List.of(
            new ProviderPreset("anthropic", "anthropic", "https://api.anthropic.com",
                    List.of("ANTHROPIC_API_KEY"), List.of("ANTHROPIC_BASE_URL"), "claude-sonnet-4-5"),
            new ProviderPreset("openai", "openai-chat", "https://api.openai.com/v1",
                    List.of("OPENAI_API_KEY"), List.of("OPENAI_BASE_URL"), "gpt-5"),
            new ProviderPreset("google", "gemini", "https://generativelanguage.googleapis.com",
                    List.of("GEMINI_API_KEY", "GOOGLE_API_KEY"), List.of("GOOGLE_GEMINI_BASE_URL"), "gemini-2.5-pro"),
            new ProviderPreset("ollama", "ollama", "http://127.0.0.1:11434",
                    List.of(), List.of("OLLAMA_HOST"), null),
            new ProviderPreset("azure", "azure-openai", "", List.of("AZURE_OPENAI_API_KEY"),
                    List.of("AZURE_OPENAI_ENDPOINT"), null,
                    Map.of("api_version", List.of("AZURE_OPENAI_API_VERSION", "OPENAI_API_VERSION")), Map.of()),
            new ProviderPreset("bedrock", "bedrock-converse", "", List.of("AWS_ACCESS_KEY_ID"),
                    List.of("AWS_ENDPOINT_URL_BEDROCK_RUNTIME", "AWS_ENDPOINT_URL"), null,
                    Map.of("region", List.of("AWS_REGION", "AWS_DEFAULT_REGION")),
                    Map.of("secret_access_key", List.of("AWS_SECRET_ACCESS_KEY"),
                            "session_token", List.of("AWS_SESSION_TOKEN"))),
            new ProviderPreset("vertex", "vertex", "", List.of(), List.of("VERTEX_BASE_URL"), "gemini-2.5-pro",
                    Map.of("credentials_file", List.of("GOOGLE_APPLICATION_CREDENTIALS"),
                            "project", List.of("GOOGLE_CLOUD_PROJECT"),
                            "location", List.of("GOOGLE_CLOUD_LOCATION", "GOOGLE_CLOUD_REGION")), Map.of(),
                    new CredentialsFile("credentials_file", "set GOOGLE_APPLICATION_CREDENTIALS to a service-account"
                            + " key file and GOOGLE_CLOUD_PROJECT to the project to bill (or credentials_file and"
                            + " project in [providers.vertex] of config.toml)")),
            new ProviderPreset("xai", "openai-chat", "https://api.x.ai/v1",
                    List.of("XAI_API_KEY"), List.of("XAI_BASE_URL"), null),
            new ProviderPreset("groq", "openai-chat", "https://api.groq.com/openai/v1",
                    List.of("GROQ_API_KEY"), List.of("GROQ_BASE_URL"), null),
            new ProviderPreset("mistral", "openai-chat", "https://api.mistral.ai/v1",
                    List.of("MISTRAL_API_KEY"), List.of("MISTRAL_BASE_URL"), null),
            new ProviderPreset("deepseek", "openai-chat", "https://api.deepseek.com/v1",
                    List.of("DEEPSEEK_API_KEY"), List.of("DEEPSEEK_BASE_URL"), null),
            new ProviderPreset("openrouter", "openai-chat", "https://openrouter.ai/api/v1",
                    List.of("OPENROUTER_API_KEY"), List.of("OPENROUTER_BASE_URL"), null));

    public static java.util.Optional<ProviderPreset> find(String name) {
        return ALL.stream().filter(p -> p.name.equals(name)).findFirst();
    }
}
