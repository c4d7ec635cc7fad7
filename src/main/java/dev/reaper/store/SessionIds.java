package dev.reaper.store;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/** Session ids: UUIDv7, so they sort by creation time and can be abbreviated to a unique prefix. */
public final class SessionIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionIds() {}

    public static String next(Clock clock) {
        long ms = clock.millis();
        long hi = (ms << 16) | 0x7000L | (RANDOM.nextInt() & 0x0fffL);
        long lo = (RANDOM.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(hi, lo).toString();
    }

    /** Whether text could be an id or an id prefix (hex and dashes), so it is safe to use in a file name. */
    public static boolean plausible(String text) {
        return text != null && !text.isEmpty() && text.length() <= 36 && text.matches("[0-9a-fA-F-]+");
    }
}
