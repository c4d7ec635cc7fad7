package dev.reaper.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BudgetGuardTest {

    @Test
    void refusesAReservationThatWouldPassTheLimit() {
        BudgetGuard guard = new BudgetGuard(1.0);
        BudgetGuard.Reservation first = guard.reserve(0.625);

        assertThatThrownBy(() -> guard.reserve(0.5))
                .isInstanceOf(BudgetExceededException.class)
                .hasMessage("budget of $1.0000 reached: $0.0000 spent, the next request would cost about $0.5000");

        first.settle(0.25);
        assertThat(guard.spent()).isEqualTo(0.25);
        guard.reserve(0.5);
        assertThatThrownBy(() -> guard.reserve(0.5)).isInstanceOf(BudgetExceededException.class);
    }

    @Test
    void aReservationUpToTheLimitExactlyIsAllowed() {
        BudgetGuard guard = new BudgetGuard(1.0);

        guard.reserve(0.5).settle(0.5);
        guard.reserve(0.5).settle(0.5);

        assertThat(guard.spent()).isEqualTo(1.0);
        assertThatThrownBy(() -> guard.reserve(0)).as("nothing more once spent").isInstanceOf(BudgetExceededException.class);
    }

    @Test
    void settlingTwiceCountsOnce() {
        BudgetGuard guard = new BudgetGuard(10);
        BudgetGuard.Reservation r = guard.reserve(1);

        r.settle(2);
        r.settle(2);

        assertThat(guard.spent()).isEqualTo(2);
    }

    @Test
    void negativeAmountsCountAsZero() {
        BudgetGuard guard = new BudgetGuard(1);

        guard.reserve(-5).settle(-3);

        assertThat(guard.spent()).isZero();
    }

    @Test
    void unlimitedNeverRefuses() {
        BudgetGuard guard = BudgetGuard.unlimited();
        for (int i = 0; i < 100; i++) {
            guard.reserve(1e9).settle(1e9);
        }
        assertThat(guard.spent()).isEqualTo(1e11);
    }

    @Test
    void concurrentReservationsNeverOvershoot() throws Exception {
        BudgetGuard guard = new BudgetGuard(5.0);
        int threads = 100;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger granted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        List<Future<?>> work = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                work.add(pool.submit(() -> {
                    start.await();
                    try {
                        BudgetGuard.Reservation r = guard.reserve(0.25);
                        granted.incrementAndGet();
                        Thread.yield();
                        r.settle(0.25);
                    } catch (BudgetExceededException e) {
                        refused.incrementAndGet();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : work) {
                f.get(1, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(granted.get()).isEqualTo(20);
        assertThat(refused.get()).isEqualTo(80);
        assertThat(guard.spent()).isEqualTo(5.0);
    }

    @Test
    void concurrentSessionsUnderOneDailyLimitNeverOvershootIt() throws Exception {
        List<String> warnings = java.util.Collections.synchronizedList(new ArrayList<>());
        BudgetGuard daily = BudgetGuard.of(List.of(new BudgetGuard.Limit("daily", 10.0, 8.0, 4.0)), warnings::add);
        List<BudgetGuard> sessions = List.of(daily.child(Double.POSITIVE_INFINITY), daily.child(2.0),
                daily.child(Double.POSITIVE_INFINITY), daily.child(Double.POSITIVE_INFINITY));
        ExecutorService pool = Executors.newFixedThreadPool(100);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger granted = new AtomicInteger();
        List<Future<?>> work = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                BudgetGuard session = sessions.get(i % sessions.size());
                work.add(pool.submit(() -> {
                    start.await();
                    try {
                        BudgetGuard.Reservation r = session.reserve(0.25);
                        granted.incrementAndGet();
                        Thread.yield();
                        r.settle(0.25);
                    } catch (BudgetExceededException e) {
                        assertThat(e.limitName()).isIn("daily", "budget");
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : work) {
                f.get(1, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        // $4 was spent earlier today: $6 are left, 24 requests of $0.25
        assertThat(granted.get()).isEqualTo(24);
        assertThat(daily.spent()).isEqualTo(6.0);
        assertThat(sessions.get(1).spent()).isLessThanOrEqualTo(2.0);
        assertThat(warnings).containsExactly("daily soft budget of $8.00 passed: $8.00 spent");
        assertThatThrownBy(() -> sessions.get(0).reserve(0.01)).isInstanceOfSatisfying(BudgetExceededException.class,
                e -> assertThat(e.getMessage()).startsWith("daily budget of $10.0000 reached: $10.0000 spent"));
    }

    @Test
    void aRefusalInTheChainReservesNothingAnywhere() {
        BudgetGuard daily = BudgetGuard.of(List.of(BudgetGuard.Limit.hard("daily", 5.0)), w -> { });
        BudgetGuard session = daily.child(1.0);
        assertThatThrownBy(() -> session.reserve(2.0)).isInstanceOf(BudgetExceededException.class);
        BudgetGuard other = daily.child(Double.POSITIVE_INFINITY);
        other.reserve(5.0).settle(5.0);
        assertThat(daily.spent()).isEqualTo(5.0);
    }

    @Test
    void aNewPeriodStartsFromWhatTheLedgerSaysItSpent() {
        java.util.concurrent.atomic.AtomicReference<java.util.Optional<List<BudgetGuard.Limit>>> next =
                new java.util.concurrent.atomic.AtomicReference<>(java.util.Optional.empty());
        BudgetGuard daily = BudgetGuard.of(List.of(BudgetGuard.Limit.hard("daily", 1.0)), w -> { }, next::get);
        BudgetGuard session = daily.child(Double.POSITIVE_INFINITY);
        session.reserve(1.0).settle(1.0);
        assertThatThrownBy(() -> session.reserve(0.1)).isInstanceOf(BudgetExceededException.class);

        next.set(java.util.Optional.of(List.of(new BudgetGuard.Limit("daily", 1.0, Double.POSITIVE_INFINITY, 0.25))));
        session.reserve(0.5).settle(0.5); // midnight passed: $0.25 spent today so far, and this
        next.set(java.util.Optional.empty());
        assertThatThrownBy(() -> session.reserve(0.3)).isInstanceOf(BudgetExceededException.class);
        session.reserve(0.2).settle(0.2);
    }
}
