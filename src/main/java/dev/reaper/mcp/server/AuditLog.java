package dev.reaper.mcp.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reaper.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The record of every {@code tools/call} the MCP server ran: one JSON line each (time, client, tool, arguments
 * with secrets redacted, result size, isError, duration in milliseconds), appended to a file. A line that
 * cannot be written is logged and does not fail the call.
 */
public final class AuditLog {

    private static final Logger LOG = Logger.getLogger(AuditLog.class.getName());

    /** Keeps nothing (tests, or when no state folder is known). */
    public static final AuditLog NONE = new AuditLog(null, s -> s, Clock.systemUTC());

    private final Path file;
    private final UnaryOperator<String> redact;
    private final Clock clock;

    /** @param redact masks the secrets in a text (the arguments are redacted as their JSON text) */
    public AuditLog(Path file, UnaryOperator<String> redact, Clock clock) {
        this.file = file;
        this.redact = redact;
        this.clock = clock;
    }

    /** One finished call. */
    public void record(String client, String tool, JsonNode arguments, int resultChars, boolean isError,
                       Duration took) {
        if (file == null) {
            return;
        }
        ObjectNode line = Json.object();
        line.put("time", clock.instant().toString());
        line.put("client", client);
        line.put("tool", tool);
        String args = redact.apply(Json.write(arguments));
        line.set("arguments", Json.tryParse(args).orElseGet(() -> Json.MAPPER.getNodeFactory().textNode(args)));
        line.put("resultChars", resultChars);
        line.put("isError", isError);
        line.put("durationMs", took.toMillis());
        byte[] bytes = (Json.write(line) + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (this) {
            try {
                Files.createDirectories(file.getParent());
                Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "cannot write the MCP audit log " + file, e);
            }
        }
    }
}
