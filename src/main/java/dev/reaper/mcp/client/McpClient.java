package dev.reaper.mcp.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reaper.json.Json;
import dev.reaper.mcp.McpFailure;
import dev.reaper.mcp.protocol.JsonRpc;
import dev.reaper.mcp.protocol.Mcp;
import dev.reaper.protocol.Cancellation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reaper's side of one MCP connection: requests get ids and wait for the response with that id (within a
 * timeout, or until the turn is cancelled, when the server is told with {@code notifications/cancelled});
 * the server's own requests are answered (ping, roots/list with the workspace root, elicitation/create by the
 * {@link Elicitation} handler when there is one, anything else -32601); its notifications are handled (tool and
 * prompt list changes refetch the list, log messages go to Reaper's log, progress extends the wait, updates of
 * subscribed resources go to their listener). Once the connection is broken (the server exited, or wrote something that is
 * not JSON-RPC) every waiting and later request fails with the reason.
 */
public final class McpClient implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(McpClient.class.getName());

    /**
     * @param initialize how long the server may take to start and answer {@code initialize}
     * @param request    how long a request may take, extended by each progress notification
     */
    public record Timeouts(Duration initialize, Duration request) {
        public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(30), Duration.ofSeconds(120));
    }

    /** What the server said about itself in its {@code initialize} result. */
    public record ServerInfo(String protocolVersion, String name, String version, JsonNode capabilities,
                             Optional<String> instructions) {}

    /** One tool as the server lists it. */
    public record ToolSpec(String name, String description, JsonNode inputSchema) {}

    /** One resource as the server lists it; the strings are empty when the server leaves them out. */
    public record ResourceSpec(String uri, String name, String description, String mimeType) {}

    /** One prompt as the server lists it; its arguments in the server's order. */
    public record PromptSpec(String name, String description, List<PromptArgument> arguments) {}

    public record PromptArgument(String name, String description, boolean required) {}

    /** One resource template ({@code uriTemplate}, RFC 6570) as the server lists it. */
    public record TemplateSpec(String uriTemplate, String name, String description, String mimeType) {}

    private final String name;
    private final Transport transport;
    private final Path root;
    private final Timeouts timeouts;
    private final Optional<Elicitation> elicitation;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private volatile String broken;
    private volatile ServerInfo info;
    private volatile List<ToolSpec> tools = List.of();
    private volatile List<PromptSpec> prompts = List.of();
    private volatile boolean promptsListed;
    private final Set<String> subscriptions = ConcurrentHashMap.newKeySet();
    private volatile Consumer<String> updated = uri -> { };
    private volatile String clientVersion = "";

    /** A request waiting for its response; progress moves its deadline. */
    private static final class Pending {
        final CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        volatile long deadline;

        Pending(long deadline) {
            this.deadline = deadline;
        }
    }

    /** A failed response from the server: the call reached it and it said no. */
    public static final class ErrorResponse extends Exception {
        private final JsonRpc.Error error;

        ErrorResponse(JsonRpc.Error error) {
            super(error.message() + " (" + error.code() + ")");
            this.error = error;
        }

        public JsonRpc.Error error() {
            return error;
        }
    }

    /** @param root the workspace root, given to the server as its one root */
    /** How long a server gets to answer {@code server/discover} before it is taken for an earlier revision. */
    static final Duration DISCOVER_WAIT = Duration.ofSeconds(3);

    private volatile boolean stateless;

    /** How many handshakes succeeded: a request remembers it, so an expired session is replaced only once. */
    private final java.util.concurrent.atomic.AtomicLong sessions = new java.util.concurrent.atomic.AtomicLong();

    public McpClient(String name, Transport transport, Path root, Timeouts timeouts) {
        this(name, transport, root, timeouts, Optional.empty());
    }

    /**
     * @param elicitation who answers the server's {@code elicitation/create}; with none, Reaper does not declare
     *                    the capability (and answers such a request with -32601)
     */
    public McpClient(String name, Transport transport, Path root, Timeouts timeouts,
                     Optional<Elicitation> elicitation) {
        this.name = name;
        this.elicitation = elicitation;
        this.transport = transport;
        this.root = root;
        this.timeouts = timeouts;
        transport.start(new Transport.Listener() {
            @Override
            public void message(String json) {
                receive(json);
            }

            @Override
            public void closed(String reason) {
                breakWith(reason);
            }
        });
    }

    public String name() {
        return name;
    }

    /** Why the connection cannot be used any more, once it cannot. */
    public Optional<String> failure() {
        return Optional.ofNullable(broken);
    }

    /** Set after {@link #initialize}. */
    public ServerInfo serverInfo() {
        return info;
    }

    /** What Reaper can do as a client; the stateless revision has no roots (they were deprecated). */
    private ObjectNode capabilities(boolean stateless) {
        ObjectNode capabilities = Json.object();
        if (!stateless) {
            capabilities.putObject("roots").put("listChanged", false);
            if (elicitation.isPresent()) {
                capabilities.putObject("elicitation").putObject("form");
            }
        }
        return capabilities;
    }

    private ObjectNode clientInfo() {
        return Json.object().put("name", "reaper").put("version", clientVersion);
    }

    /**
     * The stateless revision's opening (2026-07-28): {@code server/discover}, every request naming the revision.
     * A server that answers with an error, or not within {@link #DISCOVER_WAIT}, speaks an earlier revision: the
     * caller goes on with {@code initialize}. Found, every later request carries the revision, Reaper's
     * capabilities and name in its {@code _meta}, and there is no session to end.
     */
    private Optional<ServerInfo> discover() throws McpFailure {
        stateless = true; // the probe itself carries the _meta
        JsonNode r;
        try {
            Duration wait = timeouts.initialize().compareTo(DISCOVER_WAIT) < 0 ? timeouts.initialize() : DISCOVER_WAIT;
            r = requestOnce(Mcp.DISCOVER, Json.object(), wait, new Cancellation());
        } catch (ErrorResponse e) {
            stateless = false;
            LOG.fine(() -> "mcp " + name + ": server/discover answered " + e.getMessage() + "; initializing");
            return Optional.empty();
        } catch (McpFailure e) {
            stateless = false;
            checkUsable(); // a server that died is not a server of another revision
            LOG.info("mcp " + name + ": no answer to server/discover (" + e.getMessage() + "); initializing");
            return Optional.empty();
        }
        boolean speaks = false;
        for (JsonNode v : r.path("supportedVersions")) {
            speaks |= Mcp.STATELESS_VERSION.equals(v.asText());
        }
        if (!speaks) {
            stateless = false;
            return Optional.empty();
        }
        JsonNode server = r.path("_meta").path(Mcp.META_SERVER);
        info = new ServerInfo(Mcp.STATELESS_VERSION, server.path("name").asText(name), server.path("version")
                .asText(""), r.path("capabilities"), Optional.ofNullable(Json.text(r, "instructions")));
        LOG.info("mcp " + name + ": speaks the stateless revision " + Mcp.STATELESS_VERSION);
        sessions.incrementAndGet();
        return Optional.of(info);
    }

    /** Whether the server speaks the stateless revision (found by {@link #initialize}). */
    public boolean stateless() {
        return stateless;
    }

    /**
     * The handshake: {@code initialize} with Reaper's revision and capabilities (roots), a check that the
     * server's revision is one Reaper speaks, then {@code notifications/initialized}.
     */
    public ServerInfo initialize(String clientVersion) throws McpFailure {
        this.clientVersion = clientVersion;
        if (transport.triesStateless() && info == null) {
            Optional<ServerInfo> stateless = discover();
            if (stateless.isPresent()) {
                return stateless.get();
            }
        }
        ObjectNode params = Json.object();
        params.put("protocolVersion", Mcp.PROTOCOL_VERSION);
        params.set("capabilities", capabilities(false));
        params.set("clientInfo", clientInfo());
        JsonNode r;
        try {
            r = request(Mcp.INITIALIZE, params, timeouts.initialize(), new Cancellation());
        } catch (ErrorResponse e) {
            throw new McpFailure("MCP server " + name + " refused initialize: " + e.getMessage());
        }
        String version = r.path("protocolVersion").asText("");
        if (!Mcp.SUPPORTED.contains(version)) {
            throw new McpFailure("MCP server " + name + " speaks protocol revision \"" + version
                    + "\", which Reaper does not (it speaks " + String.join(", ", Mcp.SUPPORTED) + ")");
        }
        info = new ServerInfo(version, r.path("serverInfo").path("name").asText(name),
                r.path("serverInfo").path("version").asText(""), r.path("capabilities"),
                Optional.ofNullable(Json.text(r, "instructions")));
        transport.negotiated(version);
        notify(Mcp.INITIALIZED, null);
        transport.ready();
        sessions.incrementAndGet();
        return info;
    }

    /**
     * The server's tools, every page of them ({@code nextCursor}); kept for {@link #tools()}. One listing at
     * a time, so a refresh asked for by {@code list_changed} cannot be overwritten by an older listing.
     */
    public List<ToolSpec> listTools() throws McpFailure {
        synchronized (listing) {
            List<ToolSpec> all = new ArrayList<>();
            for (JsonNode t : pages(Mcp.TOOLS_LIST, "tools", "its tools", new Cancellation())) {
                all.add(new ToolSpec(t.path("name").asText(), t.path("description").asText(""),
                        t.has("inputSchema") ? t.get("inputSchema") : Json.object().put("type", "object")));
            }
            tools = List.copyOf(all);
            return tools;
        }
    }

    private final Object listing = new Object();

    /** Whether the server said, at initialize, that it has resources. */
    public boolean offersResources() {
        return info != null && info.capabilities().has("resources");
    }

    /** The server's resources, every page of them. */
    public List<ResourceSpec> listResources(Cancellation cancel) throws McpFailure {
        List<ResourceSpec> all = new ArrayList<>();
        for (JsonNode r : pages(Mcp.RESOURCES_LIST, "resources", "its resources", cancel)) {
            all.add(new ResourceSpec(r.path("uri").asText(), r.path("name").asText(""),
                    r.path("description").asText(""), r.path("mimeType").asText("")));
        }
        return all;
    }

    /** The contents of one resource ({@code contents}: text or base64 blobs, each with its URI). */
    public JsonNode readResource(String uri, Cancellation cancel) throws McpFailure, ErrorResponse {
        ObjectNode params = Json.object();
        params.put("uri", uri);
        return request(Mcp.RESOURCES_READ, params, timeouts.request(), cancel).path("contents");
    }

    /** The items of a paginated list, following {@code nextCursor} to the last page. */
    private List<JsonNode> pages(String method, String field, String what, Cancellation cancel) throws McpFailure {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        do {
            ObjectNode params = Json.object();
            if (cursor != null) {
                params.put("cursor", cursor);
            }
            JsonNode page;
            try {
                page = request(method, params, timeouts.request(), cancel);
            } catch (ErrorResponse e) {
                throw new McpFailure("MCP server " + name + " could not list " + what + ": " + e.getMessage());
            }
            page.path(field).forEach(all::add);
            cursor = Json.text(page, "nextCursor");
        } while (cursor != null && !cursor.isEmpty());
        return all;
    }

    /** Whether the server said, at initialize, that it has prompts. */
    public boolean offersPrompts() {
        return info != null && info.capabilities().has("prompts");
    }

    /** The server's prompts, every page of them; kept for {@link #prompts()}. */
    public List<PromptSpec> listPrompts() throws McpFailure {
        synchronized (promptListing) {
            List<PromptSpec> all = new ArrayList<>();
            for (JsonNode p : pages(Mcp.PROMPTS_LIST, "prompts", "its prompts", new Cancellation())) {
                List<PromptArgument> args = new ArrayList<>();
                for (JsonNode a : p.path("arguments")) {
                    args.add(new PromptArgument(a.path("name").asText(), a.path("description").asText(""),
                            a.path("required").asBoolean(false)));
                }
                all.add(new PromptSpec(p.path("name").asText(), p.path("description").asText(""), List.copyOf(args)));
            }
            prompts = List.copyOf(all);
            promptsListed = true;
            return prompts;
        }
    }

    private final Object promptListing = new Object();

    /** The prompts listed last (none before {@link #listPrompts}). */
    public List<PromptSpec> prompts() {
        return prompts;
    }

    /** A prompt filled in with its arguments: the server's result ({@code description}, {@code messages}). */
    public JsonNode getPrompt(String prompt, Map<String, String> arguments, Cancellation cancel)
            throws McpFailure, ErrorResponse {
        ObjectNode params = Json.object();
        params.put("name", prompt);
        ObjectNode args = params.putObject("arguments");
        arguments.forEach(args::put);
        return request(Mcp.PROMPTS_GET, params, timeouts.request(), cancel);
    }

    /** The server's resource templates, every page of them. */
    public List<TemplateSpec> listResourceTemplates(Cancellation cancel) throws McpFailure {
        List<TemplateSpec> all = new ArrayList<>();
        for (JsonNode t : pages(Mcp.RESOURCES_TEMPLATES_LIST, "resourceTemplates", "its resource templates", cancel)) {
            all.add(new TemplateSpec(t.path("uriTemplate").asText(), t.path("name").asText(""),
                    t.path("description").asText(""), t.path("mimeType").asText("")));
        }
        return all;
    }

    /** Whether the server said, at initialize, that a client may subscribe to its resources. */
    public boolean offersSubscriptions() {
        return info != null && info.capabilities().path("resources").path("subscribe").asBoolean(false);
    }

    /**
     * Asks the server to say when a resource changes ({@code notifications/resources/updated}); each such
     * notification for a subscribed URI goes to the listener set with {@link #onResourceUpdated}.
     */
    public void subscribe(String uri, Cancellation cancel) throws McpFailure, ErrorResponse {
        ObjectNode params = Json.object();
        params.put("uri", uri);
        request(Mcp.RESOURCES_SUBSCRIBE, params, timeouts.request(), cancel);
        subscriptions.add(uri);
    }

    public void unsubscribe(String uri, Cancellation cancel) throws McpFailure, ErrorResponse {
        ObjectNode params = Json.object();
        params.put("uri", uri);
        subscriptions.remove(uri);
        request(Mcp.RESOURCES_UNSUBSCRIBE, params, timeouts.request(), cancel);
    }

    /** Who hears of changes to subscribed resources (by URI), on the transport's thread: it must not block. */
    public void onResourceUpdated(Consumer<String> listener) {
        this.updated = listener;
    }

    /** The tools listed last. */
    public List<ToolSpec> tools() {
        return tools;
    }

    /**
     * Calls a tool and returns the server's result (content, structuredContent, isError). A progress token goes
     * with the call, so a long-running tool that reports progress is not timed out while it does.
     */
    public JsonNode callTool(String tool, JsonNode arguments, Cancellation cancel) throws McpFailure, ErrorResponse {
        ObjectNode params = Json.object();
        params.put("name", tool);
        params.set("arguments", arguments == null || arguments.isNull() ? Json.object() : arguments);
        return request(Mcp.TOOLS_CALL, params, timeouts.request(), cancel);
    }

    /**
     * Sends a request and waits for its response.
     *
     * @throws ErrorResponse when the server answers with an error
     * @throws McpFailure    on a timeout (the server is told the request is cancelled), cancellation, or a
     *                       broken connection
     */
    public JsonNode request(String method, JsonNode params, Duration timeout, Cancellation cancel)
            throws McpFailure, ErrorResponse {
        long session = sessions.get();
        try {
            return complete(method, requestOnce(method, params, timeout, cancel));
        } catch (ErrorResponse e) {
            if (e.error().code() != JsonRpc.SESSION_EXPIRED || method.equals(Mcp.INITIALIZE)) {
                throw e;
            }
            synchronized (sessions) { // one handshake for all the requests the expired session failed
                if (sessions.get() == session) {
                    LOG.info("mcp " + name + ": the server ended the session; initializing again");
                    initialize(clientVersion);
                }
            }
            return complete(method, requestOnce(method, params, timeout, cancel));
        }
    }

    /**
     * The result, when it is one: a stateless server may instead answer that it needs input first
     * ({@code resultType: input_required}, to be retried with the answers), which Reaper does not give yet.
     */
    private JsonNode complete(String method, JsonNode result) throws McpFailure {
        String type = result.path("resultType").asText("complete");
        if (type.equals("complete")) {
            return result;
        }
        throw new McpFailure("MCP server " + name + " answered " + method + " with resultType " + type
                + (type.equals("input_required") ? ": it needs input from the user first, which Reaper cannot give"
                + " to servers of the stateless revision yet" : ", which Reaper does not know"));
    }

    private JsonNode requestOnce(String method, JsonNode params, Duration timeout, Cancellation cancel)
            throws McpFailure, ErrorResponse {
        checkUsable();
        long id = ids.incrementAndGet();
        ObjectNode p = params == null ? Json.object() : params.deepCopy();
        if (!method.equals(Mcp.INITIALIZE)) {
            ObjectNode meta = p.has("_meta") && p.get("_meta").isObject() ? (ObjectNode) p.get("_meta")
                    : p.putObject("_meta");
            meta.put("progressToken", id);
            if (stateless) {
                meta.put(Mcp.META_VERSION, Mcp.STATELESS_VERSION);
                meta.set(Mcp.META_CAPABILITIES, capabilities(true));
                meta.set(Mcp.META_CLIENT, clientInfo());
            }
        }
        Pending waiting = new Pending(System.nanoTime() + timeout.toNanos());
        pending.put(id, waiting);
        try {
            transport.send(Json.write(JsonRpc.request(id, method, p)));
            while (true) {
                if (cancel.isCancelled()) {
                    cancelled(id, "the turn was cancelled");
                    throw new McpFailure("interrupted");
                }
                try {
                    return waiting.answer.get(50, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    if (System.nanoTime() - waiting.deadline >= 0) {
                        cancelled(id, "timed out");
                        throw new McpFailure("MCP server " + name + " did not answer " + method + " within "
                                + timeout.toSeconds() + " s");
                    }
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof ErrorResponse r) {
                        if (r.error().code() == JsonRpc.NOT_DELIVERED) {
                            throw new McpFailure(r.error().message());
                        }
                        throw r;
                    }
                    throw new McpFailure(e.getCause().getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    cancelled(id, "interrupted");
                    throw new McpFailure("interrupted");
                }
            }
        } finally {
            pending.remove(id);
        }
    }

    private void checkUsable() throws McpFailure {
        String reason = broken;
        if (reason != null) {
            throw new McpFailure(reason);
        }
    }

    /** Tells the server to stop working on a request whose answer is no longer awaited. */
    private void cancelled(long id, String reason) {
        ObjectNode p = Json.object();
        p.put("requestId", id);
        p.put("reason", reason);
        try {
            notify(Mcp.CANCELLED, p);
        } catch (McpFailure e) {
            // the server is gone: nothing to cancel
        }
    }

    private void notify(String method, JsonNode params) throws McpFailure {
        checkUsable();
        transport.send(Json.write(JsonRpc.notification(method, params)));
    }

    /** One message from the server, on the transport's thread. */
    private void receive(String json) {
        JsonRpc.Incoming m;
        try {
            m = JsonRpc.read(json);
        } catch (IllegalArgumentException e) {
            // stdout is for protocol messages only: after a stray line the stream cannot be trusted
            breakWith("MCP server " + name + " sent something that is not a JSON-RPC message, so Reaper stopped"
                    + " using it: " + e.getMessage());
            return;
        }
        switch (m) {
            case JsonRpc.Response r -> {
                Pending p = r.id().canConvertToLong() ? pending.get(r.id().asLong()) : null;
                if (p == null) {
                    LOG.fine(() -> "mcp " + name + ": a response to no waiting request (" + r.id() + ")");
                } else if (r.error().isPresent()) {
                    p.answer.completeExceptionally(new ErrorResponse(r.error().get()));
                } else {
                    p.answer.complete(r.result().get());
                }
            }
            case JsonRpc.Request r -> answer(r);
            case JsonRpc.Notification n -> notification(n);
        }
    }

    private void answer(JsonRpc.Request r) {
        if (r.method().equals(Mcp.ELICIT) && elicitation.isPresent()) {
            // the answer may take a person's time: the transport's thread goes on reading meanwhile
            Thread.ofVirtual().name("reaper-mcp-" + name + "-elicit").start(() -> reply(r, elicit(r)));
            return;
        }
        JsonNode reply = switch (r.method()) {
            case Mcp.PING -> JsonRpc.result(r.id(), Json.object());
            case Mcp.ROOTS_LIST -> {
                ObjectNode result = Json.object();
                ArrayNode roots = result.putArray("roots");
                ObjectNode one = roots.addObject();
                one.put("uri", root.toUri().toString().replaceFirst("/$", ""));
                one.put("name", root.getFileName() == null ? "/" : root.getFileName().toString());
                yield JsonRpc.result(r.id(), result);
            }
            default -> JsonRpc.error(r.id(), JsonRpc.METHOD_NOT_FOUND, "Reaper does not offer " + r.method());
        };
        reply(r, reply);
    }

    /** The answer to a form elicitation, from the handler; a URL elicitation (not declared) is declined. */
    private JsonNode elicit(JsonRpc.Request r) {
        JsonNode params = r.params();
        ObjectNode result = Json.object();
        if (!params.path("mode").asText("form").equals("form")) {
            LOG.info("mcp " + name + ": declined a " + params.path("mode").asText() + " elicitation (Reaper answers"
                    + " forms only)");
            result.put("action", "decline");
            return JsonRpc.result(r.id(), result);
        }
        Elicitation.Answer answer;
        try {
            answer = elicitation.orElseThrow().ask(name, params.path("message").asText(""),
                    params.path("requestedSchema"));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "mcp " + name + ": elicitation failed", e);
            return JsonRpc.error(r.id(), JsonRpc.INTERNAL_ERROR, "Reaper could not answer: " + e.getMessage());
        }
        switch (answer) {
            case Elicitation.Accept a -> {
                result.put("action", "accept");
                result.set("content", a.content());
            }
            case Elicitation.Decline d -> result.put("action", "decline");
            case Elicitation.Cancel c -> result.put("action", "cancel");
        }
        LOG.info("mcp " + name + ": elicitation \"" + params.path("message").asText("") + "\" answered: "
                + result.path("action").asText());
        return JsonRpc.result(r.id(), result);
    }

    private void reply(JsonRpc.Request r, JsonNode reply) {
        try {
            transport.send(Json.write(reply));
        } catch (McpFailure e) {
            LOG.fine(() -> "mcp " + name + ": could not answer " + r.method() + ": " + e.getMessage());
        }
    }

    private void notification(JsonRpc.Notification n) {
        switch (n.method()) {
            case Mcp.PROGRESS -> {
                JsonNode token = n.params().path("progressToken");
                Pending p = token.canConvertToLong() ? pending.get(token.asLong()) : null;
                if (p != null) {
                    p.deadline = System.nanoTime() + timeouts.request().toNanos();
                }
                LOG.fine(() -> "mcp " + name + " progress: " + n.params());
            }
            case Mcp.MESSAGE -> {
                String level = n.params().path("level").asText("info");
                Level l = switch (level) {
                    case "debug" -> Level.FINE;
                    case "info", "notice" -> Level.INFO;
                    default -> Level.WARNING;
                };
                LOG.log(l, "mcp " + name + " (" + level + "): " + n.params().path("data"));
            }
            case Mcp.PROMPTS_CHANGED -> {
                if (info != null && promptsListed) {
                    Thread.ofVirtual().name("reaper-mcp-" + name + "-prompts").start(() -> {
                        try {
                            listPrompts();
                        } catch (McpFailure e) {
                            LOG.log(broken == null ? Level.WARNING : Level.FINE, e.getMessage());
                        }
                    });
                }
            }
            case Mcp.RESOURCES_UPDATED -> {
                String uri = n.params().path("uri").asText("");
                LOG.fine(() -> "mcp " + name + ": resource updated: " + uri);
                if (subscriptions.contains(uri)) {
                    updated.accept(uri);
                }
            }
            // before the handshake is done (some servers say it at once) there is no list to refresh yet
            case Mcp.TOOLS_CHANGED -> {
                if (info != null) {
                    refreshTools();
                }
            }
            default -> LOG.fine(() -> "mcp " + name + ": notification " + n.method());
        }
    }

    private void refreshTools() {
        Thread.ofVirtual().name("reaper-mcp-" + name + "-tools").start(() -> {
            try {
                listTools();
                LOG.info("mcp " + name + ": the tool list changed; it now has " + tools.size() + " tools");
            } catch (McpFailure e) {
                LOG.log(broken == null ? Level.WARNING : Level.FINE, e.getMessage()); // closing: nothing to say
            }
        });
    }

    /** The connection is unusable from now on: waiting requests fail with the reason, logged once. */
    private void breakWith(String reason) {
        synchronized (this) {
            if (broken != null) {
                return;
            }
            broken = reason;
        }
        LOG.warning(reason);
        McpFailure f = new McpFailure(reason);
        pending.values().forEach(p -> p.answer.completeExceptionally(f));
    }

    /** Ends the connection and the server (see {@link Transport#close}). */
    @Override
    public void close() {
        synchronized (this) {
            if (broken == null) {
                broken = "MCP server " + name + " was stopped: Reaper is closing";
            }
        }
        pending.values().forEach(p -> p.answer.completeExceptionally(new McpFailure(broken)));
        transport.close();
    }
}
