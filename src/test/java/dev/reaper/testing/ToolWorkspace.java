package dev.reaper.testing;

import dev.reaper.context.IgnoreRules;
import dev.reaper.json.Json;
import dev.reaper.policy.WorkspaceBoundary;
import dev.reaper.protocol.Cancellation;
import dev.reaper.tools.Tool;
import dev.reaper.tools.ToolContext;
import dev.reaper.tools.ToolFailure;
import dev.reaper.tools.ToolOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real workspace folder for tool tests: files written into it, a {@link ToolContext} over it, and
 * every change a tool reports recorded.
 */
public final class ToolWorkspace {

    /** One change a tool reported through the file-change listener. */
    public record Change(Path path, String before, String after) {}

    private final Path root;
    private final Cancellation cancel = new Cancellation();
    private final List<Change> changes = new CopyOnWriteArrayList<>();
    private final Map<String, String> environment;

    public ToolWorkspace(Path root) {
        this(root, defaultEnvironment());
    }

    public ToolWorkspace(Path root, Map<String, String> environment) {
        this.root = root.toAbsolutePath();
        this.environment = Map.copyOf(environment);
    }

    /** A small environment of the variables a shell needs, taken from this process. */
    public static Map<String, String> defaultEnvironment() {
        Map<String, String> env = new HashMap<>();
        for (String k : List.of("PATH", "HOME", "LANG", "TMPDIR")) {
            String v = System.getenv(k);
            if (v != null) {
                env.put(k, v);
            }
        }
        env.putIfAbsent("PATH", "/usr/local/bin:/usr/bin:/bin");
        return env;
    }

    public Path root() {
        return root;
    }

    public Cancellation cancellation() {
        return cancel;
    }

    public List<Change> changes() {
        return changes;
    }

    /** A fresh context: ignore rules are read now, so write .gitignore files before calling this. */
    public ToolContext context() {
        return new ToolContext(new WorkspaceBoundary(root, List.of()), new IgnoreRules(root), cancel,
                (path, before, after) -> changes.add(new Change(path, before, after)), environment);
    }

    public Path write(String relative, String content) {
        return write(relative, content.getBytes(StandardCharsets.UTF_8));
    }

    public Path write(String relative, byte[] content) {
        try {
            Path p = root.resolve(relative);
            Files.createDirectories(p.getParent());
            Files.write(p, content);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String read(String relative) {
        try {
            return Files.readString(root.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a tool with arguments given as JSON text. */
    public ToolOutput run(Tool tool, String argumentsJson) throws ToolFailure {
        return tool.run(Json.parse(argumentsJson), context());
    }

    /** Arguments as JSON text, from alternating names and values. */
    public static String args(Object... namesAndValues) {
        var node = Json.object();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            node.set((String) namesAndValues[i], Json.MAPPER.valueToTree(namesAndValues[i + 1]));
        }
        return node.toString();
    }
}
