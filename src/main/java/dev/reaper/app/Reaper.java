package dev.reaper.app;

import dev.reaper.config.Config;
import dev.reaper.config.ConfigLoader;
import dev.reaper.config.Env;
import dev.reaper.config.ModelOverride;
import dev.reaper.config.Paths;
import dev.reaper.context.Workspace;
import dev.reaper.providers.anthropic.AnthropicAdapter;
import dev.reaper.providers.gemini.GeminiAdapter;
import dev.reaper.providers.ollama.OllamaAdapter;
import dev.reaper.providers.openai.ChatCompletionsAdapter;
import dev.reaper.router.HttpProviderClient;
import dev.reaper.router.ModelCatalog;
import dev.reaper.router.ModelInfo;
import dev.reaper.router.ModelRef;
import dev.reaper.router.Pricing;
import dev.reaper.router.ProviderAdapter;
import dev.reaper.router.RetryPolicy;
import dev.reaper.router.Router;
import dev.reaper.router.Sleeper;
import dev.reaper.store.SessionStore;
import dev.reaper.store.UsageLedger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
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
    private final Clock clock;
    private Providers providers;
    private ModelCatalog catalog;
    private Router router;
    private UsageLedger ledger;
    private Sleeper sleeper = Sleeper.REAL;

    private Reaper(Env env, Paths paths, Workspace workspace, Config config, Clock clock) {
        this.env = env;
        this.paths = paths;
        this.workspace = workspace;
        this.config = config;
        this.clock = clock;
    }

    /** Reads the environment, finds the workspace above {@code cwd} and loads its configuration. */
    public static Reaper boot(Env env, Path cwd, Clock clock) {
        Paths paths = Paths.from(env);
        Workspace workspace = Workspace.detect(cwd);
        Config config = ConfigLoader.load(paths.userConfigFile(), workspace.root().resolve(".reaper/config.toml"));
        return new Reaper(env, paths, workspace, config, clock);
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

    public synchronized Providers providers() {
        if (providers == null) {
            providers = new Providers(config, env);
        }
        return providers;
    }

    public synchronized ModelCatalog catalog() {
        if (catalog == null) {
            Map<String, ModelInfo> overrides = new LinkedHashMap<>();
            ModelCatalog shipped = ModelCatalog.load(Map.of());
            for (Map.Entry<String, ModelOverride> e : config.models().entrySet()) {
                ModelRef ref = ModelRef.parse(e.getKey());
                Optional<ModelInfo> base = shipped.find(ref);
                ModelOverride o = e.getValue();
                Optional<Pricing> basePrice = base.flatMap(ModelInfo::pricing);
                Optional<Pricing> price = o.inputPrice().isPresent() || o.outputPrice().isPresent() || basePrice.isPresent()
                        ? Optional.of(new Pricing(
                                o.inputPrice().orElse(basePrice.map(Pricing::input).orElse(0.0)),
                                o.outputPrice().orElse(basePrice.map(Pricing::output).orElse(0.0)),
                                o.cacheReadPrice().orElse(basePrice.map(Pricing::cacheRead).orElse(o.inputPrice().orElse(0.0))),
                                o.cacheWritePrice().orElse(basePrice.map(Pricing::cacheWrite).orElse(o.inputPrice().orElse(0.0)))))
                        : Optional.empty();
                overrides.put(ref.toString(), new ModelInfo(ref.toString(),
                        o.contextWindow().orElse(base.map(ModelInfo::contextWindow).orElse(0L)),
                        o.maxOutput().orElse(base.map(ModelInfo::maxOutput).orElse(0L)), price,
                        base.map(ModelInfo::toolCalls).orElse(true), base.map(ModelInfo::reasoning).orElse(false),
                        base.map(ModelInfo::vision).orElse(false)));
            }
            catalog = overrides.isEmpty() ? shipped : ModelCatalog.load(overrides);
        }
        return catalog;
    }

    public static Map<String, ProviderAdapter> adapters() {
        Map<String, ProviderAdapter> m = new LinkedHashMap<>();
        for (ProviderAdapter a : List.of(new AnthropicAdapter(), new ChatCompletionsAdapter(), new GeminiAdapter(),
                new OllamaAdapter())) {
            m.put(a.wireApi(), a);
        }
        return m;
    }

    public synchronized Router router() {
        if (router == null) {
            router = new Router(adapters(), providers(), new HttpProviderClient(), catalog(), RetryPolicy.DEFAULT,
                    sleeper, RandomGenerator.getDefault());
        }
        return router;
    }

    public SessionStore sessions() {
        return new SessionStore(paths.sessionsDir(), clock);
    }

    public synchronized UsageLedger ledger() {
        if (ledger == null) {
            ledger = UsageLedger.open(paths.ledgerFile(), ZoneId.systemDefault());
        }
        return ledger;
    }

    @Override
    public synchronized void close() {
        if (ledger != null) {
            ledger.close();
        }
    }
}
