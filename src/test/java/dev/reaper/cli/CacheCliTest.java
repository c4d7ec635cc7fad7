package dev.reaper.cli;

import static org.assertj.core.api.Assertions.assertThat;

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

/** The response cache through the real command line, and what {@code reaper cost} says it saved. */
class CacheCliTest {

    @TempDir
    Path home;

    @TempDir
    Path work;

    FakeProvider fake;

    @BeforeEach
    void start() {
        fake = FakeProvider.start();
        fake.conversation(Step.text("The answer."));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    CliRun cli() {
        return new CliRun(home, work).provider("anthropic", fake);
    }

    @Test
    void aQuestionAskedAgainIsAnsweredFromTheCacheAndCostSaysWhatThatSaved() {
        CliRun.Result first = cli().run("-p", "what does a.py do?", "--cache");
        CliRun.Result second = cli().run("-p", "what does a.py do?", "--cache", "--output-format", "stream-json");

        assertThat(first.out()).isEqualTo("The answer.\n");
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).contains("\"type\":\"routing\"").contains("\"strategy\":\"cache\"")
                .contains("\"result\":\"The answer.\"");
        assertThat(fake.chatRequests()).hasSize(1);

        CliRun.Result cost = cli().run("cost");
        assertThat(cost.out()).containsPattern("SAVED").containsPattern("Caching saved \\$0\\.\\d{4}")
                .contains("1 request answered from Reaper's cache");
    }

    @Test
    void withoutTheCacheEveryRunAsks() throws IOException {
        cli().run("-p", "hi");
        cli().run("-p", "hi");
        assertThat(fake.chatRequests()).hasSize(2);
        Files.writeString(home.resolve("config.toml"), "[cache]\nexact = true\nttl_seconds = 600\n");
        cli().run("-p", "hi");
        cli().run("-p", "hi");
        assertThat(fake.chatRequests()).hasSize(3);
    }

    @Test
    void aBadCacheSettingIsAClearError() throws IOException {
        Files.writeString(home.resolve("config.toml"), "[cache]\nexact = \"yes\"\n");
        CliRun.Result r = cli().run("-p", "hi");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("'cache.exact' must be true or false");
        assertThat(fake.chatRequests()).isEmpty();
    }
}
