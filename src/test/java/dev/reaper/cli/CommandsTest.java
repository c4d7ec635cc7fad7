package dev.reaper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.json.Json;
import dev.reaper.testing.CliRun;
import dev.reaper.testing.FakeProvider;
import dev.reaper.testing.GoogleTokenServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The subcommands that are not one-shot runs: doctor, models, completion, help and version. */
class CommandsTest {

    @TempDir
    Path home;

    @TempDir
    Path work;

    FakeProvider fake;

    @BeforeEach
    void start() {
        fake = FakeProvider.start();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    CliRun cli() {
        return new CliRun(home, work);
    }

    @Test
    void theSubcommandsAddedOnDemandAreTheOnesNamed() {
        assertThat(RootCommand.subcommands().stream()
                .map(c -> c.getClass().getAnnotation(picocli.CommandLine.Command.class).name()).toList())
                .containsExactlyElementsOf(RootCommand.SUBCOMMANDS);
        assertThat(Main.needsSubcommands("sessions", "list")).isTrue();
        assertThat(Main.needsSubcommands("--cwd", "x", "models")).isTrue();
        assertThat(Main.needsSubcommands("--help")).isTrue();
        assertThat(Main.needsSubcommands("-p", "explain the cost model")).isFalse();
        assertThat(Main.needsSubcommands("-p", "--", "models")).isFalse();
    }

    @Test
    void doctorSaysWhichKeysAreSetAndWhatAnswersWithoutShowingKeys() {
        CliRun.Result r = cli().provider("anthropic", fake).provider("ollama", fake).run("doctor");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("anthropic\\s+key set \\(ANTHROPIC_API_KEY\\)\\s+http://127\\.0\\.0\\.1:\\d+\\s+ok")
                .containsPattern("openai\\s+key not set .*set OPENAI_API_KEY")
                .containsPattern("ollama\\s+no key needed\\s+http://127\\.0\\.0\\.1:\\d+\\s+ok")
                .contains("Default model: anthropic/claude-sonnet-4-5")
                .doesNotContain("sk-ant-test-key-000001");
        assertThat(fake.requests()).extracting(FakeProvider.Recorded::path).contains("/v1/models?limit=1000", "/api/tags");
    }

    @Test
    void doctorExitsThreeWhenNothingIsUsable() {
        CliRun.Result r = cli().env("OLLAMA_HOST", "127.0.0.1:9").run("doctor");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.out()).contains("Default model: none").containsPattern("ollama .*not reachable");
    }

    @Test
    void doctorReportsAnEndpointThatDoesNotAnswer() {
        CliRun.Result r = cli().env("ANTHROPIC_BASE_URL", "http://127.0.0.1:9")
                .env("ANTHROPIC_API_KEY", "sk-ant-unreachable-0001").env("OLLAMA_HOST", "127.0.0.1:9").run("doctor");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.out()).containsPattern("anthropic\\s+key set \\(ANTHROPIC_API_KEY\\).*not reachable")
                .doesNotContain("sk-ant-unreachable-0001");
    }

    @Test
    void anAzureKeyWithoutAnEndpointIsReportedAsMissingItsEndpoint() {
        CliRun run = cli().env("AZURE_OPENAI_API_KEY", "azure-key-0000000001").env("OLLAMA_HOST", "127.0.0.1:9");

        CliRun.Result doctor = run.run("doctor");
        assertThat(doctor.exitCode()).isEqualTo(3);
        assertThat(doctor.out()).containsPattern(
                        "azure\\s+key set \\(AZURE_OPENAI_API_KEY\\)\\s+\\(no base URL\\)\\s+- azure has no endpoint: set"
                                + " AZURE_OPENAI_ENDPOINT")
                .doesNotContain("azure-key-0000000001");
        CliRun.Result models = run.run("models", "--provider", "azure");
        assertThat(models.exitCode()).isZero();
        assertThat(models.err()).contains("azure: live list unavailable").contains("set AZURE_OPENAI_ENDPOINT");
    }

    @Test
    void doctorAsksAzureAtItsEndpointWithTheApiVersionAndKeyHeader() {
        CliRun.Result r = cli().env("AZURE_OPENAI_ENDPOINT", fake.baseUrl())
                .env("AZURE_OPENAI_API_KEY", "azure-key-0000000001").env("OLLAMA_HOST", "127.0.0.1:9").run("doctor");

        assertThat(r.out()).containsPattern("azure\\s+key set \\(AZURE_OPENAI_API_KEY\\)\\s+http://127\\.0\\.0\\.1:\\d+\\s+ok")
                .doesNotContain("azure-key-0000000001");
        assertThat(fake.requests()).filteredOn(q -> q.path().equals("/openai/models?api-version=2024-10-21"))
                .singleElement().satisfies(q -> assertThat(q.headers()).containsEntry("api-key", "azure-key-0000000001"));
    }

    @Test
    void doctorChecksBedrockWithASignedModelListAndSaysWhenItLacksARegion() {
        CliRun.Result noRegion = cli().env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
                .env("AWS_SECRET_ACCESS_KEY", "bedrock-secret-000001").env("OLLAMA_HOST", "127.0.0.1:9").run("doctor");
        assertThat(noRegion.out()).containsPattern("bedrock\\s+key set \\(AWS_ACCESS_KEY_ID\\)\\s+\\(no base URL\\)\\s+- bedrock needs an AWS"
                + " region: set AWS_REGION").doesNotContain("bedrock-secret-000001");

        CliRun.Result r = cli().env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE").env("AWS_SECRET_ACCESS_KEY", "bedrock-secret-000001")
                .env("AWS_REGION", "eu-west-3").env("AWS_ENDPOINT_URL_BEDROCK_RUNTIME", fake.baseUrl())
                .env("OLLAMA_HOST", "127.0.0.1:9").run("doctor");
        assertThat(r.out()).containsPattern("bedrock\\s+key set \\(AWS_ACCESS_KEY_ID\\)\\s+http://127\\.0\\.0\\.1:\\d+\\s+ok")
                .doesNotContain("bedrock-secret-000001");
        assertThat(fake.requests()).singleElement().satisfies(req -> {
            assertThat(req.path()).isEqualTo("/foundation-models?byOutputModality=TEXT");
            assertThat(req.headers().get("authorization"))
                    .startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/").contains("/eu-west-3/bedrock/aws4_request");
        });
    }

    @Test
    void doctorChecksAVertexKeyFileByGettingATokenAndNamesWhatToSetWithoutOne() {
        try (GoogleTokenServer google = new GoogleTokenServer()) {
            CliRun.Result r = cli().env("GOOGLE_APPLICATION_CREDENTIALS", google.writeKeyFile(home).toString())
                    .env("OLLAMA_HOST", "127.0.0.1:9").run("doctor");
            assertThat(r.exitCode()).as(r.out()).isZero();
            assertThat(r.out()).containsPattern("vertex\\s+key file set \\(GOOGLE_APPLICATION_CREDENTIALS\\)\\s+\\(no base URL\\)\\s+"
                            + "ok \\(\\d+ ms, credentials accepted; no model list\\)")
                    .contains("Default model: vertex/gemini-2.5-pro").doesNotContain("ya29.");
            assertThat(google.tokenRequests()).isEqualTo(1);

            google.refuse();
            CliRun.Result refused = cli().env("GOOGLE_APPLICATION_CREDENTIALS", google.writeKeyFile(home).toString())
                    .env("OLLAMA_HOST", "127.0.0.1:9").run("doctor");
            assertThat(refused.exitCode()).isEqualTo(3);
            assertThat(refused.out()).containsPattern("vertex .*credentials rejected: .*refused the service-account key of "
                    + GoogleTokenServer.CLIENT_EMAIL);
        }
        assertThat(cli().env("OLLAMA_HOST", "127.0.0.1:9").run("doctor").out())
                .containsPattern("vertex\\s+key file not set\\s+\\(no base URL\\)\\s+- set GOOGLE_APPLICATION_CREDENTIALS to a service-account"
                        + " key file and GOOGLE_CLOUD_PROJECT");
    }

    @Test
    void modelsShowsTheCatalogsVertexModelsAndSaysVertexListsNone() {
        try (GoogleTokenServer google = new GoogleTokenServer()) {
            CliRun.Result r = cli().env("GOOGLE_APPLICATION_CREDENTIALS", google.writeKeyFile(home).toString())
                    .run("models", "--provider", "vertex", "--json");
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(Json.parse(r.out()).findValuesAsText("id")).contains("vertex/gemini-2.5-pro",
                    "vertex/claude-sonnet-4@20250514");
            assertThat(Json.parse(r.out()).findValuesAsText("source")).containsOnly("catalog");
            assertThat(r.err()).contains("vertex: its API lists no models; the catalog's are shown");
        }
    }

    @Test
    void modelsListsTheCatalogOfConfiguredProvidersWithTheirLiveModels() {
        CliRun.Result r = cli().provider("anthropic", fake).env("OLLAMA_HOST", "127.0.0.1:9")
                .run("models", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode models = Json.parse(r.out());
        assertThat(models.findValuesAsText("id")).contains("anthropic/claude-sonnet-4-5", "anthropic/fake-model")
                .noneMatch(id -> id.startsWith("openai/"));
        JsonNode sonnet = null;
        for (JsonNode m : models) {
            if (m.path("id").asText().equals("anthropic/claude-sonnet-4-5")) {
                sonnet = m;
            }
        }
        assertThat(sonnet.path("context_window").asLong()).isEqualTo(200_000);
        assertThat(sonnet.path("input_per_mtok").asDouble()).isEqualTo(3.0);
        assertThat(sonnet.path("source").asText()).isEqualTo("catalog");
        assertThat(r.err()).as("an absent local server is not an error").doesNotContain("ollama");
        CliRun.Result table = cli().provider("anthropic", fake).env("OLLAMA_HOST", "127.0.0.1:9").run("models");
        assertThat(table.out()).contains("MODEL").contains("claude-sonnet-4-5").contains("3.00").contains("15.00")
                .contains("anthropic/fake-model").contains("live");
    }

    @Test
    void configuredModelPricesOverrideTheCatalog() throws IOException {
        Files.writeString(home.resolve("config.toml"), """
                [providers.local]
                base_url = "%s/v1"

                [models."local/coder"]
                context_window = 65536
                input_price = 0.5
                output_price = 1.5
                """.formatted(fake.baseUrl()));
        JsonNode models = Json.parse(cli().run("models", "--provider", "local", "--json").out());
        JsonNode coder = models.get(0);
        assertThat(coder.path("id").asText()).isEqualTo("local/coder");
        assertThat(coder.path("context_window").asLong()).isEqualTo(65536);
        assertThat(coder.path("output_per_mtok").asDouble()).isEqualTo(1.5);
    }

    @Test
    void completionScriptsAreGeneratedForEachShell() {
        String bash = cli().run("completion", "bash").out();
        assertThat(bash).contains("complete -F").contains("sessions").contains("--output-format");
        assertThat(cli().run("completion", "zsh").out()).startsWith("#compdef reaper").contains("bashcompinit");
        String fish = cli().run("completion", "fish").out();
        assertThat(fish).contains("complete -c reaper -n '__fish_use_subcommand' -a doctor")
                .contains("-l output-format").contains("-l permission-mode");
        assertThat(cli().run("completion", "tcsh").exitCode()).isEqualTo(2);
    }

    @Test
    void helpDocumentsEveryOptionAndVersionPrints() {
        CliRun.Result help = cli().run("--help");
        assertThat(help.exitCode()).isZero();
        for (String option : new String[] {"--print", "--model", "--output-format", "--permission-mode", "--max-turns",
            "--max-budget-usd", "--continue", "--resume", "--cwd", "--no-color", "--verbose", "--version"}) {
            assertThat(help.out()).contains(option);
        }
        assertThat(help.out()).contains("models").contains("doctor").contains("sessions").contains("cost")
                .contains("completion").contains("Exit codes");
        CliRun.Result version = cli().run("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).matches("reaper \\d+\\.\\d+\\.\\d+\\S*\\n");
    }

    @Test
    void aBadConfigFileIsExitThreeNamingTheLine() throws IOException {
        Files.writeString(home.resolve("config.toml"), "model = \"anthropic/x\"\nmax_turns = = 3\n");
        CliRun.Result r = cli().provider("anthropic", fake).run("-p", "hi");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains(home.resolve("config.toml").toString()).contains("line 2");
    }

    @Test
    void cwdPointsTheRunAtAnotherWorkspace() throws IOException {
        Path other = Files.createDirectories(work.resolve("other"));
        Files.writeString(other.resolve("AGENTS.md"), "marker-in-other");
        fake.conversation(dev.reaper.testing.Step.text("ok"));
        CliRun.Result r = cli().provider("anthropic", fake).run("-p", "hi", "--cwd", other.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(fake.chatRequests().get(0).bodyText()).contains("marker-in-other");
        assertThat(cli().run("-p", "hi", "--cwd", "/no/such/dir").exitCode()).isEqualTo(2);
    }
}
