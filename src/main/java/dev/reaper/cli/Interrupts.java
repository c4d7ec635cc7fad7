package dev.reaper.cli;

import dev.reaper.protocol.Cancellation;
import java.util.concurrent.atomic.AtomicReference;

/**
 * SIGINT (Ctrl-C) handling for one-shot runs: the first cancels the running turn (the stream and the
 * tools stop, the transcript stays whole, the run exits 130); a second one exits at once.
 */
final class Interrupts {

    private static final AtomicReference<Cancellation> CURRENT = new AtomicReference<>();
    private static volatile boolean installed;
    private static volatile long lastAt;

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
        if (c == null || (c.isCancelled() && now - lastAt > 50_000_000L)) {
            Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
        }
        lastAt = now;
        c.cancel();
    }

    static void track(Cancellation c) {
        CURRENT.set(c);
    }

    static void untrack(Cancellation c) {
        CURRENT.compareAndSet(c, null);
    }
}
