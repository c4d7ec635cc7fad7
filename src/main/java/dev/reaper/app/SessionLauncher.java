package dev.reaper.app;

import dev.reaper.agent.Session;
import dev.reaper.agent.SessionSettings;
import dev.reaper.agent.SystemPrompt;
import dev.reaper.agent.ToolExecutor;
import dev.reaper.config.ConfigException;
import dev.reaper.context.IgnoreRules;
import dev.reaper.context.Instructions;
import dev.reaper.git.GitSummary;
import dev.reaper.policy.PermissionMode;
import dev.reaper.policy.PermissionRules;
import dev.reaper.policy.WorkspaceBoundary;
import dev.reaper.protocol.Event;
import dev.reaper.protocol.Message;
import dev.reaper.router.BudgetGuard;
import dev.reaper.router.ModelInfo;
import dev.reaper.router.ModelRef;
import dev.reaper.store.SessionMeta;
import dev.reaper.store.ProjectApprovals;
import dev.reaper.store.SessionStore;
import dev.reaper.store.Transcript;
import dev.reaper.lsp.EditDiagnostics;
import dev.reaper.lsp.LanguageServers;
import dev.reaper.lsp.LspTools;
import dev.reaper.mcp.McpServers;
import dev.reaper.tools.Tool;
import dev.reaper.tools.ToolRegistry;
import dev.reaper.tools.builtin.BuiltinTools;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Opens a new or resumed session with everything it runs with: models, prompt, tools, rules, budget. */
public final class SessionLauncher {

    static final int DEFAULT_MAX_OUTPUT = 8192;
    /** Files looked at, at most, for one a language server would handle. */
    static final int LSP_PROBE_FILES = 20_000;
    static final int MAX_OUTPUT_CAP = 32_000;

    private final Reaper app;

    public SessionLauncher(Reaper app) {
        this.app = app;
    }

    /** An opened session and how it was opened. */
    public record Opened(Session session, boolean resumed, List<String> repairs, List<ModelRef> candidates,
                         PermissionMode mode) {}

    /**
     * What a session for one of Reaper's own tasks (a code review) runs with instead of the defaults: its
     * system prompt, its tools, and the budget it spends from.
     */
    public record Task(String systemPrompt, List<dev.reaper.tools.Tool> tools, BudgetGuard budget,
                       boolean withLanguageServers) {}

    public Opened open(SessionOptions options) {
        return open(options, null);
    }

    /** Opens a new session for a task, with the task's prompt, tools and budget. */
    public Opened openTask(SessionOptions options, Task task) {
        return open(options, task);
    }

    private Opened open(SessionOptions options, Task task) {
        var config = app.config();
        List<ModelRef> candidates = ModelSelection.candidates(options.model(), config, app.providers());
        PermissionMode mode = options.permissionMode().orElseGet(() -> config.permissionMode()
                .map(m -> {
                    try {
                        return PermissionMode.parse(m);
                    } catch (IllegalArgumentException e) {
                        throw new ConfigException("permission_mode in config.toml: " + e.getMessage());
                    }
                }).orElse(PermissionMode.DEFAULT));
        Path root = app.workspace().root();
        ProjectApprovals approvals = new ProjectApprovals(app.paths().stateDir(), root);
        PermissionRules rules;
        try {
            rules = PermissionRules.parse(config.permissions().allow(), config.permissions().ask(),
                    config.permissions().deny());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("[permissions] in config.toml: " + e.getMessage());
        }
        try {
            rules = rules.plus(PermissionRules.parse(approvals.rules(), List.of(), List.of()));
        } catch (IllegalArgumentException e) {
            options.events().emit(new Event.Notice(Event.NoticeKind.WARNING, "ignored remembered approvals: "
                    + e.getMessage()));
        }
        WorkspaceBoundary boundary = new WorkspaceBoundary(root, config.permissions().additionalDirectories().stream()
                .map(p -> p.isAbsolute() ? p : root.resolve(p)).toList());
        Supplier<String> prompt;
        if (task != null) {
            prompt = task::systemPrompt;
        } else {
            Supplier<Optional<String>> git = app.workspace().isGitRepository() ? GitSummary.start(root) : Optional::empty;
            List<Instructions.Source> instructions = Instructions.load(app.workspace(), app.paths().configDir());
            LocalDate today = LocalDate.now(app.clock());
            prompt = () -> SystemPrompt.build(app.workspace(), mode, instructions, today, git.get());
        }

        SessionStore store = app.sessions();
        Transcript transcript;
        List<Message> history = List.of();
        List<String> repairs = List.of();
        boolean resumed = false;
        Optional<String> resumeId = options.resumeId();
        if (resumeId.isEmpty() && options.continueLatest()) {
            Optional<SessionMeta> latest = store.latest(root.toString());
            if (latest.isPresent()) {
                resumeId = Optional.of(latest.get().id());
            } else {
                options.events().emit(new Event.Notice(Event.NoticeKind.INFO,
                        "no earlier session in " + root + "; starting a new one"));
            }
        }
        if (resumeId.isPresent()) {
            String given = resumeId.get();
            String id = store.resolve(given).orElseThrow(() -> new UserInputException("no session '" + given
                    + "': see reaper sessions list"));
            SessionStore.Loaded loaded = store.load(id);
            history = loaded.messages();
            repairs = loaded.repairs();
            transcript = store.reopen(id);
            resumed = true;
        } else {
            transcript = store.create(root.toString(), candidates.get(0).toString());
        }
        BudgetGuard budget = task != null ? task.budget() : app.budgets().child(options.maxBudgetUsd().isPresent()
                ? options.maxBudgetUsd().getAsDouble() : Double.POSITIVE_INFINITY);
        app.onBudgetWarning(w -> options.events().emit(new Event.Notice(Event.NoticeKind.WARNING, w)));
        LanguageServers servers = app.languageServers();
        List<Tool> offered = new ArrayList<>(task != null ? task.tools() : BuiltinTools.all(app::repoMap));
        if ((task == null || task.withLanguageServers()) && servers.usefulIn(new IgnoreRules(root), LSP_PROBE_FILES)) {
            offered.addAll(LspTools.all(servers));
        }
        Supplier<List<Tool>> external = List::of;
        if (task == null) {
            McpServers mcp = app.mcpServers();
            mcp.tools(notice -> options.events().emit(new Event.Notice(Event.NoticeKind.WARNING, notice)));
            external = mcp::current;
        }
        ToolRegistry tools = new ToolRegistry(offered, external);
        ToolExecutor executor = new ToolExecutor(tools, mode, rules, options.approver(), options.events(),
                approvals::remember, new EditDiagnostics(servers));
        int maxTurns = options.maxTurns().orElse(config.maxTurns().orElse(0));
        long window = app.catalog().find(candidates.get(0)).map(ModelInfo::contextWindow).orElse(0L);
        SessionSettings settings = new SessionSettings(candidates, maxTurns, maxOutput(candidates.get(0)), prompt,
                boundary, new IgnoreRules(root), app.commandEnvironment(), window, task != null ? dev.reaper.agent.PromptSection.NONE
                        : StartMap.start(root, app.env().get("HOME").map(Path::of), app::repoMap, executor::mayRead));
        Session session = new Session(app::router, tools, executor, settings, transcript,
                () -> ledgerOrNull(options.events()), budget, options.events(), app.clock(), history);
        return new Opened(session, resumed, repairs, candidates, mode);
    }

    /**
     * The usage ledger, or null (with a warning, once) when it cannot be opened: a run is not worth less
     * for it.
     */
    private dev.reaper.store.UsageLedger ledgerOrNull(dev.reaper.agent.EventSink events) {
        try {
            return app.ledger();
        } catch (RuntimeException e) {
            if (!ledgerWarned) {
                ledgerWarned = true;
                events.emit(new Event.Notice(Event.NoticeKind.WARNING, "usage will not be recorded: " + e.getMessage()));
            }
            return null;
        }
    }

    private volatile boolean ledgerWarned;

    private int maxOutput(ModelRef model) {
        if (app.config().maxOutputTokens().isPresent()) {
            return app.config().maxOutputTokens().get();
        }
        long known = app.catalog().find(model).map(ModelInfo::maxOutput).orElse(0L);
        return known > 0 ? (int) Math.min(known, MAX_OUTPUT_CAP) : DEFAULT_MAX_OUTPUT;
    }
}
