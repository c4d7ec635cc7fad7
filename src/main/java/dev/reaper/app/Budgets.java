package dev.reaper.app;

import dev.reaper.config.BudgetConfig;
import dev.reaper.router.BudgetGuard;
import dev.reaper.store.UsageLedger;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Consumer;

/**
 * The process's spending limits per day, week (from Monday) and month, across workspaces and for this
 * one, as one {@link BudgetGuard} that every session's guard hangs under. What each period had already
 * spent is read from the usage ledger once, when the guard is built; from then on the guard counts.
 */
final class Budgets {

    private Budgets() {}

    /**
     * @param ledger   the usage ledger, or null when it cannot be read (the periods then count from zero,
     *                 which {@code warn} is told)
     */
    static BudgetGuard guard(BudgetConfig config, UsageLedger ledger, String workspace, java.time.Clock clock,
                             Consumer<String> warn) {
        if (config.periods().isEmpty()) {
            return BudgetGuard.unlimited();
        }
        if (ledger == null) {
            warn.accept("the usage ledger cannot be read: budgets count from zero for this run");
        }
        LocalDate[] day = {LocalDate.now(clock)};
        // a session running past midnight (or into a new week or month) starts the new periods afresh
        BudgetGuard.Rollover rollover = () -> {
            LocalDate today = LocalDate.now(clock);
            if (today.equals(day[0])) {
                return java.util.Optional.empty();
            }
            day[0] = today;
            return java.util.Optional.of(limits(config, ledger, workspace, today));
        };
        return BudgetGuard.of(limits(config, ledger, workspace, day[0]), warn, rollover);
    }

    static List<BudgetGuard.Limit> limits(BudgetConfig config, UsageLedger ledger, String workspace, LocalDate today) {
        List<BudgetGuard.Limit> limits = new ArrayList<>();
        for (BudgetConfig.Period p : config.periods()) {
            LocalDate start = switch (p.span()) {
                case DAILY -> today;
                case WEEKLY -> today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                case MONTHLY -> today.withDayOfMonth(1);
            };
            double spent = 0;
            try {
                spent = ledger == null ? 0 : ledger.spentSince(start.toString(), p.project() ? workspace : null);
            } catch (RuntimeException e) {
                // an unreadable ledger counts from zero, as when it cannot be opened
            }
            limits.add(new BudgetGuard.Limit(p.name(), orInfinity(p.hardUsd()), orInfinity(p.softUsd()), spent));
        }
        return limits;
    }

    private static double orInfinity(OptionalDouble v) {
        return v.isPresent() ? v.getAsDouble() : Double.POSITIVE_INFINITY;
    }
}
