package dev.reaper.cli;

import dev.reaper.protocol.Cancellation;
import java.util.concurrent.atomic.AtomicReference;

/**
 * SIGINT (Ctrl-C) handling: the first cancels the running turn (the stream and the tools stop, the
 * transcript stays whole, a one-shot run exits 130); a second one exits at once. With no turn running,
 * the idle handler runs if one is set (the full-screen UI quits cleanly and restores the terminal),
 * else Reaper exits.
 */
final class Interrupts {

    private static final AtomicReference<Cancellation> CURRENT = new AtomicReference<>();
    private static volatile boolean installed;
    private static volatile long lastAt;
    private static volatile Runnable idle;

    private Interrupts() {}

    static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), sig -> onInterrupt());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // signals are not available (-Xrs or another platform): the JVM's default applies
        }
    }

    private static void onInterrupt() {
        Cancellation c = CURRENT.get();
        long now = System.nanoTime();
        Runnable whenIdle = idle;
        if (c == null && whenIdle != null) {
            whenIdle.run();
            return;
        }
        if (c == null || (c.isCancelled() && now - lastAt > 50_000_000L)) {
            Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
        }
        lastAt = now;
        c.cancel();
    }

    /** What SIGINT does when no turn is tracked; null to exit. */
    static void whenIdle(Runnable handler) {
        idle = handler;
    }

    static void track(Cancellation c) {
        CURRENT.set(c);
    }

    static void untrackAll() {
        CURRENT.set(null);
    }

    static void untrack(Cancellation c) {
        CURRENT.compareAndSet(c, null);
    }
}
