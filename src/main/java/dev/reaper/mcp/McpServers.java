package dev.reaper.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.config.McpConfig;
import dev.reaper.mcp.client.Elicitation;
import dev.reaper.mcp.client.HttpTransport;
import dev.reaper.mcp.client.McpClient;
import dev.reaper.mcp.client.StdioTransport;
import dev.reaper.protocol.Cancellation;
import dev.reaper.tools.Tool;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.logging.Logger;
import java.util.stream.IntStream;

/**
 * The configured MCP servers of one workspace. They are all started, side by side, the first time their
 * tools are wanted, and then shared by every session over the workspace. A server that cannot be started is
 * reported once and left out; the others go on. One that dies later keeps its tools, whose calls then fail
 * saying why (Reaper does not restart it). {@link #close} stops them all.
 */
public final class McpServers implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(McpServers.class.getName());

    /**
     * What {@code reaper mcp list} shows for one server once started.
     *
     * @param tools   how many tools it has, when it started
     * @param failure why it is unavailable, when it is
     */
    public record Status(McpConfig.Server server, Optional<Integer> tools, Optional<String> failure) {}

    /** One server's prompt under the command name Reaper gives it, {@code mcp__SERVER__PROMPT}. */
    public record Prompt(String command, String server, McpClient.PromptSpec spec) {}

    private final McpConfig config;
    private final Path root;
    private final Map<String, String> environment;
    private final McpClient.Timeouts timeouts;
    private final Duration stopGrace;
    private final String clientVersion;
    private final Map<String, CompletableFuture<McpClient>> started = new LinkedHashMap<>();
    private final List<McpClient> launched = new ArrayList<>();
    private final Set<String> reported = new LinkedHashSet<>();
    private boolean closed;
    private List<List<McpClient.ToolSpec>> builtFrom = List.of();
    private List<Tool> built = List.of();
    private volatile Elicitation elicitation = Elicitation.DECLINE;

    /**
     * @param root        the workspace root: servers run there, and it is their one root
     * @param environment the environment servers run with, before each server's own variables
     */
    public McpServers(McpConfig config, Path root, Map<String, String> environment, McpClient.Timeouts timeouts,
                      Duration stopGrace, String clientVersion) {
        this.config = config;
        this.root = root;
        this.environment = Map.copyOf(environment);
        this.timeouts = timeouts;
        this.stopGrace = stopGrace;
        this.clientVersion = clientVersion;
    }

    /**
     * Starts the servers (unless they were) and waits for them, saying what went wrong (config warnings, servers
     * that failed) to {@code notices}, each only the first time; then their tools, as {@link #current}.
     */
    public List<Tool> tools(Consumer<String> notices) {
        for (String w : config.warnings()) {
            once(w, notices);
        }
        for (Status s : statuses()) {
            s.failure().ifPresent(f -> once(f + "; its tools are not available in this session", notices));
        }
        return current();
    }

    /**
     * The tools of the servers that started, as {@code mcp__SERVER__TOOL}, from their lists as they are now (a
     * server that says its list changed is asked again), and the resource tools when a server has resources
     * (see {@link ResourceTools}). A server that has since died keeps its tools: calling one says why it fails.
     */
    public List<Tool> current() {
        List<McpClient> up = up();
        List<List<McpClient.ToolSpec>> lists = up.stream().map(McpClient::tools).toList();
        synchronized (this) {
            if (lists.size() == builtFrom.size() && IntStream.range(0, lists.size())
                    .allMatch(i -> lists.get(i) == builtFrom.get(i))) {
                return built;
            }
        }
        List<Tool> out = new ArrayList<>();
        Set<String> taken = new LinkedHashSet<>();
        for (int i = 0; i < up.size(); i++) {
            McpClient client = up.get(i);
            for (McpClient.ToolSpec spec : lists.get(i)) {
                String name = ToolNames.of(client.name(), spec.name());
                if (taken.add(name)) {
                    out.add(new McpTool(name, client, spec));
                } else {
                    LOG.warning("mcp " + client.name() + ": tool " + spec.name() + " is left out: its name " + name
                            + " is taken by another tool");
                }
            }
        }
        out.addAll(ResourceTools.of(up));
        synchronized (this) {
            builtFrom = lists;
            built = List.copyOf(out);
            return built;
        }
    }

    /** The prompts of the servers started so far (this starts none), by command name, the first of a name winning. */
    public List<Prompt> prompts() {
        List<Prompt> out = new ArrayList<>();
        Set<String> taken = new LinkedHashSet<>();
        for (McpClient client : up()) {
            for (McpClient.PromptSpec spec : client.prompts()) {
                String command = ToolNames.of(client.name(), spec.name());
                if (taken.add(command.toLowerCase(java.util.Locale.ROOT))) {
                    out.add(new Prompt(command, client.name(), spec));
                }
            }
        }
        return out;
    }

    /**
     * A prompt filled in with its arguments and rendered as the user's prompt (see {@link PromptMessages}).
     *
     * @throws McpFailure when there is no such prompt, or its server fails
     */
    public PromptMessages.Rendered prompt(String command, Map<String, String> arguments, Cancellation cancel)
            throws McpFailure, McpClient.ErrorResponse {
        for (McpClient client : up()) {
            for (McpClient.PromptSpec spec : client.prompts()) {
                if (ToolNames.of(client.name(), spec.name()).equalsIgnoreCase(command)) {
                    return PromptMessages.render(client.getPrompt(spec.name(), arguments, cancel));
                }
            }
        }
        throw new McpFailure("no MCP prompt " + command + " (its server may have stopped)");
    }

    /** The servers that started, in the configured order. */
    private List<McpClient> up() {
        synchronized (this) {
            return started.values().stream().filter(f -> f.isDone() && !f.isCompletedExceptionally())
                    .map(CompletableFuture::join).toList();
        }
    }

    private void once(String notice, Consumer<String> notices) {
        boolean first;
        synchronized (reported) {
            first = reported.add(notice);
        }
        if (first) {
            notices.accept(notice);
        }
    }

    /**
     * Who answers the servers' elicitation requests (forms), from now on; until it is set, Reaper accepts a
     * form's defaults when every required field has one and declines otherwise ({@link Elicitation#DEFAULTS}).
     */
    public void elicitation(Elicitation asker) {
        this.elicitation = asker;
    }

    /**
     * Connects to one server, by itself, and initializes it, for a single use such as {@code reaper mcp call}:
     * the caller closes it. Its tools are not listed.
     */
    public McpClient open(McpConfig.Server server) throws McpFailure {
        McpClient client = connect(server);
        try {
            client.initialize(clientVersion);
            return client;
        } catch (McpFailure e) {
            client.close();
            throw e;
        }
    }

    /** Every server, started (in parallel) unless it was already, with its tool count or why it is unavailable. */
    public List<Status> statuses() {
        List<CompletableFuture<McpClient>> futures = config.servers().stream().map(this::start).toList();
        List<Status> out = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            McpConfig.Server server = config.servers().get(i);
            try {
                McpClient c = futures.get(i).join();
                Optional<String> down = c.failure();
                out.add(new Status(server, down.isPresent() ? Optional.empty() : Optional.of(c.tools().size()), down));
            } catch (CompletionException e) {
                out.add(new Status(server, Optional.empty(), Optional.of(e.getCause().getMessage())));
            }
        }
        return out;
    }

    private synchronized CompletableFuture<McpClient> start(McpConfig.Server server) {
        if (closed) {
            return CompletableFuture.failedFuture(new McpFailure("Reaper is closing"));
        }
        return started.computeIfAbsent(server.name(), n -> {
            CompletableFuture<McpClient> f = new CompletableFuture<>();
            Thread.ofVirtual().name("reaper-mcp-start-" + n).start(() -> launch(server, f));
            return f;
        });
    }

    private void launch(McpConfig.Server server, CompletableFuture<McpClient> ready) {
        McpClient client = null;
        try {
            client = connect(server);
            synchronized (this) {
                launched.add(client);
                if (closed) {
                    throw new McpFailure("Reaper is closing");
                }
            }
            McpClient.ServerInfo info = client.initialize(clientVersion);
            client.listTools();
            if (client.offersPrompts()) {
                try {
                    client.listPrompts();
                } catch (McpFailure e) {
                    LOG.warning(e.getMessage() + "; its prompts are not available");
                }
            }
            LOG.info("mcp " + server.name() + ": started (" + info.name() + " " + info.version() + ", protocol "
                    + info.protocolVersion() + ", " + client.tools().size() + " tools)");
            ready.complete(client);
        } catch (McpFailure e) {
            if (client != null) {
                client.close(); // a server that did not start properly is not left running
            }
            LOG.warning(e.getMessage());
            ready.completeExceptionally(e);
        }
    }

    private McpClient connect(McpConfig.Server server) throws McpFailure {
        Variables vars = new Variables(server.name(), environment);
        return switch (server.transport()) {
            case McpConfig.Stdio s -> {
                Map<String, String> env = new HashMap<>(environment);
                env.putAll(vars.expand(s.env(), "its env"));
                StdioTransport t = StdioTransport.launch(server.name(), vars.expand(s.command(), "its command"),
                        root, env, stopGrace);
                yield new McpClient(server.name(), t, root, timeouts(server), Optional.of(this::elicit));
            }
            case McpConfig.Http h -> {
                Map<String, String> headers = vars.expand(h.headers(), "its headers");
                if (h.bearerTokenEnv().isPresent()) {
                    String var = h.bearerTokenEnv().get();
                    String token = environment.get(var);
                    if (token == null || token.isBlank()) {
                        throw new McpFailure("MCP server " + server.name() + " needs a bearer token in " + var
                                + " (bearer_token_env_var), which is not set");
                    }
                    headers.put("Authorization", "Bearer " + token);
                }
                yield new McpClient(server.name(), new HttpTransport(server.name(),
                        URI.create(vars.expand(h.url(), "its url")), headers, Duration.ofSeconds(10)), root,
                        timeouts(server), Optional.of(this::elicit));
            }
        };
    }

    private Elicitation.Answer elicit(String server, String message, JsonNode schema) {
        return elicitation.ask(server, message, schema);
    }

    private McpClient.Timeouts timeouts(McpConfig.Server server) {
        return new McpClient.Timeouts(server.startTimeout().orElse(timeouts.initialize()),
                server.toolTimeout().orElse(timeouts.request()));
    }

    /** Stops every server that was started, side by side, and waits for them to be gone. */
    @Override
    public void close() {
        List<McpClient> all;
        synchronized (this) {
            closed = true;
            all = List.copyOf(launched);
        }
        all.parallelStream().forEach(McpClient::close);
    }
}
