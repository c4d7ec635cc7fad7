package dev.reaper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reaper.providers.ollama.OllamaAdapter;
import dev.reaper.providers.openai.ChatCompletionsAdapter;
import dev.reaper.testing.CliRun;
import dev.reaper.testing.FakeProvider;
import dev.reaper.testing.Step;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The semantic cache through the real command line: a question asked in other words is answered from it. */
class SemanticCacheTest {

    @TempDir
    Path home;

    @TempDir
    Path work;

    FakeProvider fake;

    @BeforeEach
    void start() throws IOException {
        fake = FakeProvider.start();
        fake.conversation(Step.text("git branch -m old new"));
        Files.writeString(home.resolve("config.toml"),
                "[cache]\nsemantic_model = \"openai/text-embedding-3-small\"\nsimilarity = 0.9\n");
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    CliRun cli() {
        return new CliRun(home, work).provider("anthropic", fake).provider("openai", fake)
                .env("OLLAMA_HOST", "127.0.0.1:9");
    }

    @Test
    void theSameQuestionInOtherWordsIsAnsweredFromTheCacheAndAnotherIsNot() {
        CliRun.Result first = cli().run("-p", "how do I rename a branch in git", "--model", "anthropic/claude-sonnet-4-5");
        CliRun.Result again = cli().run("-p", "in git, how do I rename a branch?", "--model", "anthropic/claude-sonnet-4-5",
                "--output-format", "stream-json");
        CliRun.Result other = cli().run("-p", "explain the build of this project", "--model", "anthropic/claude-sonnet-4-5");

        assertThat(first.out()).isEqualTo("git branch -m old new\n");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("\"strategy\":\"cache\"").contains("\"result\":\"git branch -m old new\"");
        assertThat(other.exitCode()).isZero();
        assertThat(fake.chatRequests()).as("the rephrased question was not sent").hasSize(2);
        assertThat(fake.requests()).filteredOn(r -> r.path().equals("/v1/embeddings")).hasSize(3)
                .allSatisfy(r -> assertThat(r.json().path("model").asText()).isEqualTo("text-embedding-3-small"));
    }

    @Test
    void anEmbeddingsFailureIsAMissNotAFailure() {
        CliRun.Result r = new CliRun(home, work).provider("anthropic", fake).env("OPENAI_API_KEY", "sk-test-0000000001")
                .env("OPENAI_BASE_URL", "http://127.0.0.1:9/v1").run("-p", "how do I rename a branch in git");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("git branch -m old new\n");
    }

    @Test
    void embeddingsAnswersOfOpenAiAndOllamaAreRead() throws IOException {
        byte[] body;
        try (InputStream in = getClass().getResourceAsStream("/wire/openai/embedding/openai-embedding.json")) {
            body = in.readAllBytes();
        }
        List<float[]> v = new ChatCompletionsAdapter().parseEmbeddings(body);
        assertThat(v).hasSize(2);
        assertThat(v.get(0)).hasSize(5).startsWith(0.0057293195f);
        assertThat(new OllamaAdapter().parseEmbeddings("{\"model\":\"m\",\"embeddings\":[[0.5,-1.0]]}".getBytes()))
                .singleElement().satisfies(x -> assertThat(x).containsExactly(0.5f, -1.0f));
    }
}
