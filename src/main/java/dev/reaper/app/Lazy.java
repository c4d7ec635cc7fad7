package dev.reaper.app;

import java.util.function.Supplier;

/** A value built once, on first use, under its own lock (so building one does not block the others). */
final class Lazy<T> implements Supplier<T> {

    private final Supplier<T> factory;
    private volatile T value;

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
}
