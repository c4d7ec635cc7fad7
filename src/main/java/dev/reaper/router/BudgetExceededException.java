package dev.reaper.router;

import java.util.Locale;

/** A request was refused before sending because it would take spending past the budget. */
public final class BudgetExceededException extends RuntimeException {

    private final double limitUsd;
    private final double spentUsd;

    public BudgetExceededException(double limitUsd, double spentUsd, double estimateUsd) {
        super(String.format(Locale.ROOT,
                "budget of $%.4f reached: $%.4f spent, the next request would cost about $%.4f",
                limitUsd, spentUsd, estimateUsd));
        this.limitUsd = limitUsd;
        this.spentUsd = spentUsd;
    }

    public double limitUsd() {
        return limitUsd;
    }

    public double spentUsd() {
        return spentUsd;
    }
}
