package dev.reaper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.json.Json;
import dev.reaper.testing.CliRun;
import dev.reaper.testing.FakeProvider;
import dev.reaper.testing.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --strategy} and the routing settings, through the real command line against two loopback providers. */
class RoutingCliTest {

    @TempDir
    Path home;

    @TempDir
    Path work;

    FakeProvider slow;
    FakeProvider fast;

    @BeforeEach
    void start() {
        slow = FakeProvider.start();
        fast = FakeProvider.start();
    }

    @AfterEach
    void stop() {
        slow.close();
        fast.close();
    }

    CliRun cli() {
        return new CliRun(home, work).provider("anthropic", slow).provider("openai", fast);
    }

    @Test
    void aRaceIsWonByTheFirstTokenAndStreamJsonSaysSo() {
        slow.enqueue(new Step.Delayed(Step.text("slow"), Duration.ofSeconds(5)));
        fast.enqueue(Step.text("fast"));

        CliRun.Result r = cli().run("-p", "hi", "--model", "anthropic/claude-sonnet-4-5,openai/gpt-5",
                "--strategy", "race", "--output-format", "stream-json");

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode routing = r.out().lines().map(Json::parse).filter(n -> n.path("type").asText().equals("routing"))
                .findFirst().orElseThrow(() -> new AssertionError("no routing event in\n" + r.out()));
        assertThat(routing.path("strategy").asText()).isEqualTo("race");
        assertThat(routing.path("served").asText()).isEqualTo("openai/gpt-5");
        assertThat(routing.path("cancelled").get(0).asText()).isEqualTo("anthropic/claude-sonnet-4-5");
        assertThat(r.out()).contains("\"result\":\"fast\"");
    }

    @Test
    void anUnknownStrategyIsAUsageError() {
        CliRun.Result r = cli().run("-p", "hi", "--strategy", "fastest");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--strategy must be one of single, cascade, race, speculate, merge");
        assertThat(fast.chatRequests()).isEmpty();
    }

    @Test
    void aBadRouterSettingNamesTheKey() throws IOException {
        Files.writeString(home.resolve("config.toml"), "[router]\nrace_width = 7\n");
        CliRun.Result r = cli().run("-p", "hi");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("router.race_width must be 2 or 3");
    }

    @Test
    void theStrategyCanComeFromConfig() throws IOException {
        Files.writeString(home.resolve("config.toml"), "strategy = \"speculate\"\n[router]\ndeadline_ms = 10000\n");
        slow.enqueue(Step.text(""));
        fast.enqueue(Step.text("a real answer"));

        CliRun.Result r = cli().run("-p", "hi", "--model", "anthropic/claude-sonnet-4-5,openai/gpt-5", "-v");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("a real answer\n");
        assertThat(r.err()).contains("speculate: openai/gpt-5 served");
        assertThat(slow.chatRequests()).hasSize(1);
    }
}
