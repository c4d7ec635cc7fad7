package dev.reaper.mcp.server;

import dev.reaper.json.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.protocols.Protocol;

/**
 * Reaper's own MCP transport over WebSocket (RFC 6455; not one of MCP's standard transports): one JSON-RPC
 * message per text frame, both ways, on {@code ws://HOST:PORT/mcp}, subprotocol {@code mcp} when the client asks
 * for it. Each connection is one session; it ends when the socket closes. The handshake passes the same
 * {@link HttpGuard} as HTTP; a refused one is answered with the library's one refusal, HTTP 404, instead of the
 * upgrade (the reason goes to the log).
 */
public final class WebSocketServer implements AutoCloseable {

    /** The largest frame accepted; a bigger one closes the connection with 1009 (message too big). */
    static final int MAX_FRAME = 8 << 20;

    private static final Logger LOG = Logger.getLogger(WebSocketServer.class.getName());

    private final Impl impl;

    private WebSocketServer(Impl impl) {
        this.impl = impl;
    }

    /** Starts serving on the address (port 0 picks a free one); returns once it listens. */
    public static WebSocketServer start(McpServer server, InetSocketAddress address, HttpGuard guard)
            throws IOException {
        Impl impl = new Impl(server, address, guard);
        impl.setDaemon(true);
        impl.setReuseAddr(true);
        impl.start();
        try {
            if (!impl.started.await(10, TimeUnit.SECONDS) || impl.failure != null) {
                impl.stopQuietly();
                throw new IOException("cannot listen on " + address + (impl.failure == null ? ""
                        : ": " + impl.failure.getMessage()), impl.failure);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting", e);
        }
        return new WebSocketServer(impl);
    }

    /** The endpoint's URL, e.g. {@code ws://127.0.0.1:8124/mcp}. */
    public URI endpoint() {
        InetSocketAddress a = impl.getAddress();
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
        return URI.create("ws://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + impl.getPort() + "/mcp");
    }

    @Override
    public void close() {
        impl.stopQuietly();
    }

    private static final class Impl extends org.java_websocket.server.WebSocketServer {
        private final McpServer server;
        private final HttpGuard guard;
        private final Map<WebSocket, MessageStream> streams = new ConcurrentHashMap<>();
        final CountDownLatch started = new CountDownLatch(1);
        volatile Exception failure;

        Impl(McpServer server, InetSocketAddress address, HttpGuard guard) {
            super(address, List.of(new Draft_6455(List.of(), List.of(new Protocol("mcp"), new Protocol("")),
                    MAX_FRAME)));
            this.server = server;
            this.guard = guard;
        }

        @Override
        public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket conn, Draft draft,
                                                                           ClientHandshake request)
                throws InvalidDataException {
            Optional<HttpGuard.Refusal> refused = guard.check(name -> request.hasFieldValue(name)
                    ? request.getFieldValue(name) : null);
            if (refused.isPresent()) {
                LOG.info("MCP WebSocket handshake refused: " + refused.get().message());
                throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, refused.get().message());
            }
            String path = URI.create(request.getResourceDescriptor()).getPath();
            if (!"/mcp".equals(path)) {
                throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "the MCP endpoint is /mcp");
            }
            return super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            streams.put(conn, new MessageStream(server, message -> {
                if (!conn.isOpen()) {
                    throw new IOException("the WebSocket is closed");
                }
                conn.send(Json.write(message));
            }));
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            MessageStream stream = streams.get(conn);
            if (stream != null) {
                stream.receive(message);
            }
        }

        @Override
        public void onMessage(WebSocket conn, java.nio.ByteBuffer bytes) {
            conn.close(CloseFrame.REFUSE, "MCP messages are text frames");
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
            MessageStream stream = streams.remove(conn);
            if (stream != null) {
                Thread.ofVirtual().start(() -> stream.finish(Duration.ZERO));
            }
        }

        @Override
        public void onError(WebSocket conn, Exception e) {
            if (conn == null) {
                failure = e;
                started.countDown();
            }
            LOG.log(Level.FINE, "MCP WebSocket error", e);
        }

        @Override
        public void onStart() {
            started.countDown();
        }

        void stopQuietly() {
            try {
                stop(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
