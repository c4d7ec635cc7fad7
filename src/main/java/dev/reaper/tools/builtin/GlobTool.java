package dev.reaper.tools.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.context.FileWalker;
import dev.reaper.policy.ToolKind;
import dev.reaper.tools.ToolContext;
import dev.reaper.tools.ToolFailure;
import dev.reaper.tools.ToolOutput;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** {@code glob {pattern, path?}}: files matching a glob, newest first. */
public final class GlobTool extends BuiltinTool {

    static final int MAX_RESULTS = 200;

    public GlobTool() {
        super("glob");
    }

    @Override
    public ToolKind kind() {
        return ToolKind.READ;
    }

    /**
     * A glob without a slash matches file names at any depth ({@code *.py}), as in ripgrep and fd; one
     * with a slash matches paths relative to the search directory.
     */
    static PathMatcher matcher(String pattern) throws ToolFailure {
        try {
            String p = pattern.startsWith("./") ? pattern.substring(2) : pattern;
            Set<String> variants = new LinkedHashSet<>();
            withoutDoubleStarDirs(p, 0, variants);
            List<PathMatcher> matchers = new ArrayList<>();
            for (String v : variants) {
                matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + v));
            }
            return path -> matchers.stream().anyMatch(m -> m.matches(path));
        } catch (IllegalArgumentException e) {
            throw new ToolFailure("invalid glob '" + pattern + "': " + e.getMessage());
        }
    }

    /**
     * Java's glob needs at least one directory for each {@code **}{@code /}; in git, ripgrep and fd it also
     * stands for none ({@code **}{@code /*.py} matches a top-level {@code a.py}). So each such segment is
     * tried both kept and dropped.
     */
    private static void withoutDoubleStarDirs(String p, int from, Set<String> out) {
        int i = p.indexOf("**/", from);
        while (i > 0 && p.charAt(i - 1) != '/') {
            i = p.indexOf("**/", i + 1);
        }
        if (i < 0 || out.size() >= 64) {
            out.add(p);
            return;
        }
        withoutDoubleStarDirs(p, i + 3, out);
        withoutDoubleStarDirs(p.substring(0, i) + p.substring(i + 3), i, out);
    }

    static boolean matches(PathMatcher m, String pattern, Path relative) {
        return pattern.contains("/") ? m.matches(relative) : m.matches(relative.getFileName());
    }

    @Override
    public ToolOutput run(JsonNode args, ToolContext context) throws ToolFailure {
        String pattern = args.path("pattern").asText();
        Path base = resolve(args.path("path").asText("."), context);
        if (!Files.isDirectory(base)) {
            throw new ToolFailure(shown(base, context) + " is not a directory");
        }
        PathMatcher m = matcher(pattern);
        record Hit(Path path, long mtime) {}
        List<Hit> hits = new ArrayList<>();
        try {
            FileWalker.walk(base, context.ignore(), context.cancel()::isCancelled, (file, attrs) -> {
                if (matches(m, pattern, base.relativize(file)) && context.mayRead(file)) {
                    hits.add(new Hit(file, attrs.lastModifiedTime().toMillis()));
                }
                return hits.size() < 20_000;
            });
        } catch (IOException e) {
            throw new ToolFailure("cannot search " + shown(base, context) + ": " + e.getMessage());
        }
        if (hits.isEmpty()) {
            return ToolOutput.ok("No files match " + pattern);
        }
        hits.sort(Comparator.comparingLong(Hit::mtime).reversed().thenComparing(h -> h.path().toString()));
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(MAX_RESULTS, hits.size()); i++) {
            out.append(shown(hits.get(i).path(), context)).append('\n');
        }
        if (hits.size() > MAX_RESULTS) {
            out.append("[").append(hits.size() - MAX_RESULTS).append(" more; narrow the pattern]\n");
        }
        return ToolOutput.ok(out.toString());
    }
}
