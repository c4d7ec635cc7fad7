package dev.reaper.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Every model request Reaper made, with its tokens, cost and timings, in an embedded SQLite database
 * that several Reaper processes can write at once (WAL mode, busy timeout).
 */
public final class UsageLedger implements AutoCloseable {

    /**
     * One request. {@code status} is "ok", "cache" (answered from Reaper's cache: nothing was sent) or the
     * failure kind; {@code savedUsd} is what caching saved: the provider's prompt cache (cache reads at
     * their lower price) or Reaper's own (the whole cost of the answer it replayed).
     */
    public record Entry(Instant at, String sessionId, String workspace, String provider, String model,
                        long inputTokens, long outputTokens, long cacheReadTokens, long cacheWriteTokens,
                        double costUsd, boolean priced, long timeToFirstTokenMs, long durationMs, String status,
                        double savedUsd) {

        public Entry(Instant at, String sessionId, String workspace, String provider, String model, long inputTokens,
                     long outputTokens, long cacheReadTokens, long cacheWriteTokens, double costUsd, boolean priced,
                     long timeToFirstTokenMs, long durationMs, String status) {
            this(at, sessionId, workspace, provider, model, inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens,
                    costUsd, priced, timeToFirstTokenMs, durationMs, status, 0);
        }
    }

    /**
     * A group of requests: its key (a day, provider, model or session) and sums; {@code cacheHits} are the
     * requests answered from Reaper's cache, {@code savedUsd} what caching of either kind saved.
     */
    public record Row(String key, long requests, long inputTokens, long outputTokens, long cacheReadTokens,
                      long cacheWriteTokens, double costUsd, long unpriced, long cacheHits, double savedUsd) {}

    public enum GroupBy {
        DAY("day"), PROVIDER("provider"), MODEL("provider || '/' || model"), SESSION("session_id");

        final String column;

        GroupBy(String column) {
            this.column = column;
        }
    }

    private static final int SQLITE_BUSY = 5;

    private final Connection db;
    private final ZoneId zone;

    private UsageLedger(Connection db, ZoneId zone) {
        this.db = db;
        this.zone = zone;
    }

    public static UsageLedger open(Path file, ZoneId zone) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
            try {
                createSchema(db);
            } catch (SQLException e) {
                db.close();
                throw e;
            }
            return new UsageLedger(db, zone);
        } catch (SQLException | IOException e) {
            throw new UncheckedIOException("cannot open the usage ledger " + file + ": " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    /**
     * Switching a new ledger to WAL needs the file to itself, and SQLite answers SQLITE_BUSY at once,
     * without waiting out busy_timeout, when another process opens the same new ledger at that moment:
     * the setup (idempotent) is tried again for a while.
     */
    private static void createSchema(Connection db) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA busy_timeout=5000");
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=NORMAL");
                s.execute("""
                        CREATE TABLE IF NOT EXISTS requests (
                          id INTEGER PRIMARY KEY,
                          at TEXT NOT NULL, day TEXT NOT NULL,
                          session_id TEXT, workspace TEXT, provider TEXT NOT NULL, model TEXT NOT NULL,
                          input_tokens INTEGER NOT NULL, output_tokens INTEGER NOT NULL,
                          cache_read_tokens INTEGER NOT NULL, cache_write_tokens INTEGER NOT NULL,
                          cost_usd REAL NOT NULL, priced INTEGER NOT NULL,
                          ttft_ms INTEGER NOT NULL, duration_ms INTEGER NOT NULL, status TEXT NOT NULL,
                          saved_usd REAL NOT NULL DEFAULT 0)""");
                s.execute("CREATE INDEX IF NOT EXISTS requests_day ON requests(day)");
                addSavedColumn(s);
                return;
            } catch (SQLException e) {
                if ((e.getErrorCode() & 0xff) != SQLITE_BUSY || attempt >= 100) {
                    throw e;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Ledgers written before savings were recorded get the column, with nothing saved so far. */
    private static void addSavedColumn(Statement s) throws SQLException {
        try (ResultSet cols = s.executeQuery("PRAGMA table_info(requests)")) {
            while (cols.next()) {
                if (cols.getString("name").equals("saved_usd")) {
                    return;
                }
            }
        }
        try {
            s.execute("ALTER TABLE requests ADD COLUMN saved_usd REAL NOT NULL DEFAULT 0");
        } catch (SQLException e) {
            if (e.getMessage() == null || !e.getMessage().contains("duplicate column")) {
                throw e; // another process adding it at the same moment is fine
            }
        }
    }

    public synchronized void record(Entry e) {
        String sql = "INSERT INTO requests (at, day, session_id, workspace, provider, model, input_tokens, output_tokens,"
                + " cache_read_tokens, cache_write_tokens, cost_usd, priced, ttft_ms, duration_ms, status, saved_usd)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
        try (PreparedStatement p = db.prepareStatement(sql)) {
            p.setString(1, e.at().toString());
            p.setString(2, e.at().atZone(zone).toLocalDate().toString());
            p.setString(3, e.sessionId());
            p.setString(4, e.workspace());
            p.setString(5, e.provider());
            p.setString(6, e.model());
            p.setLong(7, e.inputTokens());
            p.setLong(8, e.outputTokens());
            p.setLong(9, e.cacheReadTokens());
            p.setLong(10, e.cacheWriteTokens());
            p.setDouble(11, e.costUsd());
            p.setInt(12, e.priced() ? 1 : 0);
            p.setLong(13, e.timeToFirstTokenMs());
            p.setLong(14, e.durationMs());
            p.setString(15, e.status());
            p.setDouble(16, e.savedUsd());
            p.executeUpdate();
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot record usage: " + ex.getMessage(), ex);
        }
    }

    /** Sums by the given grouping, for requests on or after {@code sinceDay} (an ISO date, or null for all). */
    public synchronized List<Row> report(GroupBy by, String sinceDay) {
        String sql = "SELECT " + by.column + " AS k, COUNT(*), SUM(input_tokens), SUM(output_tokens),"
                + " SUM(cache_read_tokens), SUM(cache_write_tokens), SUM(cost_usd), SUM(1 - priced),"
                + " SUM(status = 'cache'), SUM(saved_usd)"
                + " FROM requests WHERE (? IS NULL OR day >= ?) GROUP BY k ORDER BY "
                + (by == GroupBy.DAY ? "k" : "SUM(cost_usd) DESC, k");
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement p = db.prepareStatement(sql)) {
            p.setString(1, sinceDay);
            p.setString(2, sinceDay);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    rows.add(new Row(r.getString(1) == null ? "(none)" : r.getString(1), r.getLong(2), r.getLong(3),
                            r.getLong(4), r.getLong(5), r.getLong(6), r.getDouble(7), r.getLong(8), r.getLong(9),
                            r.getDouble(10)));
                }
            }
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot read the usage ledger: " + ex.getMessage(), ex);
        }
        return rows;
    }

    /** What was spent on or after {@code sinceDay} (an ISO date), in one workspace or (null) in all. */
    public synchronized double spentSince(String sinceDay, String workspace) {
        String sql = "SELECT COALESCE(SUM(cost_usd), 0) FROM requests WHERE day >= ? AND (? IS NULL OR workspace = ?)";
        try (PreparedStatement p = db.prepareStatement(sql)) {
            p.setString(1, sinceDay);
            p.setString(2, workspace);
            p.setString(3, workspace);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getDouble(1) : 0;
            }
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot read the usage ledger: " + ex.getMessage(), ex);
        }
    }

    /** Total cost of one session. */
    public synchronized double sessionCost(String sessionId) {
        try (PreparedStatement p = db.prepareStatement("SELECT COALESCE(SUM(cost_usd), 0) FROM requests WHERE session_id = ?")) {
            p.setString(1, sessionId);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getDouble(1) : 0;
            }
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot read the usage ledger: " + ex.getMessage(), ex);
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException ignored) {
            // closing at exit: nothing to do about it
        }
    }
}
