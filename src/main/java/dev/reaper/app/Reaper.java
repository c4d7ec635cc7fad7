package dev.reaper.app;

import dev.reaper.config.Config;
import dev.reaper.config.ConfigLoader;
import dev.reaper.config.Env;
import dev.reaper.config.Paths;
import dev.reaper.config.WorkspaceTrust;
import dev.reaper.context.IgnoreRules;
import dev.reaper.context.Workspace;
import dev.reaper.providers.anthropic.AnthropicAdapter;
import dev.reaper.providers.bedrock.BedrockAdapter;
import dev.reaper.providers.gemini.GeminiAdapter;
import dev.reaper.providers.ollama.OllamaAdapter;
import dev.reaper.providers.openai.AzureOpenAiAdapter;
import dev.reaper.providers.openai.ChatCompletionsAdapter;
import dev.reaper.providers.openai.ResponsesAdapter;
import dev.reaper.providers.vertex.VertexAdapter;
import dev.reaper.repomap.RepoMap;
import dev.reaper.router.HttpProviderClient;
import dev.reaper.router.ModelCatalog;
import dev.reaper.router.ProviderAdapter;
import dev.reaper.router.RetryPolicy;
import dev.reaper.router.Router;
import dev.reaper.router.ModelRef;
import dev.reaper.router.CircuitBreakers;
import dev.reaper.router.LatencyStats;
import dev.reaper.config.RoutingConfig;
import dev.reaper.config.BudgetConfig;
import dev.reaper.config.CacheConfig;
import dev.reaper.router.Caching;
import dev.reaper.store.SqliteResponseCache;
import dev.reaper.router.BudgetGuard;
import java.time.LocalDate;
import dev.reaper.router.Sleeper;
import dev.reaper.store.SessionStore;
import dev.reaper.store.UsageLedger;
import dev.reaper.config.LspConfig;
import dev.reaper.lsp.LanguageServers;
import dev.reaper.lsp.ServerFinder;
import dev.reaper.config.McpConfig;
import dev.reaper.mcp.McpServers;
import dev.reaper.mcp.client.McpClient;
import java.time.Duration;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The one place concrete classes are wired together: environment, paths, workspace and configuration
 * are read once; the router, stores and sessions are built from them on demand.
 */
public final class Reaper implements AutoCloseable {

    private final Env env;
    private final Paths paths;
    private final Workspace workspace;
    private final Config config;
    private final boolean trusted;
    private final Clock clock;
    private final Lazy<Providers> providers;
    private final Lazy<ModelCatalog> catalog;
    private final Lazy<Router> router;
    private final Lazy<UsageLedger> ledger;
    private final Lazy<RepoMap> repoMap;
    private volatile Sleeper sleeper = Sleeper.REAL;
    private volatile Thread warmUp;
    private volatile RoutingConfig routing;
    private volatile BudgetGuard budgets;
    private volatile boolean cacheFlag;
    private volatile SqliteResponseCache responseCache;
    private volatile String budgetFlags;
    private volatile java.util.function.Consumer<String> budgetWarnings = w -> { };
    private final LatencyStats latency = new LatencyStats();
    private final Lazy<Routing> policies;
    private final Lazy<LanguageServers> languageServers;
    private final Lazy<McpServers> mcpServers;

    private Reaper(Env env, Paths paths, Workspace workspace, Config config, boolean trusted, Clock clock) {
        this.env = env;
        this.paths = paths;
        this.workspace = workspace;
        this.config = config;
        this.trusted = trusted;
        this.clock = clock;
        this.providers = new Lazy<>(() -> new Providers(config, env));
        this.catalog = new Lazy<>(this::buildCatalog);
        this.router = new Lazy<>(this::buildRouter);
        this.ledger = new Lazy<>(() -> UsageLedger.open(paths.ledgerFile(), ZoneId.systemDefault()));
        this.repoMap = new Lazy<>(() -> RepoMap.open(workspace.root(), new IgnoreRules(workspace.root()),
                paths.cacheDir()));
        this.policies = new Lazy<>(() -> new Routing(catalog(), latency, providers()));
        this.languageServers = new Lazy<>(this::buildLanguageServers);
        this.mcpServers = new Lazy<>(this::buildMcpServers);
    }

    private Router buildRouter() {
        RoutingConfig rc = routing();
        Router r = new Router(adapters(), providers(), new HttpProviderClient(), catalog(), RetryPolicy.DEFAULT,
                (d, c) -> sleeper.sleep(d, c), RandomGenerator.getDefault(), policies.get().policy(rc),
                new CircuitBreakers(rc.breakerFailures(), rc.breakerCoolDown(), clock), latency);
        CacheConfig cc = cacheConfig();
        if (cc.exact() || cc.dedupe() || cc.semanticModel().isPresent()) {
            java.util.Optional<dev.reaper.router.ResponseCache> store = java.util.Optional.empty();
            if (cc.exact() || cc.semanticModel().isPresent()) {
                try {
                    responseCache = SqliteResponseCache.open(paths.cacheDir().resolve("responses.db"), cc.ttl(), clock);
                    store = cc.exact() ? java.util.Optional.of(responseCache) : java.util.Optional.empty();
                } catch (RuntimeException e) {
                    java.util.logging.Logger.getLogger(Reaper.class.getName()).warning(
                            "the response cache is off for this run: " + e.getMessage());
                }
            }
            java.util.Optional<Caching.Semantic> semantic = java.util.Optional.empty();
            if (cc.semanticModel().isPresent() && responseCache != null) {
                ModelRef embeddings = ModelRef.parse(cc.semanticModel().get()); // checked by CacheConfig
                semantic = java.util.Optional.of(new Caching.Semantic(responseCache,
                        text -> r.embed(embeddings, text, java.time.Duration.ofSeconds(10)), cc.similarity()));
            }
            r.withCaching(new Caching(store, cc.dedupe(), semantic));
        }
        return r;
    }

    private CacheConfig cacheConfig() {
        CacheConfig cc = CacheConfig.of(config);
        return cacheFlag ? cc.withExact() : cc;
    }

    /** Turns the response cache on for this run ({@code --cache}); must come before the first request. */
    public Reaper withCache() {
        this.cacheFlag = true;
        return this;
    }

    /** The routing settings: config.toml's, with any override from the command line. */
    public RoutingConfig routing() {
        RoutingConfig rc = routing;
        if (rc == null) {
            rc = RoutingConfig.of(config);
            routing = rc;
        }
        return rc;
    }

    /**
     * Overrides the strategy and hedging for this run ({@code --strategy}, {@code --hedge}); must come
     * before the first request.
     */
    public Reaper routeWith(Optional<String> strategy, Optional<Boolean> hedge) {
        this.routing = routing().with(strategy, hedge);
        cacheConfig(); // a bad [cache] fails now, before anything is sent
        budgetConfig();
        return this;
    }

    /**
     * The process's period budgets ({@code [budget]} and {@code --budget}), under which every session's
     * guard is made; built on first use, reading what each period has already spent from the ledger.
     */
    public BudgetGuard budgets() {
        BudgetGuard b = budgets;
        if (b == null) {
            synchronized (this) {
                b = budgets;
                if (b == null) {
                    BudgetConfig bc = budgetConfig();
                    UsageLedger l = null;
                    if (!bc.periods().isEmpty()) {
                        try {
                            l = ledger();
                        } catch (RuntimeException e) {
                            l = null;
                        }
                    }
                    b = Budgets.guard(bc, l, workspace.root().toString(), clock,
                            w -> budgetWarnings.accept(w));
                    budgets = b;
                }
            }
        }
        return b;
    }

    /** Where soft-budget warnings go: the session opened last says them to its user. */
    public void onBudgetWarning(java.util.function.Consumer<String> sink) {
        this.budgetWarnings = sink;
    }

    private BudgetConfig budgetConfig() {
        BudgetConfig bc = BudgetConfig.of(config);
        return budgetFlags == null ? bc : bc.withHardLimits(budgetFlags);
    }

    /** Hard period limits from the command line ({@code --budget daily=5}); must come before the first request. */
    public Reaper withBudgets(String spec) {
        this.budgetFlags = spec;
        budgetConfig(); // a bad spec fails now, before anything is sent
        return this;
    }

    /** A policy with another strategy, for a session that switches ({@code /strategy}). */
    public Router.Policy policy(String strategy) {
        return policies.get().policy(routing().with(Optional.of(strategy), Optional.empty()));
    }

    /** Reads the environment, finds the workspace above {@code cwd} and loads its configuration. */
    public static Reaper boot(Env env, Path cwd, Clock clock) {
        Paths paths = Paths.from(env);
        Workspace workspace = Workspace.detect(cwd);
        boolean trusted = new WorkspaceTrust(paths.stateDir()).isTrusted(workspace.root());
        Config config = ConfigLoader.load(paths.userConfigFile(), workspace.root().resolve(".reaper/config.toml"),
                trusted);
        return new Reaper(env, paths, workspace, config, trusted, clock);
    }

    public Env env() {
        return env;
    }

    public Paths paths() {
        return paths;
    }

    public Workspace workspace() {
        return workspace;
    }

    public Config config() {
        return config;
    }

    public Clock clock() {
        return clock;
    }

    /** For tests: how the router waits between retries. */
    public Reaper withSleeper(Sleeper s) {
        this.sleeper = s;
        return this;
    }

    public Providers providers() {
        return providers.get();
    }

    public ModelCatalog catalog() {
        return catalog.get();
    }

    private ModelCatalog buildCatalog() {
        return CatalogOverrides.apply(ModelCatalog.load(Map.of()), config.models());
    }

    public static Map<String, ProviderAdapter> adapters() {
        Map<String, ProviderAdapter> m = new LinkedHashMap<>();
        for (ProviderAdapter a : List.of(
                new AnthropicAdapter(),
                new ChatCompletionsAdapter(),
                new ResponsesAdapter(),
                new GeminiAdapter(),
                new OllamaAdapter(),
                new AzureOpenAiAdapter(),
                ResponsesAdapter.azure(),
                new BedrockAdapter(),
                new VertexAdapter())) {
            m.put(a.wireApi(), a);
        }
        return m;
    }

    public Router router() {
        return router.get();
    }

    /**
     * The workspace's language servers, none started yet. Programs are looked for in REAPER_PEERS_DIR's
     * {@code node_modules/.bin}, then, when the workspace is trusted, its own {@code .peers/node_modules/.bin}
     * (a cloned repository could ship anything there), then on PATH. A bad {@code [lsp]} table fails here.
     */
    public LanguageServers languageServers() {
        return languageServers.get();
    }

    private LanguageServers buildLanguageServers() {
        Path root = workspace.root();
        try {
            root = root.toRealPath();
        } catch (IOException e) {
            // a root that cannot be resolved is used as it is
        }
        List<Path> first = new ArrayList<>();
        env.get("REAPER_PEERS_DIR").ifPresent(dir -> first.add(Path.of(dir, "node_modules", ".bin")));
        if (trusted) {
            first.add(root.resolve(".peers/node_modules/.bin"));
        }
        return new LanguageServers(root, LspConfig.of(config), new ServerFinder(root, first, env.get("PATH").orElse("")),
                commandEnvironment(), LanguageServers.Timeouts.DEFAULT);
    }

    /**
     * The workspace's MCP servers, none started yet: the user's mcp.json, {@code [mcp_servers]} in config.toml
     * and, when the workspace is trusted, its {@code .mcp.json} (see {@link McpConfig}). A bad entry fails here.
     */
    public McpServers mcpServers() {
        return mcpServers.get();
    }

    /** Which servers are configured, and what was ignored, without starting any. */
    public McpConfig mcpConfig() {
        return McpConfig.load(config, paths.configDir().resolve("mcp.json"), workspace.root().resolve(".mcp.json"),
                trusted);
    }

    private McpServers buildMcpServers() {
        Path root = workspace.root();
        try {
            root = root.toRealPath();
        } catch (IOException e) {
            // a root that cannot be resolved is used as it is
        }
        String version = Optional.ofNullable(Reaper.class.getPackage().getImplementationVersion()).orElse("dev");
        return new McpServers(mcpConfig(), root, commandEnvironment(), McpClient.Timeouts.DEFAULT,
                Duration.ofSeconds(2), version);
    }

    /** Credentials of providers Reaper may use, besides the configured key variables. */
    private static final List<String> OTHER_CREDENTIALS = List.of("AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
            "AZURE_OPENAI_API_KEY", "GOOGLE_APPLICATION_CREDENTIALS");

    /**
     * The environment for commands the agent runs and language servers: Reaper's own, minus the provider
     * credentials, so a command printing its environment does not show them. (A hostile command can still
     * read them from the parent process: approval, not this, is the protection.)
     */
    public Map<String, String> commandEnvironment() {
        Map<String, String> vars = new HashMap<>(env.vars());
        providers().keyVariables().forEach(vars::remove);
        OTHER_CREDENTIALS.forEach(vars::remove);
        return vars;
    }

    public SessionStore sessions() {
        return new SessionStore(paths.sessionsDir(), clock);
    }

    public UsageLedger ledger() {
        return ledger.get();
    }

    /** The workspace's repo map, shared by the sessions of this run; opened on first use. */
    public RepoMap repoMap() {
        return repoMap.get();
    }

    /**
     * Starts building the HTTP client (TLS set-up) and opening the usage ledger (native SQLite) in the
     * background, so they are ready by the time the first request goes out instead of delaying it.
     */
    public void warmUp() {
        warmUp = Thread.ofVirtual().name("reaper-warm-up").start(() -> {
            try {
                catalog();
                router();
                ledger();
            } catch (RuntimeException e) {
                // the same failure will surface, with its message, where the object is really needed
            }
        });
    }

    /**
     * Stops the language and MCP servers, waits for a warm-up still running (it may be opening the ledger),
     * then closes the ledger; stops a repo map refresh under way.
     */
    @Override
    public void close() {
        if (languageServers.isBuilt()) {
            languageServers.get().close();
        }
        if (mcpServers.isBuilt()) {
            mcpServers.get().close();
        }
        Thread t = warmUp;
        if (t != null) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (responseCache != null) {
            responseCache.close();
        }
        if (ledger.isBuilt()) {
            ledger.get().close();
        }
        repoMap.close(RepoMap::close);
    }
}
