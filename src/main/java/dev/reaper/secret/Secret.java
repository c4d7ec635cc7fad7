package dev.reaper.secret;

import java.util.Objects;

/**
 * A credential. Its {@code toString} never shows the value, so it cannot leak through logs, exception
 * messages or string concatenation; code that needs the value calls {@link #reveal()} at the last moment.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /** Wraps a value and registers it with the {@link Redactor}, so stray copies are masked too. */
    public static Secret of(String value) {
        Objects.requireNonNull(value, "value");
        Redactor.global().register(value);
        return new Secret(value);
    }

    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "[secret]";
    }
}
