package dev.reaper.mcp.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.reaper.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** One open Server-Sent Events response: each message is one {@code message} event, written whole. */
final class SseStream implements Channel {

    private final OutputStream out;
    private final CountDownLatch ended = new CountDownLatch(1);

    /** Starts the event stream as the exchange's 200 response. */
    SseStream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        this.out = exchange.getResponseBody();
    }

    @Override
    public void send(ObjectNode message) throws IOException {
        write("event: message\ndata: " + Json.write(message) + "\n\n");
    }

    /** A comment line: it keeps the stream alive and finds out whether the client is still there. */
    void comment(String text) throws IOException {
        write(": " + text + "\n\n");
    }

    private synchronized void write(String text) throws IOException {
        if (ended.getCount() == 0) {
            throw new IOException("the event stream has ended");
        }
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            end();
            throw e;
        }
    }

    /** Waits up to the time for the stream to end; whether it did. */
    boolean awaitEnd(long millis) throws InterruptedException {
        return ended.await(millis, TimeUnit.MILLISECONDS);
    }

    void end() {
        ended.countDown();
    }
}
