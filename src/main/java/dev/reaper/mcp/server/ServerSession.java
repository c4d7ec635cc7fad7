package dev.reaper.mcp.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reaper.json.Json;
import dev.reaper.mcp.protocol.JsonRpc;
import dev.reaper.mcp.protocol.Mcp;
import dev.reaper.protocol.Cancellation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One client's session with the server, whatever carries it: the protocol state (the client's name,
 * capabilities and log level, the running calls, the requests sent to the client, the subscriptions) and the
 * answer to every method. A transport hands it each message with the {@link Channel} where the message's
 * replies go, and a channel for what belongs to no request (resource updates).
 */
public final class ServerSession {

    public static final int INVALID_PARAMS = -32602;
    /** MCP's "resource not found". */
    public static final int RESOURCE_NOT_FOUND = -32002;

    /** How many listed resources one {@code resources/list} page holds. */
    static final int PAGE = 100;
    /** How often subscribed resources are checked for changes. */
    static final Duration POLL = Duration.ofSeconds(2);
    private static final List<String> LEVELS =
            List.of("debug", "info", "notice", "warning", "error", "critical", "alert", "emergency");

    private static final Logger LOG = Logger.getLogger(ServerSession.class.getName());

    private final McpServer server;
    private final Channel standalone;
    private final Map<JsonNode, Cancellation> running = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<JsonNode>> asked = new ConcurrentHashMap<>();
    private final Map<String, String> subscribed = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile String client = "unknown";
    private volatile JsonNode capabilities = Json.object();
    private volatile int logLevel = LEVELS.indexOf("info");
    private volatile Thread watcher;
    private volatile boolean closed;

    ServerSession(McpServer server, Channel standalone) {
        this.server = server;
        this.standalone = standalone;
    }

    public String client() {
        return client;
    }

    /**
     * Answers one request: what the answer brings with it (progress, log messages, requests to the client) and
     * then the answer go to {@code replies}. Blocks until it is answered. A cancelled request gets no answer.
     */
    public void handle(JsonRpc.Request r, Channel replies) {
        Cancellation cancel = new Cancellation();
        if (Mcp.TOOLS_CALL.equals(r.method())) {
            running.put(r.id(), cancel);
        }
        ObjectNode reply;
        try {
            reply = JsonRpc.result(r.id(), answer(r, replies, cancel));
        } catch (Refusal e) {
            reply = JsonRpc.error(r.id(), e.code, e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "MCP request " + r.method() + " failed", e);
            reply = JsonRpc.error(r.id(), JsonRpc.INTERNAL_ERROR, "Internal error: " + e.getMessage());
        } finally {
            running.remove(r.id());
        }
        if (cancel.isCancelled()) {
            return; // the client gave up on it: no response (MCP's cancellation rules)
        }
        try {
            replies.send(reply);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot send the answer to " + r.method() + " to the MCP client", e);
        }
    }

    /** A notification from the client. */
    public void notified(JsonRpc.Notification n) {
        switch (n.method()) {
            case Mcp.CANCELLED -> {
                JsonNode id = n.params().get("requestId");
                Cancellation c = id == null ? null : running.get(id);
                if (c != null) {
                    LOG.info("MCP client cancelled request " + id + ": " + n.params().path("reason").asText(""));
                    c.cancel();
                }
            }
            case Mcp.INITIALIZED -> LOG.fine("MCP client initialized");
            default -> LOG.fine("ignored MCP notification " + n.method());
        }
    }

    /** The client's answer to one of the server's requests. */
    public void responded(JsonRpc.Response r) {
        CompletableFuture<JsonNode> waiting = asked.remove(r.id().asText());
        if (waiting == null) {
            LOG.fine("ignored an answer from the MCP client to no request (id " + r.id() + ")");
        } else if (r.error().isPresent()) {
            waiting.completeExceptionally(new Exchange.McpRequestException("the client answered "
                    + r.error().get().code() + ": " + r.error().get().message()));
        } else {
            waiting.complete(r.result().orElseGet(Json::object));
        }
    }

    /** Ends the session: running calls are cancelled, requests to the client fail, subscriptions stop. */
    public void close() {
        closed = true;
        running.values().forEach(Cancellation::cancel);
        asked.values().forEach(f -> f.completeExceptionally(new Exchange.McpRequestException("the session ended")));
        Thread w = watcher;
        if (w != null) {
            w.interrupt();
        }
    }

    /** Cancels the calls still running (the input ended and they had their time to finish). */
    int cancelRunning() {
        running.values().forEach(Cancellation::cancel);
        return running.size();
    }

    private JsonNode answer(JsonRpc.Request r, Channel replies, Cancellation cancel) {
        JsonNode p = r.params();
        McpServer.Features f = server.features();
        if ((r.method().startsWith("resources/") && f.resources() == ServedResources.NONE)
                || ((r.method().startsWith("prompts/") || r.method().equals(Mcp.COMPLETE))
                        && f.prompts() == ServedPrompts.NONE)) {
            throw new Refusal(JsonRpc.METHOD_NOT_FOUND, "Method not found: " + r.method() + " (this server offers no "
                    + r.method().replaceAll("/.*", "") + ")");
        }
        return switch (r.method()) {
            case Mcp.INITIALIZE -> initialize(p);
            case Mcp.PING -> Json.object();
            case Mcp.TOOLS_LIST -> listOf("tools", server.features().tools().list());
            case Mcp.TOOLS_CALL -> call(r, replies, cancel);
            case Mcp.RESOURCES_LIST -> page("resources", server.features().resources().list(), p);
            case Mcp.RESOURCES_TEMPLATES_LIST -> listOf("resourceTemplates",
                    server.features().resources().templates());
            case Mcp.RESOURCES_READ -> read(text(p, "uri"));
            case Mcp.RESOURCES_SUBSCRIBE -> subscribe(text(p, "uri"));
            case Mcp.RESOURCES_UNSUBSCRIBE -> {
                subscribed.remove(text(p, "uri"));
                yield Json.object();
            }
            case Mcp.PROMPTS_LIST -> listOf("prompts", server.features().prompts().list());
            case Mcp.PROMPTS_GET -> prompt(text(p, "name"), p.path("arguments"));
            case Mcp.COMPLETE -> complete(p);
            case Mcp.SET_LEVEL -> {
                int level = LEVELS.indexOf(text(p, "level"));
                if (level < 0) {
                    throw new Refusal(INVALID_PARAMS, "unknown log level " + p.path("level") + "; one of " + LEVELS);
                }
                logLevel = level;
                yield Json.object();
            }
            default -> throw new Refusal(JsonRpc.METHOD_NOT_FOUND, "Method not found: " + r.method());
        };
    }

    private JsonNode initialize(JsonNode params) {
        if (params.path("clientInfo").path("name").isTextual()) {
            client = params.path("clientInfo").path("name").asText();
        }
        if (params.path("capabilities").isObject()) {
            capabilities = params.get("capabilities");
        }
        String asked = params.path("protocolVersion").asText("");
        String agreed = Mcp.SUPPORTED.contains(asked) ? asked : Mcp.PROTOCOL_VERSION;
        LOG.info("MCP client " + client + " asked for protocol " + asked + "; answering " + agreed);
        ObjectNode result = Json.object();
        result.put("protocolVersion", agreed);
        ObjectNode caps = result.putObject("capabilities");
        McpServer.Features f = server.features();
        if (!f.tools().list().isEmpty()) {
            caps.putObject("tools").put("listChanged", false);
        }
        if (f.resources() != ServedResources.NONE) {
            caps.putObject("resources").put("subscribe", true).put("listChanged", false);
        }
        if (f.prompts() != ServedPrompts.NONE) {
            caps.putObject("prompts").put("listChanged", false);
            caps.putObject("completions");
        }
        caps.putObject("logging");
        ObjectNode info = result.putObject("serverInfo");
        info.put("name", server.name());
        info.put("version", server.version());
        server.instructions().ifPresent(i -> result.put("instructions", i));
        return result;
    }

    private JsonNode call(JsonRpc.Request r, Channel replies, Cancellation cancel) {
        String name = text(r.params(), "name");
        if (!server.features().tools().has(name)) {
            throw new Refusal(INVALID_PARAMS, "Unknown tool: " + name);
        }
        JsonNode args = r.params().has("arguments") ? r.params().get("arguments") : Json.object();
        if (!args.isObject()) {
            throw new Refusal(INVALID_PARAMS, "tools/call \"arguments\" must be an object");
        }
        JsonNode token = r.params().path("_meta").get("progressToken");
        long start = System.nanoTime();
        ObjectNode result = server.features().tools().call(name, args, new CallExchange(replies, cancel, token));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        server.audit().record(client, name, args, size(result), result.path("isError").asBoolean(false), took);
        return result;
    }

    private static int size(ObjectNode result) {
        int n = 0;
        for (JsonNode c : result.path("content")) {
            n += c.has("text") ? c.get("text").asText().length() : Json.write(c).length();
        }
        return n;
    }

    private JsonNode read(String uri) {
        try {
            return server.features().resources().read(uri).orElseThrow(() ->
                    new Refusal(RESOURCE_NOT_FOUND, "Resource not found: " + uri));
        } catch (IllegalArgumentException e) {
            throw new Refusal(INVALID_PARAMS, e.getMessage());
        }
    }

    private JsonNode subscribe(String uri) {
        String stamp;
        try {
            stamp = server.features().resources().stamp(uri).orElseThrow(() ->
                    new Refusal(RESOURCE_NOT_FOUND, "Resource not found: " + uri));
        } catch (IllegalArgumentException e) {
            throw new Refusal(INVALID_PARAMS, e.getMessage());
        }
        subscribed.put(uri, stamp);
        synchronized (this) {
            if (watcher == null && !closed) {
                watcher = Thread.ofVirtual().name("mcp-subscriptions").start(this::watch);
            }
        }
        return Json.object();
    }

    /** Sends {@code notifications/resources/updated} for each subscribed resource whose stamp changed. */
    private void watch() {
        while (!closed) {
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                return;
            }
            for (Map.Entry<String, String> e : subscribed.entrySet()) {
                String now;
                try {
                    now = server.features().resources().stamp(e.getKey()).orElse("");
                } catch (RuntimeException ex) {
                    LOG.log(Level.FINE, "cannot check " + e.getKey(), ex);
                    continue;
                }
                if (!now.equals(e.getValue()) && subscribed.replace(e.getKey(), e.getValue(), now)) {
                    try {
                        standalone.send(JsonRpc.notification(Mcp.RESOURCES_UPDATED,
                                Json.object().put("uri", e.getKey())));
                    } catch (IOException ex) {
                        LOG.fine("resource update not sent: " + ex.getMessage());
                    }
                }
            }
        }
    }

    private JsonNode prompt(String name, JsonNode args) {
        try {
            return server.features().prompts().get(name, args.isObject() ? args : Json.object())
                    .orElseThrow(() -> new Refusal(INVALID_PARAMS, "Unknown prompt: " + name));
        } catch (IllegalArgumentException e) {
            throw new Refusal(INVALID_PARAMS, e.getMessage());
        }
    }

    private JsonNode complete(JsonNode p) {
        JsonNode ref = p.path("ref");
        List<String> values = "ref/prompt".equals(ref.path("type").asText())
                ? server.features().prompts().complete(ref.path("name").asText(), p.path("argument").path("name")
                        .asText(), p.path("argument").path("value").asText(""))
                : List.of();
        ObjectNode result = Json.object();
        ObjectNode completion = result.putObject("completion");
        ArrayNode list = completion.putArray("values");
        values.stream().limit(100).forEach(list::add);
        completion.put("total", values.size());
        completion.put("hasMore", values.size() > 100);
        return result;
    }

    private static ObjectNode listOf(String field, List<ObjectNode> items) {
        ObjectNode result = Json.object();
        result.putArray(field).addAll(items);
        return result;
    }

    /** One page of a long list; the cursor is the offset of the next page, opaque to the client. */
    private static ObjectNode page(String field, List<ObjectNode> items, JsonNode params) {
        int from = 0;
        if (params.hasNonNull("cursor")) {
            try {
                from = Integer.parseInt(new String(Base64.getUrlDecoder().decode(params.get("cursor").asText()),
                        StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new Refusal(INVALID_PARAMS, "invalid cursor " + params.get("cursor"));
            }
        }
        if (from < 0 || from > items.size()) {
            throw new Refusal(INVALID_PARAMS, "invalid cursor " + params.get("cursor"));
        }
        int to = Math.min(items.size(), from + PAGE);
        ObjectNode result = listOf(field, items.subList(from, to));
        if (to < items.size()) {
            result.put("nextCursor", Base64.getUrlEncoder().withoutPadding().encodeToString(
                    Integer.toString(to).getBytes(StandardCharsets.UTF_8)));
        }
        return result;
    }

    private static String text(JsonNode params, String field) {
        JsonNode v = params.get(field);
        if (v == null || !v.isTextual()) {
            throw new Refusal(INVALID_PARAMS, "\"" + field + "\" (a string) is required");
        }
        return v.asText();
    }

    /** A request answered with a JSON-RPC error. */
    private static final class Refusal extends RuntimeException {
        final int code;

        Refusal(int code, String message) {
            super(message);
            this.code = code;
        }
    }

    /** What one tools/call may do with the client, over the channel of its reply. */
    private final class CallExchange implements Exchange {
        private final Channel replies;
        private final Cancellation cancel;
        private final JsonNode progressToken;

        CallExchange(Channel replies, Cancellation cancel, JsonNode progressToken) {
            this.replies = replies;
            this.cancel = cancel;
            this.progressToken = progressToken;
        }

        @Override
        public String client() {
            return client;
        }

        @Override
        public JsonNode clientCapabilities() {
            return capabilities;
        }

        @Override
        public Cancellation cancellation() {
            return cancel;
        }

        @Override
        public void progress(double progress, Double total, String message) {
            if (progressToken == null || progressToken.isNull()) {
                return;
            }
            ObjectNode p = Json.object();
            p.set("progressToken", progressToken);
            p.put("progress", progress);
            if (total != null) {
                p.put("total", total);
            }
            if (message != null) {
                p.put("message", message);
            }
            quietly(JsonRpc.notification(Mcp.PROGRESS, p));
        }

        @Override
        public void log(String level, JsonNode data) {
            int l = LEVELS.indexOf(level);
            if (l < 0) {
                throw new IllegalArgumentException("unknown log level " + level);
            }
            if (l < logLevel) {
                return;
            }
            ObjectNode p = Json.object();
            p.put("level", level);
            p.put("logger", server.name());
            p.set("data", data);
            quietly(JsonRpc.notification(Mcp.MESSAGE, p));
        }

        private void quietly(ObjectNode notification) {
            try {
                replies.send(notification);
            } catch (IOException e) {
                LOG.fine("notification not sent: " + e.getMessage());
            }
        }

        @Override
        public JsonNode request(String method, JsonNode params, Duration timeout) throws McpRequestException {
            String id = "reaper-" + ids.incrementAndGet();
            CompletableFuture<JsonNode> answer = new CompletableFuture<>();
            asked.put(id, answer);
            try (Cancellation.Registration r = cancel.onCancel(() ->
                    answer.completeExceptionally(new McpRequestException("the call was cancelled")))) {
                ObjectNode m = JsonRpc.notification(method, params);
                m.put("id", id);
                replies.send(m);
                return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (IOException e) {
                throw new McpRequestException("cannot ask the client (" + method + "): " + e.getMessage());
            } catch (TimeoutException e) {
                throw new McpRequestException("the client did not answer " + method + " within " + timeout.toSeconds()
                        + " s");
            } catch (ExecutionException e) {
                throw e.getCause() instanceof McpRequestException m ? m
                        : new McpRequestException(String.valueOf(e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new McpRequestException("interrupted");
            } finally {
                asked.remove(id);
            }
        }
    }
}
