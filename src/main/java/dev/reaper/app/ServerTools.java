package dev.reaper.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reaper.agent.Approver;
import dev.reaper.agent.EventSink;
import dev.reaper.agent.ToolExecutor;
import dev.reaper.config.ConfigException;
import dev.reaper.context.IgnoreRules;
import dev.reaper.json.Json;
import dev.reaper.lsp.LspTools;
import dev.reaper.mcp.server.Exchange;
import dev.reaper.mcp.server.ServedTools;
import dev.reaper.policy.ToolKind;
import dev.reaper.policy.PermissionMode;
import dev.reaper.policy.PermissionRules;
import dev.reaper.policy.WorkspaceBoundary;
import dev.reaper.protocol.Cancellation;
import dev.reaper.protocol.ContentBlock;
import dev.reaper.protocol.Event;
import dev.reaper.store.ProjectApprovals;
import dev.reaper.tools.Tool;
import dev.reaper.tools.ToolContext;
import dev.reaper.tools.ToolOutput;
import dev.reaper.tools.ToolRegistry;
import dev.reaper.tools.builtin.BuiltinTools;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * The workspace tools {@code reaper mcp serve} offers, run as the agent runs them: through {@link ToolExecutor}
 * (schema validation, the permission mode and the [permissions] rules). A server cannot ask anyone, so a call
 * the policy would ask about is denied, with how to allow it.
 */
public final class ServerTools implements ServedTools {

    /** Built-in tools that only make sense inside a session (the plan checklist). */
    private static final List<String> SESSION_ONLY = List.of("todo");

    private static final Logger LOG = Logger.getLogger(ServerTools.class.getName());

    static final Approver CANNOT_ASK = request -> Approver.Answer.deny(request.reason()
            + ", and an MCP server cannot ask the user. To allow it, start the server with --permission-mode"
            + " acceptEdits (edits) or bypassPermissions (edits and commands), or add an allow rule to"
            + " [permissions] in .reaper/config.toml (e.g. allow = [\"bash(git status)\"]).");

    private final List<ObjectNode> definitions;
    private final ToolExecutor executor;
    private final WorkspaceBoundary workspace;
    private final IgnoreRules ignore;
    private final Map<String, String> environment;
    private final AtomicLong ids = new AtomicLong();

    public ServerTools(List<Tool> tools, PermissionMode mode, PermissionRules rules, WorkspaceBoundary workspace,
                       IgnoreRules ignore, Map<String, String> environment) {
        List<Tool> offered = tools.stream().filter(t -> !SESSION_ONLY.contains(t.name())).toList();
        this.definitions = offered.stream().map(ServerTools::definition).toList();
        EventSink log = event -> {
            if (event instanceof Event.Notice n) {
                LOG.info("mcp serve: " + n.message());
            }
        };
        this.executor = new ToolExecutor(new ToolRegistry(offered), mode, rules, CANNOT_ASK, log);
        this.workspace = workspace;
        this.ignore = ignore;
        this.environment = environment;
    }

    /**
     * The built-in tools over the app's workspace (and the language-server tools where a server handles one of
     * its files), with its [permissions] rules, the approvals remembered for
     * it ("always allow" answers) and the given mode.
     */
    public static ServerTools of(Reaper app, PermissionMode mode) {
        var config = app.config();
        PermissionRules rules;
        try {
            rules = PermissionRules.parse(config.permissions().allow(), config.permissions().ask(),
                    config.permissions().deny());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("[permissions] in config.toml: " + e.getMessage());
        }
        Path root = app.workspace().root();
        try {
            rules = rules.plus(PermissionRules.parse(new ProjectApprovals(app.paths().stateDir(), root).rules(),
                    List.of(), List.of()));
        } catch (IllegalArgumentException e) {
            LOG.warning("ignored remembered approvals: " + e.getMessage());
        }
        WorkspaceBoundary boundary = new WorkspaceBoundary(root, config.permissions().additionalDirectories().stream()
                .map(p -> p.isAbsolute() ? p : root.resolve(p)).toList());
        List<Tool> tools = new ArrayList<>(BuiltinTools.all(app::repoMap));
        IgnoreRules ignore = new IgnoreRules(root);
        if (app.languageServers().usefulIn(ignore, SessionLauncher.LSP_PROBE_FILES)) {
            tools.addAll(LspTools.all(app.languageServers()));
        }
        return new ServerTools(tools, mode, rules, boundary, ignore, app.commandEnvironment());
    }

    @Override
    public List<ObjectNode> list() {
        return definitions;
    }

    @Override
    public ObjectNode call(String name, JsonNode arguments, Exchange exchange) {
        ToolOutput output = run(name, arguments, exchange.cancellation());
        ObjectNode result = Json.object();
        result.putArray("content").addObject().put("type", "text").put("text", output.text());
        result.put("isError", output.isError());
        return result;
    }

    /** Whether deny rules leave a workspace file readable: as named, and where a symlink leads. */
    boolean mayRead(Path file) {
        return workspace.ruleTargets(file).stream().allMatch(executor::mayRead);
    }

    WorkspaceBoundary workspace() {
        return workspace;
    }

    IgnoreRules ignore() {
        return ignore;
    }

    /** Runs one call through the executor: schema validation, the permission decision, the tool. */
    ToolOutput run(String name, JsonNode arguments, Cancellation cancel) {
        ToolContext context = new ToolContext(workspace, ignore, cancel, (path, before, after) -> { }, environment,
                executor::mayRead);
        ContentBlock.ToolResult r = executor.execute(new ContentBlock.ToolUse("mcp-" + ids.incrementAndGet(), name,
                Json.write(arguments)), context);
        return new ToolOutput(r.content(), r.isError());
    }

    private static ObjectNode definition(Tool t) {
        ObjectNode o = Json.object();
        o.put("name", t.name());
        o.put("description", t.description());
        o.set("inputSchema", Json.tryParse(t.inputSchema()).filter(JsonNode::isObject)
                .orElseGet(() -> Json.object().put("type", "object")));
        ObjectNode hints = o.putObject("annotations");
        hints.put("readOnlyHint", t.kind() == ToolKind.READ);
        hints.put("destructiveHint", t.kind() != ToolKind.READ);
        hints.put("openWorldHint", false);
        return o;
    }
}
