package dev.reaper.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * A cancellation signal shared by a turn's stream and tools. Front-ends cancel it (Esc, SIGINT); the
 * router closes its connection and tools kill their processes through the hooks they register. Not a
 * record: it is the one mutable piece of the contract between front-ends and the agent.
 */
public final class Cancellation {

    private final List<Runnable> hooks = new ArrayList<>();
    private volatile boolean cancelled;

    public boolean isCancelled() {
        return cancelled;
    }

    public void cancel() {
        List<Runnable> toRun;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            toRun = List.copyOf(hooks);
            hooks.clear();
        }
        for (Runnable r : toRun) {
            try {
                r.run();
            } catch (RuntimeException ignored) {
                // a hook that fails must not stop the others
            }
        }
    }

    /** Runs the hook on cancel (at once if already cancelled); close the handle when it no longer applies. */
    public Registration onCancel(Runnable hook) {
        synchronized (this) {
            if (!cancelled) {
                hooks.add(hook);
                return () -> {
                    synchronized (this) {
                        hooks.remove(hook);
                    }
                };
            }
        }
        hook.run();
        return () -> { };
    }

    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
