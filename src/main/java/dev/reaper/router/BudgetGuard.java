package dev.reaper.router;

/**
 * A hard spending limit. A request reserves its estimated cost before it is sent and settles its real
 * cost after; a reservation that would take spending past the limit is refused, atomically, so
 * concurrent requests cannot overshoot together.
 */
public final class BudgetGuard {

    private final double limitUsd;
    private double spent;
    private double reserved;

    public BudgetGuard(double limitUsd) {
        this.limitUsd = limitUsd;
    }

    public static BudgetGuard unlimited() {
        return new BudgetGuard(Double.POSITIVE_INFINITY);
    }

    public synchronized Reservation reserve(double estimateUsd) {
        double est = Math.max(0, estimateUsd);
        if (spent + reserved + est > limitUsd || (limitUsd != Double.POSITIVE_INFINITY && spent >= limitUsd)) {
            throw new BudgetExceededException(limitUsd, spent, est);
        }
        reserved += est;
        return new Reservation(est);
    }

    public synchronized double spent() {
        return spent;
    }

    public double limit() {
        return limitUsd;
    }

    /** A cost held for one request until its real cost is known. */
    public final class Reservation {
        private final double estimate;
        private boolean settled;

        private Reservation(double estimate) {
            this.estimate = estimate;
        }

        public void settle(double actualUsd) {
            synchronized (BudgetGuard.this) {
                if (settled) {
                    return;
                }
                settled = true;
                reserved -= estimate;
                spent += Math.max(0, actualUsd);
            }
        }
    }
}
