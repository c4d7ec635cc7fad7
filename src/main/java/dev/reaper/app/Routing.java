package dev.reaper.app;

import dev.reaper.config.ConfigException;
import dev.reaper.config.RoutingConfig;
import dev.reaper.router.Cascade;
import dev.reaper.router.LatencyStats;
import dev.reaper.router.ModelCatalog;
import dev.reaper.router.ModelRef;
import dev.reaper.router.ProviderEndpoint;
import dev.reaper.router.Router;
import dev.reaper.router.Selector;
import dev.reaper.router.Strategy;
import dev.reaper.router.select.CostSelector;
import dev.reaper.router.select.IntentSelector;
import dev.reaper.router.select.LatencySelector;
import dev.reaper.router.select.StickySelector;
import dev.reaper.router.strategy.JudgeScorer;
import dev.reaper.router.strategy.Merge;
import dev.reaper.router.strategy.Race;
import dev.reaper.router.strategy.RuleScorer;
import dev.reaper.router.strategy.Single;
import dev.reaper.router.strategy.Speculate;
import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Builds the router's policy (strategy and selectors) from the routing settings. */
final class Routing {

    private final ModelCatalog catalog;
    private final LatencyStats latency;
    private final Providers providers;
    private final StickySelector sticky = new StickySelector();

    Routing(ModelCatalog catalog, LatencyStats latency, Providers providers) {
        this.catalog = catalog;
        this.latency = latency;
        this.providers = providers;
    }

    Router.Policy policy(RoutingConfig rc) {
        List<Selector> selectors = new ArrayList<>();
        Predicate<ModelRef> local = this::isLocal;
        for (String name : rc.selectors()) {
            selectors.add(switch (name) {
                case "intent" -> new IntentSelector(catalog);
                case "cost" -> new CostSelector(catalog, local);
                case "latency" -> new LatencySelector(latency, local);
                case "sticky" -> sticky;
                default -> throw new ConfigException("unknown selector '" + name + "': use any of "
                        + String.join(", ", RoutingConfig.SELECTORS));
            });
        }
        return new Router.Policy(strategy(rc), selectors);
    }

    static Strategy strategy(RoutingConfig rc) {
        return switch (rc.strategy()) {
            case "single" -> rc.hedge() ? Race.hedged(rc.hedgeAfter()) : new Single();
            case "cascade" -> rc.hedge() ? Race.hedged(rc.hedgeAfter()) : Cascade.INSTANCE;
            case "race" -> Race.of(rc.raceWidth());
            case "speculate" -> new Speculate(rc.atOnce(), rc.deadline(),
                    rc.judgeModel().<dev.reaper.router.strategy.Scorer>map(m -> new JudgeScorer(parse(m, "judge_model")))
                            .orElseGet(RuleScorer::new));
            case "merge" -> new Merge(rc.atOnce(), rc.deadline(), rc.mergeModel().map(m -> parse(m, "merge_model")));
            default -> throw new ConfigException("unknown strategy '" + rc.strategy() + "': use one of "
                    + String.join(", ", RoutingConfig.STRATEGIES));
        };
    }

    private static ModelRef parse(String model, String key) {
        try {
            return ModelRef.parse(model);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("router." + key + ": " + e.getMessage());
        }
    }

    /** A model served on this machine or the local network: Ollama, or an endpoint at a private address. */
    boolean isLocal(ModelRef model) {
        return providers.find(model.provider()).map(Routing::isLocal).orElse(false);
    }

    static boolean isLocal(ProviderEndpoint e) {
        if (e.wireApi().equals("ollama")) {
            return true;
        }
        try {
            String host = URI.create(e.baseUrl()).getHost();
            if (host == null) {
                return false;
            }
            if (host.equals("localhost") || host.endsWith(".local")) {
                return true;
            }
            // only literal addresses: a name lookup per request would cost more than it tells
            if (!host.matches("[0-9.]+|\\[?[0-9a-fA-F:]+]?")) {
                return false;
            }
            InetAddress a = InetAddress.getByName(host);
            return a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress();
        } catch (IllegalArgumentException | java.net.UnknownHostException ex) {
            return false;
        }
    }
}
