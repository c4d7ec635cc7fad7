package dev.reaper.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How the router spreads requests over candidate models: the top-level {@code strategy} key and the
 * {@code [router]} table.
 *
 * @param strategy         {@code single}, {@code cascade}, {@code race}, {@code speculate} or {@code merge}
 * @param selectors        selectors that order candidates, in the order they apply
 * @param raceWidth        how many candidates a race starts (2 or 3)
 * @param atOnce           how many candidates {@code speculate} and {@code merge} ask
 * @param deadline         how long {@code speculate} and {@code merge} wait for the slower candidates
 * @param judgeModel       the model that judges {@code speculate}'s answers; rules when empty
 * @param mergeModel       the model that writes {@code merge}'s answer; the first candidate when empty
 * @param hedge            start a second candidate when the first is slower than its p95 time to first token
 * @param hedgeAfter       when to hedge while a model's p95 is not yet measured
 * @param breakerFailures  consecutive failures that open a model's circuit breaker
 * @param breakerCoolDown  how long an open breaker keeps the model out
 */
public record RoutingConfig(String strategy, List<String> selectors, int raceWidth, int atOnce, Duration deadline,
                            Optional<String> judgeModel, Optional<String> mergeModel, boolean hedge,
                            Duration hedgeAfter, int breakerFailures, Duration breakerCoolDown) {

    public static final List<String> STRATEGIES = List.of("single", "cascade", "race", "speculate", "merge");
    public static final List<String> SELECTORS = List.of("intent", "cost", "latency", "sticky");

    public RoutingConfig {
        selectors = List.copyOf(selectors);
    }

    public static RoutingConfig of(Config c) {
        ConfigReader r = new ConfigReader(ConfigReader.originOf(c));
        JsonNode root = c.raw();
        String strategy = r.choice(root, "strategy", STRATEGIES).orElse("cascade");
        JsonNode t = r.table(root, "router");
        List<String> selectors = r.strings(t, "router.selectors");
        for (String s : selectors) {
            if (!SELECTORS.contains(s)) {
                throw new ConfigException(r.origin() + ": router.selectors has \"" + s + "\"; use any of "
                        + String.join(", ", SELECTORS));
            }
        }
        int width = r.integer(t, "router.race_width").orElse(2);
        if (width < 2 || width > 3) {
            throw new ConfigException(r.origin() + ": router.race_width must be 2 or 3");
        }
        int atOnce = r.integer(t, "router.candidates_at_once").orElse(3);
        if (atOnce < 2) {
            throw new ConfigException(r.origin() + ": router.candidates_at_once must be at least 2");
        }
        int failures = r.integer(t, "router.breaker_failures").orElse(3);
        if (failures < 1) {
            throw new ConfigException(r.origin() + ": router.breaker_failures must be at least 1");
        }
        return new RoutingConfig(strategy, selectors, width, atOnce,
                Duration.ofMillis(r.integer(t, "router.deadline_ms").orElse(120_000)),
                r.string(t, "judge_model", "router"), r.string(t, "merge_model", "router"),
                r.bool(t, "router.hedge").orElse(false),
                Duration.ofMillis(r.integer(t, "router.hedge_after_ms").orElse(3_000)),
                failures, Duration.ofMillis(r.integer(t, "router.breaker_cooldown_ms").orElse(30_000)));
    }

    /** The same settings with the strategy (and hedging) a command line or session asked for. */
    public RoutingConfig with(Optional<String> strategy, Optional<Boolean> hedge) {
        strategy.ifPresent(s -> {
            if (!STRATEGIES.contains(s)) {
                throw new ConfigException("unknown strategy '" + s + "': use one of " + String.join(", ", STRATEGIES));
            }
        });
        return new RoutingConfig(strategy.orElse(this.strategy), selectors, raceWidth, atOnce, deadline, judgeModel,
                mergeModel, hedge.orElse(this.hedge), hedgeAfter, breakerFailures, breakerCoolDown);
    }
}
