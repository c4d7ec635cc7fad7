package dev.reaper.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private Path file(String name, String toml) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, toml);
        return p;
    }

    private Config loadOne(String toml) throws Exception {
        return ConfigLoader.load(file("config.toml", toml), dir.resolve("missing.toml"));
    }

    @Test
    void noFilesGiveTheDefaults() {
        Config c = ConfigLoader.load(dir.resolve("none.toml"), null);

        assertThat(c.model()).isEmpty();
        assertThat(c.fallbacks()).isEmpty();
        assertThat(c.maxTurns()).isEmpty();
        assertThat(c.providers()).isEmpty();
        assertThat(c.sources()).isEmpty();
        assertThat(c.warnings()).isEmpty();
        assertThat(c.network()).isEqualTo(new Config.Network(Duration.ofSeconds(10), Duration.ofSeconds(180),
                Duration.ofSeconds(90), 3));
        assertThat(c.permissions()).isEqualTo(new Config.Permissions(List.of(), List.of(), List.of(), List.of()));
    }

    @Test
    void readsEveryTypedKey() throws Exception {
        Config c = loadOne("""
                model = "anthropic/claude-sonnet-4-5"
                fallbacks = ["openai/gpt-5", "google/gemini-2.5-pro"]
                permission_mode = "acceptEdits"
                max_turns = 30
                max_output_tokens = 8000

                [providers.local]
                base_url = "http://localhost:8000/v1"
                api_key_env = "LOCAL_KEY"
                wire_api = "openai-chat"
                max_retries = 1
                headers = { "X-Team" = "core" }

                [models."local/qwen"]
                context_window = 32768
                max_output = 4096
                input_price = 0.5
                output_price = 1

                [permissions]
                allow = ["bash(git diff:*)"]
                deny = ["bash(rm:*)"]
                additional_directories = ["/opt/shared"]

                [network]
                connect_timeout_ms = 2000
                max_retries = 5
                """);

        assertThat(c.model()).contains("anthropic/claude-sonnet-4-5");
        assertThat(c.fallbacks()).containsExactly("openai/gpt-5", "google/gemini-2.5-pro");
        assertThat(c.permissionMode()).contains("acceptEdits");
        assertThat(c.maxTurns()).contains(30);
        assertThat(c.maxOutputTokens()).contains(8000);
        assertThat(c.providers()).containsExactly(Map.entry("local", new ProviderConfig(
                Optional.of("http://localhost:8000/v1"), Optional.of("LOCAL_KEY"), Optional.empty(),
                Optional.of("openai-chat"), Map.of("X-Team", "core"), Optional.of(1))));
        assertThat(c.models()).containsExactly(Map.entry("local/qwen", new ModelOverride(OptionalLong.of(32768),
                OptionalLong.of(4096), OptionalDouble.of(0.5), OptionalDouble.of(1), OptionalDouble.empty(),
                OptionalDouble.empty())));
        assertThat(c.permissions()).isEqualTo(new Config.Permissions(List.of("bash(git diff:*)"), List.of(),
                List.of("bash(rm:*)"), List.of(Path.of("/opt/shared"))));
        assertThat(c.network()).isEqualTo(new Config.Network(Duration.ofSeconds(2), Duration.ofSeconds(180),
                Duration.ofSeconds(90), 5));
        assertThat(c.warnings()).isEmpty();
    }

    @Test
    void theProjectFileMergesTablesKeyByKeyAndReplacesArrays() throws Exception {
        Path user = file("user/config.toml", """
                model = "anthropic/claude-sonnet-4-5"
                fallbacks = ["openai/gpt-5", "google/gemini-2.5-pro"]
                max_turns = 20

                [providers.anthropic]
                base_url = "https://proxy.example.com"
                api_key_env = "MY_ANTHROPIC_KEY"

                [permissions]
                allow = ["bash(git status)", "bash(ls:*)"]
                deny = ["bash(rm:*)"]
                """);
        Path project = file("project/.reaper/config.toml", """
                model = "openai/gpt-5"
                fallbacks = ["ollama/qwen3"]

                [providers.anthropic]
                base_url = "https://other.example.com"

                [permissions]
                allow = ["edit(src/**)"]
                """);

        Config c = ConfigLoader.load(user, project);

        assertThat(c.model()).contains("openai/gpt-5");
        assertThat(c.maxTurns()).contains(20);
        assertThat(c.fallbacks()).containsExactly("ollama/qwen3");
        assertThat(c.providers().get("anthropic").baseUrl()).contains("https://other.example.com");
        assertThat(c.providers().get("anthropic").apiKeyEnv()).contains("MY_ANTHROPIC_KEY");
        assertThat(c.permissions().allow()).containsExactly("edit(src/**)");
        assertThat(c.permissions().deny()).containsExactly("bash(rm:*)");
        assertThat(c.sources()).containsExactly(user, project);
    }

    @Test
    void aSyntaxErrorNamesTheFileAndTheLine() throws Exception {
        Path f = file("config.toml", "model = \"a\"\nmax_turns = 3\nfallbacks = [\"x\"\n\n");
        Path g = file("other.toml", "model = \"a\"\n\n[providers\nbase_url = \"x\"\n");

        assertThatThrownBy(() -> ConfigLoader.load(f, null))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("bad TOML in " + f + " line ")
                .hasMessageEndingWith("(fix the file, or move it aside to run with defaults)");
        assertThatThrownBy(() -> ConfigLoader.load(g, null))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("bad TOML in " + g + " line 3: ");
    }

    @Test
    void aDuplicateKeyIsASyntaxError() throws Exception {
        Path f = file("config.toml", "model = \"a\"\nmodel = \"b\"\n");

        // The parser notices at the end of the line, so the line it names may be the next one.
        assertThatThrownBy(() -> ConfigLoader.load(f, null))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("bad TOML in " + f + " line ")
                .hasMessageContaining("Duplicate key");
    }

    @Test
    void wrongTypesNameTheKey() {
        assertThatThrownBy(() -> loadOne("fallbacks = \"openai/gpt-5\"\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith(": 'fallbacks' must be a list of strings, e.g. fallbacks = [\"...\"]");
        assertThatThrownBy(() -> loadOne("max_turns = \"3\"\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith(": 'max_turns' must be a whole number ≥ 0");
        assertThatThrownBy(() -> loadOne("max_turns = -1\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith(": 'max_turns' must be a whole number ≥ 0");
        assertThatThrownBy(() -> loadOne("model = 5\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith(": 'model' must be a string, e.g. model = \"...\"");
        assertThatThrownBy(() -> loadOne("fallbacks = [\"a\", 1]\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith(": every entry of 'fallbacks' must be a string");
        assertThatThrownBy(() -> loadOne("[providers.x]\nbase_url = 8000\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith(": 'providers.x.base_url' must be a string, e.g. providers.x.base_url = \"...\"");
        assertThatThrownBy(() -> loadOne("[providers.x]\nmax_retries = \"2\"\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith(": 'providers.x.max_retries' must be a whole number ≥ 0");
        assertThatThrownBy(() -> loadOne("[network]\nidle_timeout_ms = 1.5\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith(": 'network.idle_timeout_ms' must be a whole number ≥ 0");
        assertThatThrownBy(() -> loadOne("providers = 3\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith(": 'providers' must be a table ([providers])");
        assertThatThrownBy(() -> loadOne("[models.\"a/b\"]\ninput_price = \"cheap\"\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith(": 'models.\"a/b\".input_price' must be a number ≥ 0");
    }

    @Test
    void aTypeErrorNamesTheFilesItCameFrom() throws Exception {
        Path f = file("config.toml", "max_turns = \"3\"\n");

        assertThatThrownBy(() -> ConfigLoader.load(f, null))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(f + ": ");
    }

    @Test
    void aProviderWithoutBaseUrlIsStillReadHere() throws Exception {
        // Whether a base_url is needed depends on whether the name is a preset: Providers decides.
        Config c = loadOne("[providers.x]\napi_key_env = \"X_KEY\"\n");

        assertThat(c.providers().get("x").baseUrl()).isEmpty();
        assertThat(c.providers().get("x").apiKeyEnv()).contains("X_KEY");
    }

    @Test
    void anUnknownTopLevelKeyIsAWarningNotAnError() throws Exception {
        Path f = file("config.toml", "model = \"a/b\"\nmodle = \"typo\"\n[themes]\nx = 1\n");

        Config c = ConfigLoader.load(f, null);

        assertThat(c.model()).contains("a/b");
        assertThat(c.warnings()).containsExactly("unknown key 'modle' in " + f, "unknown key 'themes' in " + f);
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedByName() throws Exception {
        Path f = dir.resolve("config.toml");
        Files.write(f, "model = \"caf\u00e9\"\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> ConfigLoader.load(f, null))
                .isInstanceOf(ConfigException.class)
                .hasMessage(f + " is not valid UTF-8 text");
    }

    @Test
    void anEmptyFileIsFine() throws Exception {
        Config c = loadOne("");

        assertThat(c.model()).isEmpty();
        assertThat(c.sources()).hasSize(1);
    }
}
