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
}
