package dev.reaper.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import dev.reaper.store.UsageLedger.Entry;
import dev.reaper.store.UsageLedger.GroupBy;
import dev.reaper.store.UsageLedger.Row;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageLedgerTest {

    @TempDir
    Path dir;

    UsageLedger ledger;

    @BeforeEach
    void open() {
        ledger = UsageLedger.open(dir.resolve("nested/usage.db"), ZoneOffset.UTC);
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    private static Entry entry(String at, String session, String provider, String model, long in, long out,
                               double cost, boolean priced) {
        return new Entry(Instant.parse(at), session, "/w", provider, model, in, out, in / 10, in / 20, cost, priced,
                100, 1000, "ok");
    }

    private void recordSample() {
        ledger.record(entry("2025-03-01T09:00:00Z", "s1", "anthropic", "claude-sonnet-4-5", 1000, 100, 0.50, true));
        ledger.record(entry("2025-03-01T23:30:00Z", "s1", "anthropic", "claude-sonnet-4-5", 2000, 200, 1.00, true));
        ledger.record(entry("2025-03-02T08:00:00Z", "s2", "openai", "gpt-5", 3000, 300, 2.00, true));
        ledger.record(entry("2025-03-03T08:00:00Z", "s3", "ollama", "qwen3", 4000, 400, 0.0, false));
    }

    @Test
    void reportsByDayInDateOrderWithSums() {
        recordSample();

        assertThat(ledger.report(GroupBy.DAY, null)).containsExactly(
                new Row("2025-03-01", 2, 3000, 300, 300, 150, 1.50, 0, 0, 0.0),
                new Row("2025-03-02", 1, 3000, 300, 300, 150, 2.00, 0, 0, 0.0),
                new Row("2025-03-03", 1, 4000, 400, 400, 200, 0.0, 1, 0, 0.0));
    }

    @Test
    void reportsByProviderModelAndSessionMostExpensiveFirst() {
        recordSample();

        assertThat(ledger.report(GroupBy.PROVIDER, null)).extracting(Row::key, Row::requests, Row::costUsd)
                .containsExactly(
                        tuple("openai", 1L, 2.00),
                        tuple("anthropic", 2L, 1.50),
                        tuple("ollama", 1L, 0.0));
        assertThat(ledger.report(GroupBy.MODEL, null)).extracting(Row::key)
                .containsExactly("openai/gpt-5", "anthropic/claude-sonnet-4-5", "ollama/qwen3");
        assertThat(ledger.report(GroupBy.SESSION, null)).extracting(Row::key, Row::inputTokens)
                .containsExactly(
                        tuple("s2", 3000L),
                        tuple("s1", 3000L),
                        tuple("s3", 4000L));
    }

    @Test
    void theSinceFilterKeepsThatDayAndLater() {
        recordSample();

        assertThat(ledger.report(GroupBy.DAY, "2025-03-02")).extracting(Row::key)
                .containsExactly("2025-03-02", "2025-03-03");
        assertThat(ledger.report(GroupBy.PROVIDER, "2025-03-03")).extracting(Row::key).containsExactly("ollama");
        assertThat(ledger.report(GroupBy.DAY, "2025-04-01")).isEmpty();
    }

    @Test
    void theDayIsTheDayInTheLedgersZone() {
        UsageLedger tokyo = UsageLedger.open(dir.resolve("tokyo.db"), ZoneId.of("Asia/Tokyo"));
        try {
            tokyo.record(entry("2025-03-01T23:30:00Z", "s1", "anthropic", "m", 1, 1, 0.1, true));

            assertThat(tokyo.report(GroupBy.DAY, null)).extracting(Row::key).containsExactly("2025-03-02");
        } finally {
            tokyo.close();
        }
    }

    @Test
    void aRequestWithoutSessionIsGroupedUnderNone() {
        ledger.record(entry("2025-03-01T09:00:00Z", null, "openai", "gpt-5", 10, 1, 0.01, true));

        assertThat(ledger.report(GroupBy.SESSION, null)).extracting(Row::key).containsExactly("(none)");
    }

    @Test
    void sumsTheCostOfOneSession() {
        recordSample();

        assertThat(ledger.sessionCost("s1")).isCloseTo(1.50, within(1e-9));
        assertThat(ledger.sessionCost("s2")).isCloseTo(2.00, within(1e-9));
        assertThat(ledger.sessionCost("unknown")).isZero();
    }

    @Test
    void entriesSurviveReopening() {
        recordSample();
        ledger.close();

        ledger = UsageLedger.open(dir.resolve("nested/usage.db"), ZoneOffset.UTC);

        assertThat(ledger.report(GroupBy.DAY, null)).hasSize(3);
    }

    @Test
    void twoLedgersOnOneFileWriteConcurrentlyWithoutLosingAnything() throws Exception {
        Path file = dir.resolve("shared.db");
        int threadsPerLedger = 3;
        int perThread = 40;
        ExecutorService pool = Executors.newFixedThreadPool(2 * threadsPerLedger);
        List<UsageLedger> ledgers = List.of(UsageLedger.open(file, ZoneOffset.UTC), UsageLedger.open(file, ZoneOffset.UTC));
        try {
            List<Future<?>> work = new ArrayList<>();
            for (UsageLedger l : ledgers) {
                for (int t = 0; t < threadsPerLedger; t++) {
                    String session = "s" + work.size();
                    work.add(pool.submit(() -> {
                        for (int i = 0; i < perThread; i++) {
                            l.record(entry("2025-03-01T09:00:00Z", session, "anthropic", "m", 10, 1, 0.25, true));
                        }
                    }));
                }
            }
            for (Future<?> f : work) {
                f.get(5, TimeUnit.MINUTES); // rethrows any failure of a writer
            }

            List<Row> rows = ledgers.get(0).report(GroupBy.DAY, null);
            long total = 2L * threadsPerLedger * perThread;
            assertThat(rows).containsExactly(new Row("2025-03-01", total, 10 * total, total, total, 0, 0.25 * total, 0, 0, 0.0));
            assertThat(ledgers.get(1).report(GroupBy.SESSION, null)).hasSize(2 * threadsPerLedger)
                    .allSatisfy(r -> assertThat(r.requests()).isEqualTo(perThread));
        } finally {
            pool.shutdownNow();
            ledgers.forEach(UsageLedger::close);
        }
    }

    @Test
    void severalProcessesOpeningANewLedgerAtOnceAllSucceed() throws Exception {
        int openers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(openers);
        try {
            for (int round = 0; round < 25; round++) {
                Path file = dir.resolve("new-" + round + ".db");
                CyclicBarrier together = new CyclicBarrier(openers);
                List<Future<?>> work = new ArrayList<>();
                for (int t = 0; t < openers; t++) {
                    work.add(pool.submit(() -> {
                        together.await();
                        try (UsageLedger l = UsageLedger.open(file, ZoneOffset.UTC)) {
                            l.record(entry("2025-03-01T09:00:00Z", "s", "anthropic", "m", 1, 1, 0.5, true));
                        }
                        return null;
                    }));
                }
                for (Future<?> f : work) {
                    f.get(5, TimeUnit.MINUTES);
                }
                try (UsageLedger l = UsageLedger.open(file, ZoneOffset.UTC)) {
                    assertThat(l.report(GroupBy.DAY, null)).extracting(Row::requests).containsExactly((long) openers);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void cacheHitsAndSavingsAreSummed() {
        ledger.record(new UsageLedger.Entry(Instant.parse("2025-03-01T10:00:00Z"), "s1", "/w", "anthropic", "m", 1000, 10,
                900, 0, 0.01, true, 100, 200, "ok", 0.0024));
        ledger.record(new UsageLedger.Entry(Instant.parse("2025-03-01T11:00:00Z"), "s1", "/w", "anthropic", "m", 0, 0,
                0, 0, 0, true, 0, 0, "cache", 0.01));
        Row r = ledger.report(GroupBy.DAY, null).get(0);
        assertThat(r.cacheHits()).isEqualTo(1);
        assertThat(r.savedUsd()).isCloseTo(0.0124, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(ledger.spentSince("2025-03-01", "/w")).isCloseTo(0.01, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(ledger.spentSince("2025-03-01", "/elsewhere")).isZero();
        assertThat(ledger.spentSince("2025-03-02", null)).isZero();
    }

    @Test
    void aLedgerFromBeforeSavingsWereRecordedGetsTheColumn(@org.junit.jupiter.api.io.TempDir Path old) throws Exception {
        Path file = old.resolve("usage.db");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
             java.sql.Statement st = c.createStatement()) {
            st.execute("CREATE TABLE requests (id INTEGER PRIMARY KEY, at TEXT NOT NULL, day TEXT NOT NULL, session_id TEXT,"
                    + " workspace TEXT, provider TEXT NOT NULL, model TEXT NOT NULL, input_tokens INTEGER NOT NULL,"
                    + " output_tokens INTEGER NOT NULL, cache_read_tokens INTEGER NOT NULL, cache_write_tokens INTEGER NOT NULL,"
                    + " cost_usd REAL NOT NULL, priced INTEGER NOT NULL, ttft_ms INTEGER NOT NULL, duration_ms INTEGER NOT NULL,"
                    + " status TEXT NOT NULL)");
            st.execute("INSERT INTO requests VALUES (1, '2025-03-01T10:00:00Z', '2025-03-01', 's', '/w', 'anthropic', 'm',"
                    + " 10, 1, 0, 0, 0.5, 1, 5, 9, 'ok')");
        }
        try (UsageLedger l = UsageLedger.open(file, ZoneOffset.UTC)) {
            assertThat(l.report(GroupBy.DAY, null)).containsExactly(
                    new Row("2025-03-01", 1, 10, 1, 0, 0, 0.5, 0, 0, 0.0));
        }
    }
}
