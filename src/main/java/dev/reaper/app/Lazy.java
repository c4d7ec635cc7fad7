package dev.reaper.app;

import java.util.function.Consumer;
import java.util.function.Supplier;

/** A value built once, on first use, under its own lock (so building one does not block the others). */
final class Lazy<T> implements Supplier<T> {

    private final Supplier<T> factory;
    private volatile T value;
    private boolean closed;

    Lazy(Supplier<T> factory) {
        this.factory = factory;
    }

    @Override
    public T get() {
        T v = value;
        if (v == null) {
            synchronized (this) {
                v = value;
                if (v == null) {
                    if (closed) {
                        throw new IllegalStateException("closed: Reaper is shutting down");
                    }
                    v = factory.get();
                    value = v;
                }
            }
        }
        return v;
    }

    boolean isBuilt() {
        return value != null;
    }

    /**
     * Closes the value if it was built, waiting for a build under way to finish first; it is not built
     * after this.
     */
    synchronized void close(Consumer<T> closer) {
        closed = true;
        if (value != null) {
            closer.accept(value);
        }
    }
}
