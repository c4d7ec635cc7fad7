package dev.reaper.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reaper.config.Config;
import dev.reaper.config.ConfigException;
import dev.reaper.config.ConfigLoader;
import dev.reaper.config.Env;
import dev.reaper.router.ProviderEndpoint;
import dev.reaper.router.Timeouts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProvidersTest {

    @TempDir
    Path dir;

    private Config config(String toml) throws Exception {
        Path f = dir.resolve("config.toml");
        Files.writeString(f, toml);
        return ConfigLoader.load(f, null);
    }

    private Providers providers(String toml, Map<String, String> env) throws Exception {
        return new Providers(config(toml), new Env(env));
    }

    private static ProviderEndpoint endpoint(Providers p, String name) {
        return p.find(name).orElseThrow();
    }

    @Test
    void offersEveryPresetWithItsDefaultEndpoint() throws Exception {
        Providers p = providers("", Map.of());

        assertThat(p.all()).extracting(ProviderEndpoint::name).containsExactly("anthropic", "openai", "google",
                "ollama", "azure", "bedrock", "vertex", "xai", "groq", "mistral", "deepseek", "openrouter");
        ProviderEndpoint anthropic = endpoint(p, "anthropic");
        assertThat(anthropic.wireApi()).isEqualTo("anthropic");
        assertThat(anthropic.baseUrl()).isEqualTo("https://api.anthropic.com");
        assertThat(anthropic.apiKey()).isEmpty();
        assertThat(anthropic.keySource()).isEqualTo("ANTHROPIC_API_KEY");
        assertThat(anthropic.timeouts()).isEqualTo(Timeouts.DEFAULT);
        assertThat(anthropic.maxRetries()).isEqualTo(3);
        assertThat(p.isConfigured(anthropic)).isFalse();
        assertThat(endpoint(p, "openai").baseUrl()).isEqualTo("https://api.openai.com/v1");
        assertThat(endpoint(p, "google").wireApi()).isEqualTo("gemini");
        assertThat(endpoint(p, "groq").wireApi()).isEqualTo("openai-chat");
        assertThat(p.setupHint("anthropic"))
                .isEqualTo("set ANTHROPIC_API_KEY (or api_key_env in [providers.anthropic] of config.toml)");
    }

    @Test
    void ollamaNeedsNoKey() throws Exception {
        Providers p = providers("", Map.of());

        ProviderEndpoint ollama = endpoint(p, "ollama");
        assertThat(ollama.baseUrl()).isEqualTo("http://127.0.0.1:11434");
        assertThat(ollama.keySource()).isNull();
        assertThat(p.isConfigured(ollama)).isTrue();
        assertThat(p.setupHint("ollama")).isEqualTo("check that http://127.0.0.1:11434 is running");
    }

    @Test
    void takesKeysFromTheirEnvironmentVariables() throws Exception {
        Providers p = providers("", Map.of("ANTHROPIC_API_KEY", "sk-ant-test-0123456789",
                "GOOGLE_API_KEY", "google-fallback-key", "OPENAI_API_KEY", "  "));

        assertThat(endpoint(p, "anthropic").keyValue()).isEqualTo("sk-ant-test-0123456789");
        assertThat(p.isConfigured(endpoint(p, "anthropic"))).isTrue();
        assertThat(endpoint(p, "google").keyValue()).isEqualTo("google-fallback-key");
        assertThat(endpoint(p, "openai").apiKey()).as("a blank variable is unset").isEmpty();
    }

    @Test
    void theFirstKeyVariableOfAPresetWins() throws Exception {
        Providers p = providers("", Map.of("GEMINI_API_KEY", "gemini-key-1234", "GOOGLE_API_KEY", "google-key-1234"));

        assertThat(endpoint(p, "google").keyValue()).isEqualTo("gemini-key-1234");
        assertThat(endpoint(p, "google").keySource()).isEqualTo("GEMINI_API_KEY");
    }

    @Test
    void baseUrlVariablesMoveAPreset() throws Exception {
        Providers p = providers("", Map.of("ANTHROPIC_BASE_URL", "https://gateway.example.com/anthropic/",
                "OPENAI_BASE_URL", "http://localhost:4000/v1"));

        assertThat(endpoint(p, "anthropic").baseUrl()).isEqualTo("https://gateway.example.com/anthropic");
        assertThat(endpoint(p, "openai").baseUrl()).isEqualTo("http://localhost:4000/v1");
    }

    @Test
    void configBaseUrlWinsOverTheVariable() throws Exception {
        Providers p = providers("[providers.openai]\nbase_url = \"https://proxy.example.com/v1\"\n",
                Map.of("OPENAI_BASE_URL", "http://localhost:4000/v1"));

        assertThat(endpoint(p, "openai").baseUrl()).isEqualTo("https://proxy.example.com/v1");
    }

    @Test
    void aBaseUrlThatIsNotHttpIsRefused() {
        assertThatThrownBy(() -> providers("", Map.of("OPENAI_BASE_URL", "localhost:4000")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("the base URL of openai (OPENAI_BASE_URL) is not an http(s) URL: localhost:4000");
        assertThatThrownBy(() -> providers("[providers.x]\nbase_url = \"ftp://h/v1\"\n", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("the base URL of x is not an http(s) URL: ftp://h/v1");
    }

    @ParameterizedTest
    @CsvSource({
        "gpu-box,                      http://gpu-box:11434",
        "gpu-box:8080,                 http://gpu-box:8080",
        "http://gpu-box:8080,          http://gpu-box:8080",
        "0.0.0.0,                      http://127.0.0.1:11434",
        "0.0.0.0:11500,                http://127.0.0.1:11500",
        "' 10.0.0.5:11434 ',           http://10.0.0.5:11434",
        "https://ollama.example.com,   https://ollama.example.com:443",
        "http://ollama.example.com,    http://ollama.example.com:80",
        "https://ollama.example.com:8443, https://ollama.example.com:8443",
    })
    void ollamaHostTakesTheFormsTheOllamaCliAccepts(String value, String expected) throws Exception {
        assertThat(Providers.ollamaHost(value)).isEqualTo(expected);
        assertThat(endpoint(providers("", Map.of("OLLAMA_HOST", value)), "ollama").baseUrl()).isEqualTo(expected);
    }

    @Test
    void aUserNamedProviderWithBaseUrlIsAnOpenAiChatEndpoint() throws Exception {
        Providers p = providers("[providers.local]\nbase_url = \"http://localhost:8000/v1\"\n", Map.of());

        ProviderEndpoint local = endpoint(p, "local");
        assertThat(local.wireApi()).isEqualTo("openai-chat");
        assertThat(local.baseUrl()).isEqualTo("http://localhost:8000/v1");
        assertThat(local.apiKey()).isEmpty();
        assertThat(local.keySource()).isNull();
        assertThat(p.isConfigured(local)).isTrue();
        assertThat(p.all()).extracting(ProviderEndpoint::name).last().isEqualTo("local");
    }

    @Test
    void aUserNamedProviderWithoutBaseUrlIsAConfigError() {
        assertThatThrownBy(() -> providers("[providers.x]\napi_key_env = \"X_KEY\"\n", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("[providers.x] needs base_url (for example base_url = \"http://localhost:8000/v1\")");
    }

    @Test
    void apiKeyEnvNamesTheVariableHoldingTheKey() throws Exception {
        Providers p = providers("""
                [providers.local]
                base_url = "http://localhost:8000/v1"
                api_key_env = "LOCAL_LLM_KEY"
                wire_api = "anthropic"
                max_retries = 0
                headers = { "X-Team" = "core" }
                """, Map.of("LOCAL_LLM_KEY", "local-secret-123"));

        assertThat(endpoint(p, "local")).isEqualTo(new ProviderEndpoint("local", "anthropic",
                "http://localhost:8000/v1", endpoint(p, "local").apiKey(), "LOCAL_LLM_KEY",
                Map.of("X-Team", "core"), Timeouts.DEFAULT, 0));
        assertThat(endpoint(p, "local").keyValue()).isEqualTo("local-secret-123");
        assertThat(p.keyVariables()).contains("LOCAL_LLM_KEY");
    }

    @ParameterizedTest
    @CsvSource({
        "openai, responses, openai-responses",
        "openai, openai-responses, openai-responses",
        "openai, , openai-chat",
        "azure, , azure-openai",
        "azure, responses, azure-openai-responses",
        "azure, chat, azure-openai",
        "xai, openai-responses, openai-responses"})
    void wireApiInConfigSelectsTheFormatUnderEitherName(String provider, String wireApi, String expected)
            throws Exception {
        Providers p = providers(wireApi == null ? "" : "[providers." + provider + "]\nwire_api = \"" + wireApi + "\"\n",
                Map.of());

        assertThat(endpoint(p, provider).wireApi()).isEqualTo(expected);
        assertThat(Reaper.adapters()).containsKey(expected);
    }

    @Test
    void aUsersOwnEndpointMaySpeakResponses() throws Exception {
        Providers p = providers("""
                [providers.lmstudio]
                base_url = "http://localhost:1234/v1"
                wire_api = "responses"
                """, Map.of());

        assertThat(endpoint(p, "lmstudio").wireApi()).isEqualTo("openai-responses");
    }

    @Test
    void aKeyWrittenInTheFileIsUsed() throws Exception {
        Providers p = providers("[providers.local]\nbase_url = \"http://h/v1\"\napi_key = \"in-file-key-123\"\n",
                Map.of());

        assertThat(endpoint(p, "local").keyValue()).isEqualTo("in-file-key-123");
        assertThat(endpoint(p, "local").keySource()).isEqualTo("config.toml");
    }

    @Test
    void networkSettingsReachEveryEndpoint() throws Exception {
        Providers p = providers("[network]\nconnect_timeout_ms = 1000\nmax_retries = 7\n", Map.of());

        assertThat(endpoint(p, "openai").timeouts())
                .isEqualTo(new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(180), Duration.ofSeconds(90)));
        assertThat(endpoint(p, "openai").maxRetries()).isEqualTo(7);
    }

    @Test
    void keyVariablesListsEveryVariableThatMayHoldAProviderKey() throws Exception {
        Providers p = providers("", Map.of());

        assertThat(p.keyVariables()).containsExactlyInAnyOrder("ANTHROPIC_API_KEY", "OPENAI_API_KEY", "GEMINI_API_KEY",
                "GOOGLE_API_KEY", "XAI_API_KEY", "GROQ_API_KEY", "MISTRAL_API_KEY", "DEEPSEEK_API_KEY",
                "OPENROUTER_API_KEY", "AZURE_OPENAI_API_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
                "AWS_SESSION_TOKEN");
    }

    @Test
    void providerOptionsAndCredentialsComeFromTheEnvironmentWithConfigOnTop() throws Exception {
        Providers p = providers("[providers.bedrock]\nregion = \"eu-west-3\"\n[providers.azure]\napi_version = \"2025-04-01-preview\"\n",
                Map.of("AWS_REGION", "us-west-2", "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE",
                        "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "AWS_SESSION_TOKEN", "tok-123456789",
                        "AZURE_OPENAI_API_VERSION", "2024-10-21", "GOOGLE_CLOUD_PROJECT", "my-project"));

        ProviderEndpoint bedrock = endpoint(p, "bedrock");
        assertThat(bedrock.option("region")).contains("eu-west-3");
        assertThat(bedrock.secret("secret_access_key")).get().extracting(s -> s.reveal())
                .isEqualTo("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        assertThat(bedrock.secret("session_token")).get().extracting(s -> s.reveal()).isEqualTo("tok-123456789");
        assertThat(bedrock.toString()).doesNotContain("wJalrXUtnFEMI").doesNotContain("tok-123456789");
        assertThat(endpoint(p, "azure").option("api_version")).contains("2025-04-01-preview");
        assertThat(endpoint(p, "vertex").option("project")).contains("my-project");
        assertThat(endpoint(p, "openai").options()).isEmpty();
    }

    @Test
    void aPresetsUsualKeyVariableStaysSecretWhenApiKeyEnvPointsElsewhere() throws Exception {
        Providers p = providers("[providers.anthropic]\napi_key_env = \"WORK_ANTHROPIC_KEY\"\n",
                Map.of("ANTHROPIC_API_KEY", "sk-ant-personal-000000", "WORK_ANTHROPIC_KEY", "sk-ant-work-0000000"));

        assertThat(endpoint(p, "anthropic").keyValue()).isEqualTo("sk-ant-work-0000000");
        assertThat(endpoint(p, "anthropic").keySource()).isEqualTo("WORK_ANTHROPIC_KEY");
        assertThat(p.keyVariables()).contains("WORK_ANTHROPIC_KEY", "ANTHROPIC_API_KEY");
    }

    @Test
    void vertexIsNotConfiguredUntilItsKeyFileIsNamed() throws Exception {
        Providers p = providers("", Map.of("GOOGLE_CLOUD_PROJECT", "my-project"));

        ProviderEndpoint vertex = endpoint(p, "vertex");
        assertThat(p.isConfigured(vertex)).isFalse();
        assertThat(p.needsNoCredential(vertex)).isFalse();
        assertThat(p.credentialStatus(vertex)).isEqualTo("key file not set");
        assertThat(p.setupHint("vertex")).contains("GOOGLE_APPLICATION_CREDENTIALS").contains("GOOGLE_CLOUD_PROJECT")
                .contains("[providers.vertex]");
        Config none = config("");
        assertThatThrownBy(() -> ModelSelection.candidates(Optional.empty(), none, p))
                .as("no default model from an unconfigured provider").isInstanceOf(ConfigException.class);
    }

    @Test
    void vertexIsConfiguredByAKeyFileFromTheEnvironmentOrTheConfig() throws Exception {
        Providers fromEnv = providers("", Map.of("GOOGLE_APPLICATION_CREDENTIALS", "/keys/sa.json",
                "GOOGLE_CLOUD_REGION", "us-east5"));
        ProviderEndpoint vertex = endpoint(fromEnv, "vertex");
        assertThat(fromEnv.isConfigured(vertex)).isTrue();
        assertThat(fromEnv.credentialStatus(vertex)).isEqualTo("key file set (GOOGLE_APPLICATION_CREDENTIALS)");
        assertThat(vertex.option("credentials_file")).contains("/keys/sa.json");
        assertThat(vertex.option("location")).contains("us-east5");
        assertThat(vertex.baseUrl()).as("derived from the location by the adapter").isEmpty();

        Providers fromConfig = providers("[providers.vertex]\ncredentials_file = \"/keys/other.json\"\n",
                Map.of("GOOGLE_APPLICATION_CREDENTIALS", "/keys/sa.json"));
        assertThat(endpoint(fromConfig, "vertex").option("credentials_file")).contains("/keys/other.json");
        assertThat(fromConfig.credentialStatus(endpoint(fromConfig, "vertex"))).isEqualTo("key file set (config.toml)");
    }

    @Test
    void aConfiguredVertexGivesTheDefaultModelWhenNoKeyIsSet() throws Exception {
        Providers p = providers("", Map.of("GOOGLE_APPLICATION_CREDENTIALS", "/keys/sa.json"));

        assertThat(ModelSelection.candidates(Optional.empty(), config(""), p))
                .extracting(Object::toString).containsExactly("vertex/gemini-2.5-pro");
    }

    @Test
    void credentialStatusNeverShowsTheKey() throws Exception {
        Providers p = providers("", Map.of("ANTHROPIC_API_KEY", "sk-ant-test-0123456789"));

        assertThat(p.credentialStatus(endpoint(p, "anthropic"))).isEqualTo("key set (ANTHROPIC_API_KEY)");
        assertThat(p.credentialStatus(endpoint(p, "openai"))).isEqualTo("key not set");
        assertThat(p.credentialStatus(endpoint(p, "ollama"))).isEqualTo("no key needed");
        assertThat(p.needsNoCredential(endpoint(p, "ollama"))).isTrue();
    }

    @Test
    void anUnknownProviderHasAHintToConfigureIt() throws Exception {
        assertThat(providers("", Map.of()).setupHint("vllm")).startsWith("add [providers.vllm] with base_url");
    }
}
