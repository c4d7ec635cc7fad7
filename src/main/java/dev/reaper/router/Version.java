package dev.reaper.router;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reaper's version, written into the build by Maven resource filtering. */
public final class Version {

    private static volatile String cached;

    private Version() {}

    public static String get() {
        String v = cached;
        if (v == null) {
            try (InputStream in = Version.class.getResourceAsStream("version.txt")) {
                v = in == null ? "dev" : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                v = "dev";
            }
            cached = v;
        }
        return v;
    }
}
