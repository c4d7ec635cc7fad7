package dev.reaper.cli;

import dev.reaper.agent.Approver;
import dev.reaper.agent.EventSink;
import dev.reaper.app.Reaper;
import dev.reaper.app.SessionLauncher;
import dev.reaper.app.SessionOptions;
import dev.reaper.context.IgnoreRules;
import dev.reaper.json.Json;
import dev.reaper.policy.PermissionMode;
import dev.reaper.policy.WorkspaceBoundary;
import dev.reaper.protocol.Cancellation;
import dev.reaper.repomap.Focus;
import dev.reaper.repomap.RepoMap;
import dev.reaper.router.ModelInfo;
import dev.reaper.router.ModelRef;
import dev.reaper.router.ProviderEndpoint;
import dev.reaper.router.Router;
import dev.reaper.store.SessionMeta;
import dev.reaper.store.UsageLedger;
import dev.reaper.tools.ToolContext;
import dev.reaper.tools.ToolFailure;
import dev.reaper.tools.ToolOutput;
import dev.reaper.tools.builtin.BashTool;
import dev.reaper.tui.Chooser;
import dev.reaper.tui.TuiServices;
import dev.reaper.tui.command.PromptCommands;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What the TUI gets from the rest of Reaper, over one booted {@link Reaper}. The configured providers'
 * live model lists are fetched once, in the background, when the TUI starts; until they arrive the
 * model picker offers the catalog.
 */
final class InteractiveServices implements TuiServices {

    /** The user's /map can be larger than the one in the system prompt. */
    static final int USER_MAP_TOKENS = 2048;

    private final Reaper app;
    private final OptionalInt maxTurns;
    private final OptionalDouble maxBudgetUsd;
    private final IgnoreRules ignore;
    private volatile Map<String, ProviderProbe.Result> live = Map.of();
    private final PromptCommands prompts;

    InteractiveServices(Reaper app, OptionalInt maxTurns, OptionalDouble maxBudgetUsd) {
        this.app = app;
        this.maxTurns = maxTurns;
        this.maxBudgetUsd = maxBudgetUsd;
        this.ignore = new IgnoreRules(app.workspace().root());
        this.prompts = new McpPromptCommands(app::mcpServers);
    }

    /** Starts fetching the configured providers' model lists. */
    void probeInBackground() {
        Thread.ofVirtual().name("reaper-probe").start(() -> {
            try {
                live = ProviderProbe.probe(configured(), Reaper.adapters());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // the catalog is offered alone
            }
        });
    }

    private List<ProviderEndpoint> configured() {
        return app.providers().all().stream().filter(app.providers()::isConfigured).toList();
    }

    @Override
    public Opened open(Optional<String> resumeId, Optional<String> model, Optional<PermissionMode> mode,
                       Approver approver, EventSink events) {
        SessionLauncher.Opened o = new SessionLauncher(app).open(new SessionOptions(model, mode, maxTurns,
                maxBudgetUsd, false, resumeId, approver, events));
        return new Opened(o.session(), o.resumed(), o.repairs());
    }

    @Override
    public String repoMap(String focus) throws IOException {
        RepoMap.Rendered map = app.repoMap().render(Focus.of(focus), USER_MAP_TOKENS, path -> true);
        return map.files() == 0 ? "The workspace has no source files to map." : map.text();
    }

    @Override
    public List<SessionMeta> sessions() {
        return app.sessions().list();
    }

    @Override
    public void deleteSession(String id) {
        app.sessions().delete(id);
    }

    @Override
    public List<String> modelIds() {
        Set<String> ids = new LinkedHashSet<>();
        Map<String, ProviderProbe.Result> known = live;
        for (ProviderEndpoint e : configured()) {
            app.catalog().ofProvider(e.name()).forEach(m -> ids.add(m.id()));
            ProviderProbe.Result r = known.get(e.name());
            if (r != null && r.ok()) {
                r.models().forEach(m -> ids.add(e.name() + "/" + m));
            }
        }
        return new ArrayList<>(ids);
    }

    @Override
    public Optional<ModelInfo> modelInfo(ModelRef model) {
        return app.catalog().find(model);
    }

    @Override
    public Router.Policy policy(String strategy) {
        return app.policy(strategy);
    }

    @Override
    public Router router() {
        return app.router();
    }

    @Override
    public UsageLedger ledger() {
        try {
            return app.ledger();
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public Path workspaceRoot() {
        return app.workspace().root();
    }

    @Override
    public Path configDir() {
        return app.paths().configDir();
    }

    @Override
    public Path stateDir() {
        return app.paths().stateDir();
    }

    @Override
    public IgnoreRules ignore() {
        return ignore;
    }

    @Override
    public OptionalDouble budgetLimit() {
        return maxBudgetUsd;
    }

    /** The user's own command: it runs with the user's environment, as in their shell. */
    @Override
    public String shell(String command, Cancellation cancel) {
        ToolContext context = new ToolContext(new WorkspaceBoundary(workspaceRoot(), List.of()), ignore, cancel,
                (path, before, after) -> { }, app.env().vars());
        try {
            ToolOutput out = new BashTool().run(Json.object().put("command", command), context);
            return out.text();
        } catch (ToolFailure e) {
            return e.getMessage();
        }
    }

    @Override
    public Optional<String> configuredTheme() {
        return text("theme");
    }

    @Override
    public PromptCommands promptCommands() {
        return prompts;
    }

    @Override
    public void chooser(Chooser chooser) {
        try {
            app.mcpServers().elicitation(new McpElicitationChoice(chooser));
        } catch (RuntimeException e) {
            // a bad MCP configuration is reported when the session starts its servers
        }
    }

    @Override
    public Optional<String> configuredKeymap() {
        return text("keymap");
    }

    /** Whether mouse reporting is on ({@code mouse = false} in config.toml turns it off). */
    boolean mouse() {
        return !app.config().raw().path("mouse").isBoolean() || app.config().raw().path("mouse").asBoolean();
    }

    private Optional<String> text(String key) {
        var n = app.config().raw().path(key);
        return n.isTextual() && !n.asText().isBlank() ? Optional.of(n.asText().strip()) : Optional.empty();
    }
}
