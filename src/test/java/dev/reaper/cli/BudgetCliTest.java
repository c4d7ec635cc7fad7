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

/** Period budgets through the real command line: what earlier runs spent today counts. */
class BudgetCliTest {

    @TempDir
    Path home;

    @TempDir
    Path work;

    FakeProvider fake;

    @BeforeEach
    void start() {
        fake = FakeProvider.start();
        fake.conversation(Step.text("ok"));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    CliRun cli() {
        return new CliRun(home, work).provider("anthropic", fake);
    }

    @Test
    void aDailyHardLimitRefusesBeforeSendingOnceEarlierRunsReachedIt() throws IOException {
        CliRun.Result first = cli().run("-p", "hi");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(fake.chatRequests()).hasSize(1);

        Files.writeString(home.resolve("config.toml"), "[budget]\ndaily_hard_usd = 0.0001\n");
        CliRun.Result second = cli().run("-p", "hi again");

        assertThat(second.exitCode()).isEqualTo(4);
        assertThat(second.err()).contains("daily budget of $0.0001 reached");
        assertThat(fake.chatRequests()).as("nothing sent").hasSize(1);
    }

    @Test
    void aProjectLimitCountsOnlyThisWorkspace(@TempDir Path elsewhere) {
        // another workspace spent $1 today
        try (dev.reaper.store.UsageLedger ledger = dev.reaper.store.UsageLedger.open(home.resolve("data/usage.db"),
                java.time.ZoneId.systemDefault())) {
            ledger.record(new dev.reaper.store.UsageLedger.Entry(java.time.Instant.now(), "s", elsewhere.toString(),
                    "anthropic", "claude-sonnet-4-5", 100_000, 10_000, 0, 0, 1.0, true, 100, 900, "ok"));
        }

        CliRun.Result global = cli().run("-p", "hi", "--budget", "daily=0.5");
        assertThat(global.exitCode()).as(global.err()).isEqualTo(4);
        assertThat(global.err()).contains("daily budget of $0.5000 reached").contains("[budget] of config.toml");

        CliRun.Result project = cli().run("-p", "hi", "--budget", "project-daily=0.5");
        assertThat(project.exitCode()).as(project.err()).isZero();
        assertThat(fake.chatRequests()).hasSize(1);
    }

    @Test
    void aSoftLimitWarnsAndGoesOn() throws IOException {
        Files.writeString(home.resolve("config.toml"), "[budget]\nmonthly_soft_usd = 0.0001\n");
        CliRun.Result r = cli().run("-p", "hi");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).contains("monthly soft budget of $0.00 passed");
        assertThat(r.out()).isEqualTo("ok\n");
    }

    @Test
    void badBudgetsAreClearErrors() throws IOException {
        CliRun.Result flag = cli().run("-p", "hi", "--budget", "hourly=5");
        assertThat(flag.exitCode()).isEqualTo(3);
        assertThat(flag.err()).contains("PERIOD one of daily, weekly, monthly");
        Files.writeString(home.resolve("config.toml"), "[budget]\ndaily_usd = 5\n");
        CliRun.Result key = cli().run("-p", "hi");
        assertThat(key.exitCode()).isEqualTo(3);
        assertThat(key.err()).contains("unknown key budget.daily_usd");
        assertThat(fake.chatRequests()).isEmpty();
    }
}
