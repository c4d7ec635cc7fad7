package dev.reaper.router;

import dev.reaper.protocol.Cancellation;
import java.time.Duration;

/** Waits between retries; cancellation ends the wait. Tests substitute one that records the waits. */
@FunctionalInterface
public interface Sleeper {

    /** Returns false when cancelled before the time was up. */
    boolean sleep(Duration duration, Cancellation cancel);

    Sleeper REAL = (duration, cancel) -> {
        Object lock = new Object();
        try (Cancellation.Registration ignored = cancel.onCancel(() -> {
            synchronized (lock) {
                lock.notifyAll();
            }
        })) {
            long deadline = System.nanoTime() + duration.toNanos();
            synchronized (lock) {
                while (!cancel.isCancelled()) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return true;
                    }
                    lock.wait(Math.max(1, left / 1_000_000));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    };
}
