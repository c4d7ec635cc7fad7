package dev.reaper.mcp.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.json.Json;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** An {@link McpServer} served over in-process pipes: lines in, whole response lines out. */
public final class McpWire implements AutoCloseable {

    private final PipedOutputStream toServer = new PipedOutputStream();
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread thread;

    public McpWire(McpServer server) throws IOException {
        PipedInputStream in = new PipedInputStream(toServer, 1 << 16);
        Writer out = new Writer() {
            private final StringBuilder buf = new StringBuilder();

            @Override
            public synchronized void write(char[] c, int off, int len) {
                buf.append(c, off, len);
                int nl;
                while ((nl = buf.indexOf("\n")) >= 0) {
                    lines.add(buf.substring(0, nl));
                    buf.delete(0, nl + 1);
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        thread = Thread.ofVirtual().start(() -> {
            try {
                server.serve(in, out);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    public void send(String line) throws IOException {
        toServer.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        toServer.flush();
    }

    public void request(int id, String method, String params) throws IOException {
        send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}");
    }

    /** The next line the server wrote, parsed; fails after five seconds of silence. */
    public JsonNode next() throws InterruptedException {
        String line = lines.poll(5, TimeUnit.SECONDS);
        if (line == null) {
            throw new AssertionError("the server wrote nothing within 5 s");
        }
        return Json.parse(line);
    }

    /** The next line, or null when the server writes nothing within the time. */
    public String poll(long millis) throws InterruptedException {
        return lines.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** A request and its answer. */
    public JsonNode call(int id, String method, String params) throws IOException, InterruptedException {
        request(id, method, params);
        return next();
    }

    /** Ends the input and waits for the server to return. */
    @Override
    public void close() throws IOException, InterruptedException {
        toServer.close();
        thread.join(10_000);
    }

    public boolean finished() {
        return !thread.isAlive();
    }
}
