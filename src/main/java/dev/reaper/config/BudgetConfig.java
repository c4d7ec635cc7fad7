package dev.reaper.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Spending limits from {@code [budget]}: for every period ({@code daily}, {@code weekly}, {@code monthly})
 * a soft limit that warns and a hard limit that refuses, across all workspaces, and the same with a
 * {@code project_} prefix for the current workspace alone: {@code daily_hard_usd},
 * {@code project_monthly_soft_usd}, ...
 */
public record BudgetConfig(List<Period> periods) {

    public enum Span { DAILY, WEEKLY, MONTHLY }

    /** One period's limits; either may be absent. */
    public record Period(Span span, boolean project, OptionalDouble softUsd, OptionalDouble hardUsd) {

        /** As people say it: {@code daily}, {@code project monthly}. */
        public String name() {
            return (project ? "project " : "") + span.name().toLowerCase(Locale.ROOT);
        }
    }

    public BudgetConfig {
        periods = List.copyOf(periods);
    }

    public static final BudgetConfig NONE = new BudgetConfig(List.of());

    public static BudgetConfig of(Config c) {
        ConfigReader r = new ConfigReader(ConfigReader.originOf(c));
        JsonNode t = r.table(c.raw(), "budget");
        List<String> known = new ArrayList<>();
        List<Period> periods = new ArrayList<>();
        for (boolean project : new boolean[] {false, true}) {
            for (Span span : Span.values()) {
                String base = (project ? "project_" : "") + span.name().toLowerCase(Locale.ROOT);
                known.add(base + "_soft_usd");
                known.add(base + "_hard_usd");
                OptionalDouble soft = r.number(t, base + "_soft_usd", "budget");
                OptionalDouble hard = r.number(t, base + "_hard_usd", "budget");
                if (soft.isPresent() || hard.isPresent()) {
                    periods.add(new Period(span, project, soft, hard));
                }
            }
        }
        t.fieldNames().forEachRemaining(k -> {
            if (!known.contains(k)) {
                throw new ConfigException(r.origin() + ": unknown key budget." + k + " (use daily_hard_usd, weekly_soft_usd,"
                        + " monthly_hard_usd, project_daily_hard_usd and the like)");
            }
        });
        return new BudgetConfig(periods);
    }

    /**
     * These limits with hard ones from the command line on top ({@code --budget daily=5,project-monthly=40}).
     */
    public BudgetConfig withHardLimits(String spec) {
        List<Period> out = new ArrayList<>(periods);
        for (String part : spec.split(",")) {
            String p = part.strip();
            int eq = p.indexOf('=');
            if (eq < 0) {
                throw new ConfigException("--budget takes PERIOD=USD pairs, as in --budget daily=5,monthly=50; got '" + p + "'");
            }
            String name = p.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            boolean project = name.startsWith("project-") || name.startsWith("project_");
            String spanName = project ? name.substring("project-".length()) : name;
            Span span;
            double usd;
            try {
                span = Span.valueOf(spanName.toUpperCase(Locale.ROOT));
                usd = Double.parseDouble(p.substring(eq + 1).strip());
            } catch (IllegalArgumentException e) {
                throw new ConfigException("--budget: '" + p + "' is not PERIOD=USD with PERIOD one of daily, weekly,"
                        + " monthly, project-daily, project-weekly, project-monthly");
            }
            if (!(usd > 0)) {
                throw new ConfigException("--budget: the limit in '" + p + "' must be more than 0");
            }
            OptionalDouble soft = out.stream().filter(x -> x.span() == span && x.project() == project).findFirst()
                    .map(Period::softUsd).orElse(OptionalDouble.empty());
            out.removeIf(x -> x.span() == span && x.project() == project);
            out.add(new Period(span, project, soft, OptionalDouble.of(usd)));
        }
        return new BudgetConfig(out);
    }
}
