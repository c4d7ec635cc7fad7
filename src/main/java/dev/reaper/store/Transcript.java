package dev.reaper.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reaper.json.Json;
import dev.reaper.protocol.Message;
import dev.reaper.secret.Redactor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;

/**
 * An open session transcript: append-only JSON lines, each written with one call as soon as it
 * happens, so a crash loses at most the line being written (which loading then ignores). Secrets are
 * masked before anything reaches the file.
 */
public final class Transcript implements AutoCloseable {

    private final String sessionId;
    private final Path file;
    private final FileChannel channel;
    private final Clock clock;

    Transcript(String sessionId, Path file, Clock clock) throws IOException {
        this.sessionId = sessionId;
        this.file = file;
        this.clock = clock;
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        if (channel.size() > 0) {
            terminateTornLine();
        }
    }

    public String sessionId() {
        return sessionId;
    }

    public Path file() {
        return file;
    }

    /** A torn last line (a crash mid-write) must not swallow the next record: end it first. */
    private void terminateTornLine() throws IOException {
        ByteBuffer last = ByteBuffer.allocate(1);
        try (FileChannel reader = FileChannel.open(file, StandardOpenOption.READ)) {
            reader.read(last, reader.size() - 1);
        }
        if (last.get(0) != '\n') {
            channel.write(ByteBuffer.wrap(new byte[] {'\n'}));
        }
    }

    public void appendMessage(Message m) {
        ObjectNode rec = record("message");
        rec.set("message", MessageCodec.encode(m));
        write(rec);
    }

    /** Any other record (turn ends, usage, notices): {@code type} plus fields. */
    public void append(String type, ObjectNode fields) {
        ObjectNode rec = record(type);
        rec.setAll(fields);
        write(rec);
    }

    private ObjectNode record(String type) {
        ObjectNode rec = Json.object();
        rec.put("type", type);
        rec.put("ts", clock.instant().toString());
        return rec;
    }

    private synchronized void write(ObjectNode rec) {
        String line = Redactor.global().redact(Json.write(rec)) + "\n";
        ByteBuffer buf = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
        try {
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the session transcript " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to save
        }
    }
}
