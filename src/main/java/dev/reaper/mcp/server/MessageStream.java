package dev.reaper.mcp.server;

import dev.reaper.mcp.protocol.JsonRpc;
import dev.reaper.mcp.protocol.Mcp;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One client on a transport that carries whole messages both ways in one connection (stdio lines, WebSocket
 * frames): every reply goes back on it. {@code initialize} is answered in order, before what follows it is
 * read; other requests run concurrently on virtual threads.
 */
final class MessageStream {

    private static final Logger LOG = Logger.getLogger(MessageStream.class.getName());

    private final ServerSession session;
    private final Channel out;
    private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();

    MessageStream(McpServer server, Channel out) {
        this.out = out;
        this.session = server.open(out);
    }

    /** One message from the client. */
    void receive(String text) {
        JsonRpc.Incoming message;
        try {
            message = JsonRpc.read(text);
        } catch (IllegalArgumentException e) {
            try {
                out.send(McpServer.unreadable(text, e));
            } catch (IOException io) {
                LOG.log(Level.WARNING, "cannot write to the MCP client", io);
            }
            return;
        }
        switch (message) {
            case JsonRpc.Request r when Mcp.INITIALIZE.equals(r.method()) -> session.handle(r, out);
            case JsonRpc.Request r -> pool.submit(() -> session.handle(r, out));
            case JsonRpc.Notification n -> session.notified(n);
            case JsonRpc.Response r -> session.responded(r);
        }
    }

    /** Answers a message that could not be taken at all (too large) with an error. */
    void refuse(String why) {
        try {
            out.send(JsonRpc.error(dev.reaper.json.Json.MAPPER.nullNode(), McpServer.INVALID_REQUEST, why));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot write to the MCP client", e);
        }
    }

    /** The connection ended: running calls get {@code drain} to finish, then are cancelled. */
    void finish(Duration drain) {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(drain.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.info("MCP client closed the connection; cancelling " + session.cancelRunning() + " running call(s)");
                pool.awaitTermination(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            session.close();
            pool.shutdownNow();
        }
    }
}
