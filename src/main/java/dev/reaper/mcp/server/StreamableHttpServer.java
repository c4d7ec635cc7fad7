package dev.reaper.mcp.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.reaper.json.Json;
import dev.reaper.mcp.protocol.JsonRpc;
import dev.reaper.mcp.protocol.Mcp;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * MCP's Streamable HTTP transport (2025-11-25) on one endpoint, {@code /mcp}: POST carries a client message
 * (a request is answered with JSON, or with an event stream when it is a tool call that may report progress or
 * ask the client something; a notification or an answer gets 202), GET opens the stream for messages that answer
 * no request, DELETE ends the session. Sessions are minted at {@code initialize} ({@code Mcp-Session-Id}); an
 * unknown one gets 404, which tells the client to initialise again. Every request passes the {@link HttpGuard}.
 */
public final class StreamableHttpServer implements AutoCloseable {

    /** The largest message body accepted. */
    static final int MAX_BODY = 8 << 20;
    /** The most sessions open at once; past it, initialize is refused with 503. */
    static final int MAX_SESSIONS = 256;
    /** How often an idle GET stream gets a comment, which finds clients that went away. */
    static final long KEEP_ALIVE_MS = 15_000;
    /** A session unused this long, with no stream open, is ended (clients that went away without DELETE). */
    static final Duration IDLE = Duration.ofMinutes(30);

    private static final Logger LOG = Logger.getLogger(StreamableHttpServer.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    private final McpServer server;
    private final HttpGuard guard;
    private final HttpServer http;
    private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    /** A session and the GET streams open for it (messages that answer no request go to the newest). */
    private static final class Session implements Channel {
        final List<SseStream> streams = new CopyOnWriteArrayList<>();
        final AtomicReference<ServerSession> protocol = new AtomicReference<>();
        volatile long lastUsed = System.nanoTime();

        boolean idleFor(Duration d) {
            return streams.isEmpty() && System.nanoTime() - lastUsed > d.toNanos();
        }

        @Override
        public void send(ObjectNode message) throws IOException {
            for (int i = streams.size() - 1; i >= 0; i--) {
                try {
                    streams.get(i).send(message);
                    return;
                } catch (IOException | IndexOutOfBoundsException e) {
                    // that stream has gone; try an older one
                }
            }
            Channel.NOWHERE.send(message);
        }

        void close() {
            protocol.get().close();
            streams.forEach(SseStream::end);
        }
    }

    private final Duration idle;

    private StreamableHttpServer(McpServer server, HttpGuard guard, HttpServer http, Duration idle) {
        this.idle = idle;
        this.server = server;
        this.guard = guard;
        this.http = http;
    }

    /** Starts serving on the address (port 0 picks a free one). */
    public static StreamableHttpServer start(McpServer server, InetSocketAddress address, HttpGuard guard)
            throws IOException {
        return start(server, address, guard, IDLE);
    }

    /** @param idle how long an unused session with no stream open lives */
    static StreamableHttpServer start(McpServer server, InetSocketAddress address, HttpGuard guard, Duration idle)
            throws IOException {
        HttpServer http = HttpServer.create(address, 0);
        StreamableHttpServer s = new StreamableHttpServer(server, guard, http, idle);
        http.createContext("/mcp", s::handle);
        http.setExecutor(s.pool);
        http.start();
        Thread.ofVirtual().name("mcp-http-sessions").start(s::expireIdle);
        return s;
    }

    /** The endpoint's URL, e.g. {@code http://127.0.0.1:8123/mcp}. */
    public URI endpoint() {
        InetSocketAddress a = http.getAddress();
        InetAddress ip = a.getAddress();
        String host = ip.isAnyLocalAddress() ? "127.0.0.1"
                : ip instanceof java.net.Inet6Address ? "[" + ip.getHostAddress() + "]" : ip.getHostAddress();
        return URI.create("http://" + host + ":" + a.getPort() + "/mcp");
    }

    /** Ends the sessions left idle past {@link #IDLE}, once a minute, until the server closes. */
    private void expireIdle() {
        while (!pool.isShutdown()) {
            try {
                Thread.sleep(Math.min(60_000, Math.max(10, idle.toMillis() / 2)));
            } catch (InterruptedException e) {
                return;
            }
            sessions.entrySet().removeIf(e -> {
                if (!e.getValue().idleFor(idle)) {
                    return false;
                }
                LOG.info("MCP HTTP session ended after " + idle.toSeconds() + " idle seconds");
                e.getValue().close();
                return true;
            });
        }
    }

    @Override
    public void close() {
        http.stop(0);
        sessions.values().forEach(Session::close);
        sessions.clear();
        pool.shutdownNow();
    }

    private void handle(HttpExchange ex) {
        try (ex) {
            Optional<HttpGuard.Refusal> refused = guard.check(ex.getRequestHeaders()::getFirst);
            if (refused.isPresent()) {
                if (refused.get().status() == 401) {
                    ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"reaper\"");
                }
                LOG.info("MCP HTTP request refused (" + refused.get().status() + "): " + refused.get().message());
                fail(ex, refused.get().status(), refused.get().message());
                return;
            }
            if (!ex.getRequestURI().getPath().equals("/mcp")) {
                fail(ex, 404, "Not found: the MCP endpoint is /mcp");
                return;
            }
            String version = ex.getRequestHeaders().getFirst("MCP-Protocol-Version");
            if (version != null && !Mcp.SUPPORTED.contains(version)) {
                fail(ex, 400, "Bad Request: unsupported MCP-Protocol-Version " + version + " (supported: "
                        + String.join(", ", Mcp.SUPPORTED) + ")");
                return;
            }
            switch (ex.getRequestMethod()) {
                case "POST" -> post(ex);
                case "GET" -> get(ex);
                case "DELETE" -> delete(ex);
                default -> {
                    ex.getResponseHeaders().set("Allow", "GET, POST, DELETE");
                    fail(ex, 405, "Method not allowed: " + ex.getRequestMethod());
                }
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "MCP HTTP exchange ended early", e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "MCP HTTP request failed", e);
        }
    }

    private void post(HttpExchange ex) throws IOException {
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase().startsWith("application/json")) {
            fail(ex, 415, "Unsupported Media Type: POST a JSON-RPC message as application/json");
            return;
        }
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            fail(ex, 413, "Payload Too Large: a message may be at most " + (MAX_BODY >> 20) + " MiB");
            return;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        JsonRpc.Incoming message;
        try {
            message = JsonRpc.read(text);
        } catch (IllegalArgumentException e) {
            reply(ex, 400, McpServer.unreadable(text, e), Map.of());
            return;
        }
        if (message instanceof JsonRpc.Request r && Mcp.INITIALIZE.equals(r.method())) {
            initialize(ex, r);
            return;
        }
        Optional<Session> session = session(ex);
        if (session.isEmpty()) {
            return;
        }
        ServerSession protocol = session.get().protocol.get();
        switch (message) {
            case JsonRpc.Request r when Mcp.TOOLS_CALL.equals(r.method()) && accepts(ex, "text/event-stream") -> {
                SseStream stream = new SseStream(ex);
                protocol.handle(r, stream);
                stream.end();
            }
            case JsonRpc.Request r -> {
                JsonReply answer = new JsonReply();
                protocol.handle(r, answer);
                if (answer.message == null) {
                    ex.sendResponseHeaders(202, -1); // cancelled: there is no answer
                } else {
                    reply(ex, 200, answer.message, Map.of());
                }
            }
            case JsonRpc.Notification n -> {
                protocol.notified(n);
                ex.sendResponseHeaders(202, -1);
            }
            case JsonRpc.Response r -> {
                protocol.responded(r);
                ex.sendResponseHeaders(202, -1);
            }
        }
    }

    private void initialize(HttpExchange ex, JsonRpc.Request r) throws IOException {
        Session session = new Session();
        session.protocol.set(server.open(session));
        JsonReply answer = new JsonReply();
        session.protocol.get().handle(r, answer);
        if (answer.message == null || !answer.message.has("result")) {
            reply(ex, 200, answer.message == null ? JsonRpc.error(r.id(), JsonRpc.INTERNAL_ERROR, "no answer")
                    : answer.message, Map.of());
            return;
        }
        String id = HexFormat.of().formatHex(bytes(16));
        if (!admit(id, session)) {
            session.close();
            fail(ex, 503, "Service Unavailable: " + MAX_SESSIONS + " sessions are in use; end one (DELETE) first");
            return;
        }
        reply(ex, 200, answer.message, Map.of("Mcp-Session-Id", id));
    }

    /** Adds a session; when there are {@link #MAX_SESSIONS}, the one idle longest (no stream open) makes room. */
    private synchronized boolean admit(String id, Session session) {
        if (sessions.size() >= MAX_SESSIONS) {
            Optional<Map.Entry<String, Session>> oldest = sessions.entrySet().stream()
                    .filter(e -> e.getValue().streams.isEmpty())
                    .min(java.util.Comparator.comparingLong(e -> e.getValue().lastUsed));
            if (oldest.isEmpty()) {
                return false;
            }
            sessions.remove(oldest.get().getKey());
            oldest.get().getValue().close();
            LOG.info("MCP HTTP session ended to make room for a new one");
        }
        sessions.put(id, session);
        return true;
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private void get(HttpExchange ex) throws IOException {
        if (!accepts(ex, "text/event-stream")) {
            fail(ex, 406, "Not Acceptable: GET opens an event stream (Accept: text/event-stream)");
            return;
        }
        Optional<Session> session = session(ex);
        if (session.isEmpty()) {
            return;
        }
        SseStream stream = new SseStream(ex);
        session.get().streams.add(stream);
        try {
            stream.comment("stream open");
            while (!stream.awaitEnd(KEEP_ALIVE_MS)) {
                stream.comment("keep-alive");
                session.get().lastUsed = System.nanoTime();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.fine("MCP GET stream closed by the client");
        } finally {
            session.get().streams.remove(stream);
            session.get().lastUsed = System.nanoTime();
        }
    }

    private void delete(HttpExchange ex) throws IOException {
        Optional<Session> session = session(ex);
        if (session.isEmpty()) {
            return;
        }
        sessions.remove(ex.getRequestHeaders().getFirst("Mcp-Session-Id"));
        session.get().close();
        ex.sendResponseHeaders(200, -1);
    }

    /** The request's session; when it has none or an unknown one, answers 400 or 404 and returns empty. */
    private Optional<Session> session(HttpExchange ex) throws IOException {
        String id = ex.getRequestHeaders().getFirst("Mcp-Session-Id");
        if (id == null) {
            fail(ex, 400, "Bad Request: Mcp-Session-Id header is required (initialize first)");
            return Optional.empty();
        }
        Session s = sessions.get(id);
        if (s != null) {
            s.lastUsed = System.nanoTime();
        }
        if (s == null) {
            fail(ex, 404, "Not Found: no session " + id + " (it ended or the server restarted); initialize again");
            return Optional.empty();
        }
        return Optional.of(s);
    }

    private static boolean accepts(HttpExchange ex, String type) {
        List<String> accept = ex.getRequestHeaders().get("Accept");
        if (accept == null) {
            return false;
        }
        String all = String.join(",", accept).toLowerCase();
        return all.contains(type) || all.contains("*/*");
    }

    private static void fail(HttpExchange ex, int status, String message) throws IOException {
        reply(ex, status, JsonRpc.error(Json.MAPPER.nullNode(), McpServer.INVALID_REQUEST, message), Map.of());
    }

    private static void reply(HttpExchange ex, int status, ObjectNode message, Map<String, String> headers)
            throws IOException {
        byte[] body = Json.write(message).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        headers.forEach(ex.getResponseHeaders()::set);
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
    }

    /** Where a request answered with plain JSON puts its answer; what else it sends has nowhere to go. */
    private static final class JsonReply implements Channel {
        volatile ObjectNode message;

        @Override
        public void send(ObjectNode m) throws IOException {
            if (m.has("id") && (m.has("result") || m.has("error"))) {
                message = m;
            } else {
                throw new IOException("the request is answered with JSON, which carries only its answer (POST with"
                        + " Accept: text/event-stream for progress and requests to the client)");
            }
        }
    }
}
