package dev.reaper.app;

import java.util.List;

/**
 * A provider Reaper knows out of the box: its wire API, default endpoint, and the environment variables
 * that hold its key and override its endpoint, as the provider's own SDKs name them.
 *
 * @param keyVars   variables that may hold the key, first found wins; empty when no key is needed
 * @param defaultModel the model used when this provider is the only one configured, or null
 */
public record ProviderPreset(String name, String wireApi, String baseUrl, List<String> keyVars,
                             List<String> baseUrlVars, String defaultModel) {

    public static final List<ProviderPreset> ALL = List.of(
            new ProviderPreset("anthropic", "anthropic", "https://api.anthropic.com",
                    List.of("ANTHROPIC_API_KEY"), List.of("ANTHROPIC_BASE_URL"), "claude-sonnet-4-5"),
            new ProviderPreset("openai", "openai-chat", "https://api.openai.com/v1",
                    List.of("OPENAI_API_KEY"), List.of("OPENAI_BASE_URL"), "gpt-5"),
            new ProviderPreset("google", "gemini", "https://generativelanguage.googleapis.com",
                    List.of("GEMINI_API_KEY", "GOOGLE_API_KEY"), List.of("GOOGLE_GEMINI_BASE_URL"), "gemini-2.5-pro"),
            new ProviderPreset("ollama", "ollama", "http://127.0.0.1:11434",
                    List.of(), List.of("OLLAMA_HOST"), null),
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
