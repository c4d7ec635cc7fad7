package dev.reaper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.testing.CliRun;
import dev.reaper.testing.FakeProvider;
import dev.reaper.testing.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code reaper complete} against a loopback Mistral: what is sent, what is printed, and bad positions. */
class CompleteCommandTest {

    @TempDir
    Path home;

    @TempDir
    Path work;

    FakeProvider fake;

    @BeforeEach
    void start() throws IOException {
        fake = FakeProvider.start();
        Files.writeString(work.resolve("calc.py"), "def add(a, b):\n    return \n\nprint(add(1, 2))\n");
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    CliRun cli() {
        return new CliRun(home, work).env("MISTRAL_BASE_URL", fake.baseUrl() + "/v1")
                .env("MISTRAL_API_KEY", "mistral-test-key-0000001");
    }

    @Test
    void completesBetweenTheCodeBeforeAndAfterTheCursor() {
        fake.enqueue(Step.text("a + b"));

        CliRun.Result r = cli().run("complete", "--file", "calc.py", "--line", "2", "--col", "12");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("a + b\n");
        assertThat(fake.chatRequests()).singleElement().satisfies(q -> {
            assertThat(q.path()).isEqualTo("/v1/fim/completions");
            JsonNode body = q.json();
            assertThat(body.path("model").asText()).isEqualTo("codestral-latest");
            assertThat(body.path("prompt").asText()).isEqualTo("def add(a, b):\n    return ");
            assertThat(body.path("suffix").asText()).isEqualTo("\n\nprint(add(1, 2))\n");
            assertThat(body.path("stream").asBoolean()).isTrue();
            assertThat(q.headers().get("authorization")).isEqualTo("Bearer mistral-test-key-0000001");
        });
        assertThat(cli().run("cost", "--by", "provider", "--format", "csv").out()).contains("mistral,1,");
    }

    @Test
    void aPositionOutsideTheFileIsAClearError() {
        CliRun.Result line = cli().run("complete", "--file", "calc.py", "--line", "9", "--col", "1");
        assertThat(line.exitCode()).isEqualTo(2);
        assertThat(line.err()).contains("has 5 lines; there is no line 9");
        CliRun.Result col = cli().run("complete", "--file", "calc.py", "--line", "1", "--col", "40");
        assertThat(col.exitCode()).isEqualTo(2);
        assertThat(col.err()).contains("line 1 of").contains("has 14 characters; column 40 is past its end");
        assertThat(fake.chatRequests()).isEmpty();
    }

    @Test
    void aModelWithoutFillInTheMiddleSaysWhichToUse() {
        CliRun.Result r = cli().env("OPENAI_API_KEY", "sk-test-0000000001").env("OPENAI_BASE_URL", fake.baseUrl() + "/v1")
                .run("complete", "--file", "calc.py", "--line", "2", "--col", "12", "--model", "openai/gpt-5");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("openai has no fill-in-the-middle completion API: use a Mistral model");
        assertThat(fake.chatRequests()).isEmpty();
    }

    @Test
    void aBinaryFileIsRefused() throws IOException {
        Files.write(work.resolve("blob.bin"), new byte[] {1, 0, 2, 0});
        CliRun.Result r = cli().run("complete", "--file", "blob.bin", "--line", "1", "--col", "1");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("is a binary file");
    }
}
