package dev.reaper.mcp.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.json.Json;
import dev.reaper.mcp.McpFailure;
import dev.reaper.mcp.protocol.JsonRpc;
import dev.reaper.mcp.protocol.Mcp;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * A server over Streamable HTTP (MCP 2025-11-25): each message is POSTed to the server's one endpoint, and
 * the reply, when there is one, comes back as a JSON body or as a stream of server-sent events (which may
 * carry the server's own requests before the response). The session id the server gives at initialize and
 * the negotiated revision go with every later request. A request that fails at the HTTP level comes back to
 * the client as an error response for that request, saying the status; header values (credentials) are
 * never in an error or the log. A 404 for a session means the server forgot it: the client is told, and
 * initializes again. After the handshake a GET stream carries what the server sends unasked. An event stream
 * that ends before the awaited answer is resumed with GET and {@code Last-Event-ID} (SEP-1699, see
 * {@link #resume}). Messages have a length limit. {@link #close} ends the session with DELETE.
 */
public final class HttpTransport implements Transport {

    private static final Logger LOG = Logger.getLogger(HttpTransport.class.getName());

    /** How long to wait before reconnecting a stream when the server did not say ({@code retry:}). */
    static final Duration DEFAULT_RETRY = Duration.ofSeconds(1);
    /** Reconnections in a row that bring no event before a stream is given up. */
    static final int MAX_QUIET_RECONNECTS = 5;
    /** How long the handshake waits for the server's stream to open. */
    static final Duration STREAM_OPENING = Duration.ofSeconds(5);

    private final String name;
    private final URI url;
    private final Map<String, String> headers;
    private final HttpClient http;
    private volatile Listener listener;
    private volatile String sessionId;
    private volatile String protocolVersion;
    private volatile boolean closed;
    private volatile CompletableFuture<?> lastPost = CompletableFuture.completedFuture(null);
    private final Set<InputStream> open = ConcurrentHashMap.newKeySet();
    /** Ids of requests the client cancelled: their replies are no longer awaited. */
    private final Set<String> abandoned = ConcurrentHashMap.newKeySet();
    /** The event stream open for each request awaiting its answer, by id. */
    private final Map<String, InputStream> awaiting = new ConcurrentHashMap<>();
    private final int maxMessageChars;

    /** @param headers sent with every request, as given (an Authorization header among them, say) */
    public HttpTransport(String name, URI url, Map<String, String> headers, Duration connectTimeout) {
        this(name, url, headers, connectTimeout, BoundedLines.DEFAULT_MAX_CHARS);
    }

    /** @param maxMessageChars the longest message taken from the server; a longer one fails its request */
    public HttpTransport(String name, URI url, Map<String, String> headers, Duration connectTimeout,
                         int maxMessageChars) {
        this.name = name;
        this.maxMessageChars = maxMessageChars;
        this.url = url;
        this.headers = Map.copyOf(headers);
        // over plain http, HTTP/1.1 outright: the JDK's h2c upgrade attempt makes some servers close the connection
        // after their reply, racing the next request on it; over https, ALPN settles the version cleanly
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).version("https".equalsIgnoreCase(
                url.getScheme()) ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public void start(Listener listener) {
        this.listener = listener;
    }

    @Override
    public void negotiated(String protocolVersion) {
        this.protocolVersion = protocolVersion;
    }

    @Override
    public void send(String json) throws McpFailure {
        if (closed) {
            throw new McpFailure("MCP server " + name + " was stopped: Reaper is closing");
        }
        // only a request of Reaper's awaits an answer; a response to the server's own request has an id too
        Optional<JsonNode> message = Json.tryParse(json);
        Optional<JsonNode> id = message.filter(m -> m.has("method")).map(m -> m.get("id")).filter(i -> !i.isNull());
        message.filter(m -> Mcp.CANCELLED.equals(m.path("method").asText())).map(m -> m.path("params").get("requestId"))
                .filter(r -> r != null).ifPresent(r -> {
                    abandoned.add(r.toString()); // its reply stream is not resumed any more
                    InputStream body = awaiting.remove(r.toString());
                    if (body != null) { // and the one open now is let go: nobody waits for what it brings
                        try {
                            body.close();
                        } catch (IOException e) {
                            LOG.fine(() -> "mcp " + name + ": closing an abandoned stream: " + e);
                        }
                    }
                });
        HttpRequest.Builder b = request().header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        lastPost = http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofInputStream())
                .whenComplete((response, error) -> Thread.ofVirtual().name("reaper-mcp-" + name + "-http").start(() -> {
                    if (error != null) {
                        id.ifPresent(i -> fail(i, "MCP server " + name + ": cannot reach " + url + ": "
                                + describe(error)));
                    } else {
                        receive(response, id);
                    }
                }));
        if (id.isEmpty()) {
            // a notification is accepted (202) before what follows is sent, so the server sees them in order
            try {
                lastPost.get(10, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                LOG.fine(() -> "mcp " + name + ": a notification was not accepted: " + describe(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Once the initialized notification has been delivered, opens the GET stream on which the server sends
     * notifications and requests of its own (a list that changed); a server without one answers 405. When the
     * server ends a stream whose events have ids, it is opened again after the delay the server asked for
     * ({@code retry:}), from the last event seen ({@code Last-Event-ID}); a stream that keeps ending without
     * events is given up, and one without ids is over when it ends.
     */
    @Override
    public void ready() {
        CompletableFuture<Void> opened = new CompletableFuture<>();
        lastPost.whenComplete((r, e) -> {
            if (closed) {
                opened.complete(null);
            } else {
                Thread.ofVirtual().name("reaper-mcp-" + name + "-stream").start(() -> listen(opened));
            }
        });
        // what the server sends unasked while answering the first request (a form to fill in) needs the stream open
        try {
            opened.get(STREAM_OPENING.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.fine(() -> "mcp " + name + ": its stream is not open yet; going on without waiting for it");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A stream connection open this long ended for some reason other than the server refusing it. */
    static final Duration LASTED = Duration.ofSeconds(30);

    private void listen(CompletableFuture<Void> opened) {
        EventStream stream = new EventStream(maxMessageChars);
        int quiet = 0;
        while (!closed) {
            HttpResponse<InputStream> response;
            try {
                response = http.send(get(stream.lastEventId()), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                LOG.fine(() -> "mcp " + name + ": no stream from the server (" + describe(e) + ")");
                response = null;
            } catch (InterruptedException e) {
                opened.complete(null);
                return;
            }
            if (response != null && (response.statusCode() != 200 || !isEventStream(response))) {
                int status = response.statusCode();
                discard(response); // before the first request goes, so that it does not meet this exchange's end
                opened.complete(null);
                LOG.fine(() -> "mcp " + name + ": no stream from the server (HTTP " + status + ")");
                return;
            }
            opened.complete(null);
            int before = stream.events();
            long since = System.nanoTime();
            if (response != null) {
                try (InputStream body = response.body()) {
                    read(stream, body, Optional.empty());
                } catch (BoundedLines.TooLong e) {
                    LOG.warning("mcp " + name + ": its stream is closed: " + e.getMessage());
                    return;
                } catch (IOException e) {
                    // the stream broke off: the server or Reaper closed it
                }
            }
            if (closed) {
                return;
            }
            // reopened even without an event id to resume from (a proxy's idle timeout ends streams too); a
            // connection that lasted a while, or brought events, was not a server refusing to keep one open
            boolean lasted = System.nanoTime() - since > LASTED.toNanos();
            quiet = stream.events() > before || lasted ? 0 : quiet + 1;
            if (quiet >= MAX_QUIET_RECONNECTS) {
                LOG.info("mcp " + name + ": its stream ended " + quiet + " times in a row without an event;"
                        + " Reaper stopped listening to it");
                return;
            }
            if (!pause(stream.retry().orElse(DEFAULT_RETRY))) {
                return;
            }
        }
    }

    /** A GET for a stream, from the event after {@code lastEventId} when there is one. */
    private HttpRequest get(Optional<String> lastEventId) {
        HttpRequest.Builder b = request().header("Accept", "text/event-stream").GET();
        lastEventId.ifPresent(i -> b.header("Last-Event-ID", i));
        return b.build();
    }

    private HttpRequest.Builder request() {
        HttpRequest.Builder b = HttpRequest.newBuilder(url);
        headers.forEach(b::header);
        if (sessionId != null) {
            b.header("Mcp-Session-Id", sessionId);
        }
        if (protocolVersion != null) {
            b.header("MCP-Protocol-Version", protocolVersion);
        }
        return b;
    }

    private void receive(HttpResponse<InputStream> response, Optional<JsonNode> id) {
        try {
            reply(response, id);
        } finally {
            id.ifPresent(i -> abandoned.remove(i.toString())); // the exchange is over: forget its cancellation
        }
    }

    private void reply(HttpResponse<InputStream> response, Optional<JsonNode> id) {
        response.headers().firstValue("Mcp-Session-Id").ifPresent(s -> sessionId = s);
        int status = response.statusCode();
        EventStream stream = new EventStream(maxMessageChars);
        boolean resumable = false;
        try (InputStream body = response.body()) {
            Optional<String> sent = response.request().headers().firstValue("Mcp-Session-Id");
            if (status == 404 && sent.isPresent()) {
                if (sent.get().equals(sessionId)) {
                    sessionId = null;
                }
                id.ifPresent(i -> listener.message(Json.write(JsonRpc.error(i, JsonRpc.SESSION_EXPIRED,
                        "MCP server " + name + " ended the session (HTTP 404)"))));
                return;
            }
            if (status >= 400) {
                String text = new String(body.readNBytes(300), StandardCharsets.UTF_8).strip();
                id.ifPresent(i -> fail(i, "MCP server " + name + " answered HTTP " + status
                        + (text.isEmpty() ? "" : ": " + text)));
                return;
            }
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (type.startsWith("text/event-stream")) {
                resumable = true;
                if (read(stream, body, id) || id.isEmpty()) {
                    return;
                }
            } else if (type.startsWith("application/json") && id.isEmpty()) {
                // a notification or an answer needs no reply (202); some servers send "{}" anyway
                LOG.fine(() -> "mcp " + name + ": ignored a body in reply to a message that needs none");
                return;
            } else if (type.startsWith("application/json")) {
                BoundedLines lines = new BoundedLines(body, maxMessageChars);
                StringBuilder text = new StringBuilder();
                for (String line; (line = lines.next()) != null; ) {
                    text.append(line).append('\n');
                    if (text.length() > maxMessageChars) {
                        throw new BoundedLines.TooLong(maxMessageChars);
                    }
                }
                String reply = text.toString();
                try {
                    JsonRpc.read(reply);
                } catch (IllegalArgumentException e) {
                    // one bad reply over HTTP spoils only its request: the next POST is a new exchange
                    fail(id.get(), "MCP server " + name + " answered with something that is not a JSON-RPC"
                            + " message: " + e.getMessage());
                    return;
                }
                listener.message(reply);
                return;
            } else {
                if (id.isPresent()) {
                    fail(id.get(), "MCP server " + name + " answered HTTP " + status + " with " + (type.isEmpty()
                            ? "no content type" : type) + " instead of JSON or an event stream");
                }
                return;
            }
        } catch (BoundedLines.TooLong e) {
            id.ifPresent(i -> fail(i, "MCP server " + name + ": its reply was refused: " + e.getMessage()));
            return;
        } catch (IOException e) {
            if (!resumable || id.isEmpty() || closed) {
                id.ifPresent(i -> fail(i, "MCP server " + name + ": the reply broke off: " + describe(e)));
                return;
            }
        }
        resume(stream, id.get());
    }

    /**
     * The event stream of a request's reply ended before the answer came: as MCP 2025-11-25 has it (SEP-1699),
     * the stream is taken up again with GET and {@code Last-Event-ID} after the server's {@code retry:} delay,
     * as often as it ends, until the answer comes or the client stops waiting. A server that gave no event id
     * cannot be resumed, and one that keeps ending the stream without a new event, or refuses the GET, is given
     * up on: the request fails saying so. Once the client has cancelled the request (it timed out), it stops.
     */
    private void resume(EventStream stream, JsonNode id) {
        int quiet = 0;
        while (!closed && !abandoned.remove(id.toString())) {
            Optional<String> last = stream.lastEventId();
            if (last.isEmpty()) {
                fail(id, "MCP server " + name + " ended its reply stream without answering, and gave no event id"
                        + " to resume it from");
                return;
            }
            if (quiet >= MAX_QUIET_RECONNECTS) {
                fail(id, "MCP server " + name + " ended its reply stream without answering, and " + quiet
                        + " attempts to resume it (GET with Last-Event-ID) brought nothing new");
                return;
            }
            if (!pause(stream.retry().orElse(DEFAULT_RETRY))) {
                return;
            }
            int before = stream.events();
            try {
                HttpResponse<InputStream> response = http.send(get(last), HttpResponse.BodyHandlers.ofInputStream());
                if (response.statusCode() != 200 || !isEventStream(response)) {
                    int status = response.statusCode();
                    discard(response);
                    fail(id, "MCP server " + name + " ended its reply stream without answering, and refused to"
                            + " resume it (GET with Last-Event-ID: HTTP " + status + ")");
                    return;
                }
                try (InputStream body = response.body()) {
                    if (read(stream, body, Optional.of(id))) {
                        return;
                    }
                }
            } catch (BoundedLines.TooLong e) {
                fail(id, "MCP server " + name + ": its reply was refused: " + e.getMessage());
                return;
            } catch (IOException e) {
                LOG.fine(() -> "mcp " + name + ": resuming a reply stream failed: " + describe(e));
            } catch (InterruptedException e) {
                return;
            }
            quiet = stream.events() > before ? 0 : quiet + 1;
        }
    }

    /**
     * Reads one connection of a stream, handing each message to the client; with {@code awaited}, stops once its
     * answer has come (the server ends the stream then anyway).
     *
     * @return whether the awaited answer came
     */
    private boolean read(EventStream stream, InputStream body, Optional<JsonNode> awaited) throws IOException {
        open.add(body);
        awaited.ifPresent(a -> awaiting.put(a.toString(), body));
        try {
            return stream.read(body, m -> {
                try {
                    JsonRpc.read(m);
                } catch (IllegalArgumentException e) {
                    // one bad event spoils nothing else: the stream goes on (its answer may still come)
                    LOG.warning("mcp " + name + ": skipped an event that is not a JSON-RPC message: " + e.getMessage());
                    return true;
                }
                listener.message(m);
                return awaited.isEmpty() || !answers(m, awaited.get());
            });
        } finally {
            open.remove(body);
            awaited.ifPresent(a -> awaiting.remove(a.toString(), body));
        }
    }

    /** Whether a message is the response to the request with that id. */
    private static boolean answers(String message, JsonNode id) {
        return Json.tryParse(message).filter(m -> !m.has("method") && m.has("id"))
                .map(m -> m.get("id").toString().equals(id.toString())).orElse(false);
    }

    private static boolean isEventStream(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream");
    }

    /**
     * Reads what is left of a refused exchange's body (a few KB at most) before closing it: closed unread, the
     * JDK client may tear down a connection that another request has already been given.
     */
    private static void discard(HttpResponse<InputStream> response) {
        try (InputStream body = response.body()) {
            body.readNBytes(64 * 1024);
        } catch (IOException e) {
            // nothing to read from it anyway
        }
    }

    /** Waits before reconnecting; false when Reaper closed the connection meanwhile. */
    private boolean pause(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return !closed;
    }

    /** Answers a request the server never saw, or could not take, with an error the client reports. */
    private void fail(JsonNode id, String message) {
        listener.message(Json.write(JsonRpc.error(id, JsonRpc.NOT_DELIVERED, message)));
    }

    private static String describe(Throwable e) {
        Throwable t = e.getCause() != null && e.getMessage() == null ? e.getCause() : e;
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    /** Ends the session (DELETE, briefly waited for) and the HTTP client. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (InputStream body : List.copyOf(open)) {
            try {
                body.close();
            } catch (IOException e) {
                // already closed
            }
        }
        if (sessionId != null) {
            try {
                http.send(request().timeout(Duration.ofSeconds(2)).DELETE().build(),
                        HttpResponse.BodyHandlers.discarding());
            } catch (IOException e) {
                LOG.fine(() -> "mcp " + name + ": the session could not be ended: " + describe(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        http.shutdownNow();
    }
}
