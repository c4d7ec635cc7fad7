package dev.reaper.tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Tool descriptions ({@code NAME.md}) and argument schemas ({@code NAME.schema.json}) kept as resources. */
public final class ToolResources {

    private ToolResources() {}

    public static String description(String tool) {
        return read(tool + ".md");
    }

    public static String schema(String tool) {
        return read(tool + ".schema.json");
    }

    private static String read(String name) {
        try (InputStream in = ToolResources.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing tool resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
