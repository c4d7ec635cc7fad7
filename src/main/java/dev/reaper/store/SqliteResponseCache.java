package dev.reaper.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reaper.json.Json;
import dev.reaper.protocol.StopReason;
import dev.reaper.protocol.Usage;
import dev.reaper.router.ChatResponse;
import dev.reaper.router.ModelRef;
import dev.reaper.router.ResponseCache;
import dev.reaper.router.SemanticCache;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The response cache in an embedded SQLite file: one row per request key with the answer as JSON and
 * when it expires; and the semantic cache beside it, one row per question with its embedding (float32),
 * searched by cosine similarity within a scope. Expired rows are ignored when read and deleted when the cache is opened. Several
 * Reaper processes may share the file (WAL mode, busy timeout). A cache that fails to read or write
 * answers as a miss: it never fails a request.
 */
public final class SqliteResponseCache implements ResponseCache, SemanticCache, AutoCloseable {

    private final Connection db;
    private final Duration ttl;
    private final Clock clock;

    private SqliteResponseCache(Connection db, Duration ttl, Clock clock) {
        this.db = db;
        this.ttl = ttl;
        this.clock = clock;
    }

    public static SqliteResponseCache open(Path file, Duration ttl, Clock clock) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA busy_timeout=5000");
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=NORMAL");
                s.execute("""
                        CREATE TABLE IF NOT EXISTS responses (
                          key TEXT PRIMARY KEY, expires_ms INTEGER NOT NULL, model TEXT NOT NULL,
                          cost_usd REAL NOT NULL, response TEXT NOT NULL)""");
                s.execute("""
                        CREATE TABLE IF NOT EXISTS questions (
                          id INTEGER PRIMARY KEY, scope TEXT NOT NULL, vector BLOB NOT NULL, expires_ms INTEGER NOT NULL,
                          model TEXT NOT NULL, cost_usd REAL NOT NULL, response TEXT NOT NULL)""");
                s.execute("CREATE INDEX IF NOT EXISTS questions_scope ON questions(scope)");
                s.execute("DELETE FROM responses WHERE expires_ms <= " + clock.millis());
                s.execute("DELETE FROM questions WHERE expires_ms <= " + clock.millis());
            } catch (SQLException e) {
                db.close();
                throw e;
            }
            return new SqliteResponseCache(db, ttl, clock);
        } catch (SQLException | IOException e) {
            throw new UncheckedIOException("cannot open the response cache " + file + ": " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    @Override
    public synchronized Optional<Entry> get(String key) {
        try (PreparedStatement p = db.prepareStatement(
                "SELECT model, cost_usd, response FROM responses WHERE key = ? AND expires_ms > ?")) {
            p.setString(1, key);
            p.setLong(2, clock.millis());
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Entry(ModelRef.parse(r.getString(1)), decode(Json.parse(r.getString(3))),
                        r.getDouble(2)));
            }
        } catch (SQLException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public synchronized void put(String key, Entry entry) {
        try (PreparedStatement p = db.prepareStatement(
                "INSERT OR REPLACE INTO responses (key, expires_ms, model, cost_usd, response) VALUES (?,?,?,?,?)")) {
            p.setString(1, key);
            p.setLong(2, clock.millis() + ttl.toMillis());
            p.setString(3, entry.model().toString());
            p.setDouble(4, entry.costUsd());
            p.setString(5, Json.write(encode(entry.response())));
            p.executeUpdate();
        } catch (SQLException | RuntimeException e) {
            // a cache that cannot write is a cache that misses
        }
    }

    @Override
    public synchronized Optional<Match> nearest(String scope, float[] vector, double threshold) {
        Match best = null;
        try (PreparedStatement p = db.prepareStatement(
                "SELECT vector, model, cost_usd, response FROM questions WHERE scope = ? AND expires_ms > ?")) {
            p.setString(1, scope);
            p.setLong(2, clock.millis());
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    double sim = SemanticCache.cosine(vector, floats(r.getBytes(1)));
                    if (sim >= threshold && (best == null || sim > best.similarity())) {
                        best = new Match(new Entry(ModelRef.parse(r.getString(2)), decode(Json.parse(r.getString(4))),
                                r.getDouble(3)), sim);
                    }
                }
            }
        } catch (SQLException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(best);
    }

    @Override
    public synchronized void put(String scope, float[] vector, Entry entry) {
        try (PreparedStatement p = db.prepareStatement(
                "INSERT INTO questions (scope, vector, expires_ms, model, cost_usd, response) VALUES (?,?,?,?,?,?)")) {
            ByteBuffer b = ByteBuffer.allocate(vector.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (float f : vector) {
                b.putFloat(f);
            }
            p.setString(1, scope);
            p.setBytes(2, b.array());
            p.setLong(3, clock.millis() + ttl.toMillis());
            p.setString(4, entry.model().toString());
            p.setDouble(5, entry.costUsd());
            p.setString(6, Json.write(encode(entry.response())));
            p.executeUpdate();
        } catch (SQLException | RuntimeException e) {
            // a cache that cannot write is a cache that misses
        }
    }

    private static float[] floats(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[bytes.length / 4];
        for (int i = 0; i < v.length; i++) {
            v[i] = b.getFloat();
        }
        return v;
    }

    static ObjectNode encode(ChatResponse r) {
        ObjectNode n = Json.object();
        n.put("id", r.id());
        n.put("model", r.model());
        n.set("message", MessageCodec.encode(r.message()));
        Usage u = r.usage();
        n.putArray("usage").add(u.inputTokens()).add(u.outputTokens()).add(u.cacheReadTokens())
                .add(u.cacheWriteTokens()).add(u.reasoningTokens());
        n.put("stop", r.stopReason().name());
        n.put("raw_stop", r.rawStopReason());
        return n;
    }

    static ChatResponse decode(JsonNode n) {
        JsonNode u = n.path("usage");
        return new ChatResponse(n.path("id").asText(null), n.path("model").asText(null),
                MessageCodec.decode(n.path("message")),
                new Usage(u.path(0).asLong(), u.path(1).asLong(), u.path(2).asLong(), u.path(3).asLong(), u.path(4).asLong()),
                StopReason.valueOf(n.path("stop").asText()), n.path("raw_stop").asText(null), null, true);
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException ignored) {
            // closing is best effort
        }
    }
}
