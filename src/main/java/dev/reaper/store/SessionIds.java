package dev.reaper.store;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * Session ids: random UUIDs, so the first 8 characters shown in lists and hints are unique in practice
 * (time-ordered ids would share their prefix within a minute).
 */
public final class SessionIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionIds() {}

    public static String next(Clock clock) {
        long hi = (RANDOM.nextLong() & ~0xf000L) | 0x4000L;
        long lo = (RANDOM.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(hi, lo).toString();
    }

    /** Whether text could be an id or an id prefix (hex and dashes), so it is safe to use in a file name. */
    public static boolean plausible(String text) {
        return text != null && !text.isEmpty() && text.length() <= 36 && text.matches("[0-9a-fA-F-]+");
    }
}
