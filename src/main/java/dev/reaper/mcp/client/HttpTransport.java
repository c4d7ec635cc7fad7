package dev.reaper.mcp.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.json.Json;
import dev.reaper.mcp.McpFailure;
import dev.reaper.mcp.protocol.JsonRpc;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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
 * initializes again. After the handshake a GET stream carries what the server sends unasked. {@link #close}
 * ends the session with DELETE.
 */
public final class HttpTransport implements Transport {

    private static final Logger LOG = Logger.getLogger(HttpTransport.class.getName());

    private final String name;
    private final URI url;
    private final Map<String, String> headers;
    private final HttpClient http;
    private volatile Listener listener;
    private volatile String sessionId;
    private volatile String protocolVersion;
    private volatile boolean closed;
    private volatile CompletableFuture<?> lastPost = CompletableFuture.completedFuture(null);
    private volatile InputStream stream;

    /** @param headers sent with every request, as given (an Authorization header among them, say) */
    public HttpTransport(String name, URI url, Map<String, String> headers, Duration connectTimeout) {
        this.name = name;
        this.url = url;
        this.headers = Map.copyOf(headers);
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
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
        Optional<JsonNode> id = Json.tryParse(json).map(m -> m.get("id")).filter(i -> !i.isNull());
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
     * notifications and requests of its own (a list that changed); a server without one answers 405.
     */
    @Override
    public void ready() {
        lastPost.whenComplete((r, e) -> {
            if (closed) {
                return;
            }
            http.sendAsync(request().header("Accept", "text/event-stream").GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream()).whenComplete((response, error) -> {
                        if (error != null || response.statusCode() != 200) {
                            LOG.fine(() -> "mcp " + name + ": no stream from the server ("
                                    + (error != null ? describe(error) : "HTTP " + response.statusCode()) + ")");
                            return;
                        }
                        stream = response.body();
                        Thread.ofVirtual().name("reaper-mcp-" + name + "-stream").start(() -> {
                            try (InputStream body = response.body()) {
                                events(body);
                            } catch (IOException io) {
                                // the stream ended: the server or Reaper closed it
                            }
                        });
                    });
        });
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
        response.headers().firstValue("Mcp-Session-Id").ifPresent(s -> sessionId = s);
        int status = response.statusCode();
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
                events(body);
            } else if (type.startsWith("application/json")) {
                String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
                if (!text.isBlank()) {
                    listener.message(text);
                }
            } else if (status != 202 && status != 204 && id.isPresent()) {
                fail(id.get(), "MCP server " + name + " answered with " + (type.isEmpty() ? "no content type"
                        : type) + " instead of JSON or an event stream");
            }
        } catch (IOException e) {
            id.ifPresent(i -> fail(i, "MCP server " + name + ": the reply broke off: " + describe(e)));
        }
    }

    /** Server-sent events: each event's data lines, joined, are one message. */
    private void events(InputStream body) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        StringBuilder data = new StringBuilder();
        for (String line; (line = in.readLine()) != null; ) {
            if (line.isEmpty()) {
                if (!data.isEmpty()) {
                    listener.message(data.toString());
                    data.setLength(0);
                }
            } else if (line.startsWith("data:")) {
                if (!data.isEmpty()) {
                    data.append('\n');
                }
                data.append(line.substring(line.startsWith("data: ") ? 6 : 5));
            }
        }
        if (!data.isEmpty()) {
            listener.message(data.toString());
        }
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
        InputStream open = stream;
        if (open != null) {
            try {
                open.close();
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
