package dev.reaper.router;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A circuit breaker per model deployment. After {@code threshold} consecutive failures of the kinds
 * that say the deployment is unwell (rate limits, overload, 5xx, timeouts, broken connections) the
 * breaker opens and the router skips the model for {@code coolDown}; then one request is let through
 * (half-open): its success closes the breaker, its failure opens it again.
 */
public final class CircuitBreakers {

    public enum State { CLOSED, OPEN, HALF_OPEN }

    /** What {@link #acquire} granted: nothing, a request while closed, or the one half-open probe. */
    public enum Permit { REFUSED, GRANTED, PROBE }

    private final int threshold;
    private final Duration coolDown;
    private final Clock clock;
    private final ConcurrentHashMap<ModelRef, Breaker> breakers = new ConcurrentHashMap<>();

    public CircuitBreakers(int threshold, Duration coolDown, Clock clock) {
        if (threshold < 1) {
            throw new IllegalArgumentException("a breaker needs a failure threshold of at least 1");
        }
        this.threshold = threshold;
        this.coolDown = coolDown;
        this.clock = clock;
    }

    public static CircuitBreakers defaults(Clock clock) {
        return new CircuitBreakers(3, Duration.ofSeconds(30), clock);
    }

    /**
     * Whether a request may go to the model now. An open breaker whose cool-down has passed turns
     * half-open and admits exactly one caller until that request reports back.
     */
    public boolean tryAcquire(ModelRef model) {
        return acquire(model) != Permit.REFUSED;
    }

    /**
     * Like {@link #tryAcquire}, saying whether the caller holds the half-open probe: only the holder's
     * outcome closes or reopens the breaker, and the holder must {@link #release} it if it has none.
     */
    public Permit acquire(ModelRef model) {
        Breaker b = breakers.get(model);
        return b == null ? Permit.GRANTED : b.acquire(clock.instant(), coolDown);
    }

    /** Gives the half-open probe back without an outcome (the request was stopped before it said anything). */
    public void release(ModelRef model) {
        Breaker b = breakers.get(model);
        if (b != null) {
            b.release();
        }
    }

    /** Whether the model would be admitted now, without taking the half-open probe. */
    public boolean allows(ModelRef model) {
        Breaker b = breakers.get(model);
        return b == null || b.allows(clock.instant(), coolDown);
    }

    public State state(ModelRef model) {
        Breaker b = breakers.get(model);
        return b == null ? State.CLOSED : b.state(clock.instant(), coolDown);
    }

    public void success(ModelRef model) {
        Breaker b = breakers.get(model);
        if (b != null) {
            b.success();
        }
    }

    /** Records a failure of a request that did not hold the probe. */
    public void failure(ModelRef model, ProviderException.Kind kind) {
        failure(model, kind, false);
    }

    /**
     * Records a failure; only the kinds that say the deployment is unwell count toward opening. A failed
     * probe opens the breaker again; a probe that failed for another reason gives the probe back.
     */
    public void failure(ModelRef model, ProviderException.Kind kind, boolean probe) {
        if (!counts(kind)) {
            if (probe) {
                release(model);
            }
            return;
        }
        breakers.computeIfAbsent(model, m -> new Breaker()).failure(clock.instant(), threshold, probe);
    }

    static boolean counts(ProviderException.Kind kind) {
        return kind.isTransient();
    }

    private static final class Breaker {
        private int failures;
        private Instant openedAt;
        private boolean probing;

        synchronized Permit acquire(Instant now, Duration coolDown) {
            if (openedAt == null) {
                return Permit.GRANTED;
            }
            if (probing || now.isBefore(openedAt.plus(coolDown))) {
                return Permit.REFUSED;
            }
            probing = true;
            return Permit.PROBE;
        }

        synchronized boolean allows(Instant now, Duration coolDown) {
            return openedAt == null || (!probing && !now.isBefore(openedAt.plus(coolDown)));
        }

        synchronized State state(Instant now, Duration coolDown) {
            if (openedAt == null) {
                return State.CLOSED;
            }
            return probing || !now.isBefore(openedAt.plus(coolDown)) ? State.HALF_OPEN : State.OPEN;
        }

        synchronized void success() {
            failures = 0;
            openedAt = null;
            probing = false;
        }

        synchronized void release() {
            probing = false;
        }

        synchronized void failure(Instant now, int threshold, boolean probe) {
            failures++;
            if (probe || (openedAt == null && failures >= threshold)) {
                openedAt = now;
            }
            if (probe) {
                probing = false;
            }
        }
    }
}
