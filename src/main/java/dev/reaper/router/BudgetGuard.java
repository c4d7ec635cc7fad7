package dev.reaper.router;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Spending limits. A request reserves its estimated cost before it is sent and settles its real cost
 * after; a reservation that would take spending past a hard limit is refused. A guard may have a parent
 * (a session's guard under the process's daily, weekly, monthly and project limits): a reservation
 * holds in the whole chain or nowhere, under one lock, so concurrent requests cannot overshoot together.
 * Crossing a soft limit is reported once, and never refuses anything.
 */
public final class BudgetGuard {

    /**
     * One limit. {@code alreadySpentUsd} is what was spent in its period before this guard existed (from
     * the usage ledger); the guard adds what it sees settled.
     */
    public record Limit(String name, double hardUsd, double softUsd, double alreadySpentUsd) {

        public static Limit hard(String name, double usd) {
            return new Limit(name, usd, Double.POSITIVE_INFINITY, 0);
        }
    }

    /**
     * Tells a guard its periods turned over (a new day, week or month): the limits for the new periods,
     * with what they have already spent, or empty while the periods are the same. Asked at every
     * reservation, under the guard's lock.
     */
    @FunctionalInterface
    public interface Rollover {
        java.util.Optional<List<Limit>> newPeriods();

        Rollover NEVER = java.util.Optional::empty;
    }

    private final Object lock;
    private final BudgetGuard parent;
    private final Rollover rollover;
    private List<Limit> limits;
    private final Consumer<String> softWarning;
    private boolean[] warned;
    private double spent;
    private double reserved;

    private BudgetGuard(BudgetGuard parent, List<Limit> limits, Consumer<String> softWarning) {
        this(parent, limits, softWarning, Rollover.NEVER);
    }

    private BudgetGuard(BudgetGuard parent, List<Limit> limits, Consumer<String> softWarning, Rollover rollover) {
        this.parent = parent;
        this.rollover = rollover;
        this.lock = parent == null ? new Object() : parent.lock;
        this.limits = List.copyOf(limits);
        this.softWarning = softWarning;
        this.warned = new boolean[limits.size()];
    }

    /** One hard limit, for a session or a run ({@code --max-budget-usd}). */
    public BudgetGuard(double limitUsd) {
        this(null, List.of(Limit.hard("budget", limitUsd)), w -> { });
    }

    public static BudgetGuard unlimited() {
        return new BudgetGuard(null, List.of(), w -> { });
    }

    /** A guard over several limits; {@code softWarning} is told, once per limit, when a soft limit is passed. */
    public static BudgetGuard of(List<Limit> limits, Consumer<String> softWarning) {
        return new BudgetGuard(null, limits, softWarning, Rollover.NEVER);
    }

    /** A guard whose limits are periods that turn over, as {@code rollover} tells. */
    public static BudgetGuard of(List<Limit> limits, Consumer<String> softWarning, Rollover rollover) {
        return new BudgetGuard(null, limits, softWarning, rollover);
    }

    /** A guard with its own limit under this one: what it spends counts here too. */
    public BudgetGuard child(double limitUsd) {
        return new BudgetGuard(this, Double.isInfinite(limitUsd) ? List.of() : List.of(Limit.hard("budget", limitUsd)),
                w -> { });
    }

    public Reservation reserve(double estimateUsd) {
        double est = Math.max(0, estimateUsd);
        synchronized (lock) {
            for (BudgetGuard g = this; g != null; g = g.parent) {
                g.rollIfDue();
                g.check(est);
            }
            for (BudgetGuard g = this; g != null; g = g.parent) {
                g.reserved += est;
            }
        }
        return new Reservation(est);
    }

    /** New periods start from what the ledger says they spent; what this guard counted belongs to the old ones. */
    private void rollIfDue() {
        rollover.newPeriods().ifPresent(next -> {
            limits = List.copyOf(next);
            warned = new boolean[limits.size()];
            spent = 0;
        });
    }

    private void check(double est) {
        for (Limit l : limits) {
            double used = l.alreadySpentUsd() + spent;
            if (used + reserved + est > l.hardUsd() || (!Double.isInfinite(l.hardUsd()) && used >= l.hardUsd())) {
                throw new BudgetExceededException(l.name(), l.hardUsd(), used, est);
            }
        }
    }

    /** What this guard has seen settled (not counting what was spent before it existed). */
    public double spent() {
        synchronized (lock) {
            return spent;
        }
    }

    /** The tightest hard limit of this guard, or infinity. */
    public double limit() {
        List<Limit> current;
        synchronized (lock) {
            current = limits;
        }
        return current.stream().mapToDouble(Limit::hardUsd).min().orElse(Double.POSITIVE_INFINITY);
    }

    public List<Limit> limits() {
        synchronized (lock) {
            return limits;
        }
    }

    public BudgetGuard parent() {
        return parent;
    }

    private void settled(double estimate, double actual, List<String> warnings) {
        reserved -= estimate;
        spent += actual;
        for (int i = 0; i < limits.size(); i++) {
            Limit l = limits.get(i);
            if (!warned[i] && l.alreadySpentUsd() + spent >= l.softUsd()) {
                warned[i] = true;
                warnings.add(String.format(java.util.Locale.ROOT, "%s soft budget of $%.2f passed: $%.2f spent",
                        l.name(), l.softUsd(), l.alreadySpentUsd() + spent));
            }
        }
    }

    /** A cost held for one request until its real cost is known. */
    public final class Reservation {
        private final double estimate;
        private boolean settled;

        private Reservation(double estimate) {
            this.estimate = estimate;
        }

        public void settle(double actualUsd) {
            List<Runnable> tell = new ArrayList<>();
            synchronized (lock) {
                if (settled) {
                    return;
                }
                settled = true;
                for (BudgetGuard g = BudgetGuard.this; g != null; g = g.parent) {
                    List<String> warnings = new ArrayList<>();
                    g.settled(estimate, Math.max(0, actualUsd), warnings);
                    BudgetGuard guard = g;
                    warnings.forEach(w -> tell.add(() -> guard.softWarning.accept(w)));
                }
            }
            tell.forEach(Runnable::run);
        }
    }
}
