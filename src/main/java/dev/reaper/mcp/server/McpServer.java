package dev.reaper.mcp.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reaper.json.Json;
import dev.reaper.mcp.protocol.JsonRpc;
import dev.reaper.mcp.protocol.Mcp;
import dev.reaper.protocol.Cancellation;
import dev.reaper.tools.Tool;
import dev.reaper.tools.ToolOutput;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reaper as an MCP server over one stdio connection: newline-delimited JSON-RPC in, one response per line
 * out (the output carries the protocol only). Owns the protocol: initialize and version negotiation, ping,
 * tools/list, tools/call, cancellation and the JSON-RPC errors. {@code initialize} is answered in order, before
 * what follows it is read; other requests run concurrently on virtual threads, and each response is written
 * whole, under a lock. One instance serves one connection. What the tools do, and whether they may, is the
 * {@link ServedTools}'.
 */
public final class McpServer {

    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int INVALID_PARAMS = -32602;

    /** How long calls still running when the input ends may take to finish before they are cancelled. */
    static final Duration DRAIN = Duration.ofSeconds(10);

    private static final Logger LOG = Logger.getLogger(McpServer.class.getName());

    private final ServedTools tools;
    private final AuditLog audit;
    private final String version;
    private final Map<JsonNode, Cancellation> running = new ConcurrentHashMap<>();
    private final Object writeLock = new Object();
    private volatile String client = "unknown";
    private volatile Writer out;

    /** @param version Reaper's version, sent as serverInfo */
    public McpServer(ServedTools tools, AuditLog audit, String version) {
        this.tools = tools;
        this.audit = audit;
        this.version = version;
    }

    /**
     * Serves until the input ends. Calls still running then get {@link #DRAIN} to finish (their answers are
     * still written); after that they are cancelled, and this returns.
     */
    public void serve(InputStream in, Writer out) throws IOException {
        this.out = out;
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    receive(line, pool);
                }
            }
            pool.shutdown();
            if (!pool.awaitTermination(DRAIN.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.info("MCP client closed the connection; cancelling " + running.size() + " running call(s)");
                running.values().forEach(Cancellation::cancel);
                pool.awaitTermination(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pool.shutdownNow();
        }
    }

    private void receive(String line, ExecutorService pool) {
        JsonRpc.Incoming message;
        try {
            message = JsonRpc.read(line);
        } catch (IllegalArgumentException e) {
            boolean json = Json.tryParse(line).isPresent();
            send(JsonRpc.error(Json.MAPPER.nullNode(), json ? INVALID_REQUEST : PARSE_ERROR,
                    (json ? "Invalid request: " : "Parse error: ") + e.getMessage()));
            return;
        }
        switch (message) {
            case JsonRpc.Request r when Mcp.INITIALIZE.equals(r.method()) -> answer(r, new Cancellation());
            case JsonRpc.Request r -> {
                Cancellation cancel = new Cancellation();
                if (Mcp.TOOLS_CALL.equals(r.method())) {
                    running.put(r.id(), cancel);
                }
                pool.submit(() -> answer(r, cancel));
            }
            case JsonRpc.Notification n -> notified(n);
            case JsonRpc.Response r -> LOG.fine("ignored a response from the client (id " + r.id() + ")");
        }
    }

    private void notified(JsonRpc.Notification n) {
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

    private void answer(JsonRpc.Request r, Cancellation cancel) {
        ObjectNode reply;
        try {
            reply = switch (r.method()) {
                case Mcp.INITIALIZE -> JsonRpc.result(r.id(), initialize(r.params()));
                case Mcp.PING -> JsonRpc.result(r.id(), Json.object());
                case Mcp.TOOLS_LIST -> JsonRpc.result(r.id(), listTools());
                case Mcp.TOOLS_CALL -> call(r, cancel);
                default -> JsonRpc.error(r.id(), JsonRpc.METHOD_NOT_FOUND, "Method not found: " + r.method());
            };
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "MCP request " + r.method() + " failed", e);
            reply = JsonRpc.error(r.id(), JsonRpc.INTERNAL_ERROR, "Internal error: " + e.getMessage());
        } finally {
            running.remove(r.id());
        }
        if (cancel.isCancelled()) {
            return; // the client gave up on it: no response (MCP's cancellation rules)
        }
        send(reply);
    }

    private ObjectNode initialize(JsonNode params) {
        if (params.path("clientInfo").path("name").isTextual()) {
            client = params.path("clientInfo").path("name").asText();
        }
        String asked = params.path("protocolVersion").asText("");
        String agreed = Mcp.SUPPORTED.contains(asked) ? asked : Mcp.PROTOCOL_VERSION;
        LOG.info("MCP client " + client + " asked for protocol " + asked + "; answering " + agreed);
        ObjectNode result = Json.object();
        result.put("protocolVersion", agreed);
        result.putObject("capabilities").putObject("tools").put("listChanged", false);
        ObjectNode info = result.putObject("serverInfo");
        info.put("name", "reaper");
        info.put("version", version);
        result.put("instructions", "Reaper's workspace tools: read, search and edit files, run commands and"
                + " look at git history in the workspace the server was started in. Edits and commands follow"
                + " the permission mode the server was started with.");
        return result;
    }

    private ObjectNode listTools() {
        ObjectNode result = Json.object();
        ArrayNode list = result.putArray("tools");
        for (Tool t : tools.list()) {
            ObjectNode o = list.addObject();
            o.put("name", t.name());
            o.put("description", t.description());
            o.set("inputSchema", Json.tryParse(t.inputSchema()).filter(JsonNode::isObject)
                    .orElseGet(() -> Json.object().put("type", "object")));
        }
        return result;
    }

    private ObjectNode call(JsonRpc.Request r, Cancellation cancel) {
        JsonNode name = r.params().get("name");
        if (name == null || !name.isTextual()) {
            return JsonRpc.error(r.id(), INVALID_PARAMS, "tools/call needs the tool's \"name\"");
        }
        if (!tools.has(name.asText())) {
            return JsonRpc.error(r.id(), INVALID_PARAMS, "Unknown tool: " + name.asText());
        }
        JsonNode args = r.params().has("arguments") ? r.params().get("arguments") : Json.object();
        long start = System.nanoTime();
        ToolOutput output = tools.call(name.asText(), args, cancel);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        audit.record(client, name.asText(), args, output.text().length(), output.isError(), took);
        ObjectNode result = Json.object();
        result.putArray("content").addObject().put("type", "text").put("text", output.text());
        result.put("isError", output.isError());
        return JsonRpc.result(r.id(), result);
    }

    private void send(ObjectNode message) {
        String line = Json.write(message) + "\n";
        synchronized (writeLock) {
            try {
                out.write(line);
                out.flush();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "cannot write to the MCP client", e);
            }
        }
    }
}
