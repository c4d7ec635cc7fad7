package dev.reaper.router;

import java.util.Locale;

/** A request was refused before sending because it would take spending past a hard budget. */
public final class BudgetExceededException extends RuntimeException {

    private final String limitName;
    private final double limitUsd;
    private final double spentUsd;

    public BudgetExceededException(double limitUsd, double spentUsd, double estimateUsd) {
        this("budget", limitUsd, spentUsd, estimateUsd);
    }

    public BudgetExceededException(String limitName, double limitUsd, double spentUsd, double estimateUsd) {
        super(String.format(Locale.ROOT,
                "%s of $%.4f reached: $%.4f spent, the next request would cost about $%.4f",
                limitName.equals("budget") ? "budget" : limitName + " budget", limitUsd, spentUsd, estimateUsd));
        this.limitName = limitName;
        this.limitUsd = limitUsd;
        this.spentUsd = spentUsd;
    }

    /** Which limit refused: {@code budget} (the run's), {@code daily}, {@code project monthly}, ... */
    public String limitName() {
        return limitName;
    }

    public double limitUsd() {
        return limitUsd;
    }

    public double spentUsd() {
        return spentUsd;
    }
}
