package dev.reaper.repomap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

/**
 * A workspace's tagged files in a small SQLite file, one row per file: its stamp and its symbols
 * ({@link SymbolCodec}), so a map survives restarts and a refresh writes only the rows of the files that
 * changed. Writes happen on a thread of their own, in order, so a refresh does not wait for them (the
 * first one writes every row); {@link #close} waits for those still pending. A write that fails is logged
 * and the cache stops writing: the map goes on in memory. The rows are dropped whole when the symbol
 * engine or the row format changes. Several Reaper processes may share the file (WAL, busy timeout).
 */
final class TagCache implements AutoCloseable {

    /** Bumped whenever {@link SymbolCodec} or what the scanners extract changes. */
    static final String FORMAT = "1";

    /** One cached file. */
    record Row(Stamp stamp, FileSymbols symbols) {}

    private static final Logger LOG = Logger.getLogger(TagCache.class.getName());

    private final Connection db;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("reaper-map-cache").daemon().factory());
    private volatile boolean failed;

    private TagCache(Connection db) {
        this.db = db;
    }

    /** Opens (or creates) the cache; rows of another engine or format are dropped. */
    static TagCache open(Path file, String sourceId) throws IOException {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA busy_timeout=5000");
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=NORMAL");
                s.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
                s.execute("""
                        CREATE TABLE IF NOT EXISTS files (
                          path TEXT PRIMARY KEY, modified INTEGER NOT NULL, size INTEGER NOT NULL,
                          symbols BLOB NOT NULL)""");
                String version = FORMAT + " " + sourceId;
                String stored = null;
                try (ResultSet r = s.executeQuery("SELECT value FROM meta WHERE key = 'version'")) {
                    if (r.next()) {
                        stored = r.getString(1);
                    }
                }
                if (!version.equals(stored)) {
                    s.execute("DELETE FROM files");
                    try (PreparedStatement p = db.prepareStatement(
                            "INSERT OR REPLACE INTO meta (key, value) VALUES ('version', ?)")) {
                        p.setString(1, version);
                        p.executeUpdate();
                    }
                }
            } catch (SQLException e) {
                db.close();
                throw e;
            }
            return new TagCache(db);
        } catch (SQLException e) {
            throw new IOException("cannot open the repo map cache " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Every cached file; a row that cannot be decoded is left out (its file is tagged again). Stops early,
     * with what it has, when {@code cancelled}.
     */
    synchronized Map<String, Row> load(UnaryOperator<String> intern, BooleanSupplier cancelled) throws IOException {
        Map<String, Row> out = new HashMap<>();
        try (Statement s = db.createStatement();
             ResultSet r = s.executeQuery("SELECT path, modified, size, symbols FROM files")) {
            while (r.next() && !cancelled.getAsBoolean()) {
                try {
                    out.put(r.getString(1), new Row(new Stamp(r.getLong(2), r.getLong(3)),
                            SymbolCodec.decode(r.getBytes(4), intern)));
                } catch (IOException e) {
                    // a damaged row: the file is tagged again
                }
            }
        } catch (SQLException e) {
            throw new IOException("cannot read the repo map cache: " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Writes the rows of changed files and deletes those of removed ones, in one transaction, after the
     * writes asked for before.
     */
    void save(Map<String, Row> changed, Collection<String> removed) {
        if (failed || (changed.isEmpty() && removed.isEmpty())) {
            return;
        }
        Map<String, Row> rows = Map.copyOf(changed);
        List<String> gone = List.copyOf(removed);
        writer.execute(() -> {
            if (failed) {
                return;
            }
            try {
                write(rows, gone);
            } catch (IOException e) {
                failed = true;
                LOG.warning(e.getMessage() + "; the repo map is kept in memory only from now on");
            }
        });
    }

    private synchronized void write(Map<String, Row> changed, Collection<String> removed) throws IOException {
        try {
            db.setAutoCommit(false);
            try (PreparedStatement put = db.prepareStatement(
                    "INSERT OR REPLACE INTO files (path, modified, size, symbols) VALUES (?, ?, ?, ?)");
                 PreparedStatement delete = db.prepareStatement("DELETE FROM files WHERE path = ?")) {
                for (Map.Entry<String, Row> e : changed.entrySet()) {
                    put.setString(1, e.getKey());
                    put.setLong(2, e.getValue().stamp().modified());
                    put.setLong(3, e.getValue().stamp().size());
                    put.setBytes(4, SymbolCodec.encode(e.getValue().symbols()));
                    put.addBatch();
                }
                for (String path : removed) {
                    delete.setString(1, path);
                    delete.addBatch();
                }
                put.executeBatch();
                delete.executeBatch();
                db.commit();
            } catch (SQLException e) {
                db.rollback();
                throw e;
            } finally {
                db.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IOException("cannot write the repo map cache: " + e.getMessage(), e);
        }
    }

    /** Waits for the writes still pending (up to a minute), then closes the file. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(1, TimeUnit.MINUTES)) {
                LOG.warning("the repo map cache was closed with writes still pending");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            try {
                db.close();
            } catch (SQLException e) {
                // closing: nothing left to do with it
            }
        }
    }
}
