package dev.reaper.tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Tool descriptions ({@code NAME.md}) and argument schemas ({@code NAME.schema.json}) kept as resources,
 * beside this class or, for tools of other packages, beside the tool's own class.
 */
public final class ToolResources {

    private ToolResources() {}

    public static String description(String tool) {
        return description(ToolResources.class, tool);
    }

    public static String schema(String tool) {
        return schema(ToolResources.class, tool);
    }

    public static String description(Class<?> owner, String tool) {
        return read(owner, tool + ".md");
    }

    public static String schema(Class<?> owner, String tool) {
        return read(owner, tool + ".schema.json");
    }

    private static String read(Class<?> owner, String name) {
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing tool resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
