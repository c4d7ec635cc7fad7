package dev.reaper.repomap;

import dev.reaper.context.IgnoreRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * A workspace's repo map: its source files ranked by how they use each other's definitions and import each
 * other (personalised PageRank, as in Aider), shown with the first lines of their main definitions and
 * fitted to a token budget; and the import graph between its files, for reviews. Symbols come from a
 * {@link SymbolSource} (Universal Ctags) and are cached per workspace by file stamp, so each call only
 * reads the files changed since the last one. Thread-safe: calls are serialised; {@link #close} stops a
 * refresh under way.
 */
public final class RepoMap implements AutoCloseable {

    /** The budget of a map given without one. */
    public static final int DEFAULT_TOKENS = 1024;

    private static final Logger LOG = Logger.getLogger(RepoMap.class.getName());

    private final Path root;
    private final SymbolSource source;
    private final SymbolIndex index;
    private final FileGraph graph;
    private volatile boolean closed;
    private boolean warned;
    private boolean synced;
    private Ranking base;

    /** What a refresh did: the source files it knows, how many it read, how many it forgot. */
    public record Refresh(int files, int tagged, int removed) {}

    /** A rendered map: its text (header included), the files shown of all, and its estimated tokens. */
    public record Rendered(String text, int filesShown, int files, int tokens) {}

    private RepoMap(Path root, SymbolSource source, SymbolIndex index) {
        this.root = root;
        this.source = source;
        this.index = index;
        this.graph = new FileGraph(root);
    }

    /** The map of a workspace with Universal Ctags as its engine, cached under {@code cacheDir}/repomap. */
    public static RepoMap open(Path root, IgnoreRules ignore, Path cacheDir) {
        return open(root, ignore, new CtagsSource(), Optional.of(cacheFile(cacheDir, root)));
    }

    /** A map over any symbol source; without a cache file it lives in memory only. */
    public static RepoMap open(Path root, IgnoreRules ignore, SymbolSource source, Optional<Path> cacheFile) {
        Path r = root.toAbsolutePath().normalize();
        Optional<TagCache> cache = Optional.empty();
        if (cacheFile.isPresent()) {
            try {
                cache = Optional.of(TagCache.open(cacheFile.get(), source.id()));
            } catch (IOException e) {
                LOG.warning(e.getMessage() + "; the repo map is kept in memory only");
            }
        }
        return new RepoMap(r, source, new SymbolIndex(r, ignore, source, cache));
    }

    /** One cache file per workspace: the folder's name, for people, and a hash of its path. */
    static Path cacheFile(Path cacheDir, Path root) {
        String path = root.toAbsolutePath().normalize().toString();
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(path.getBytes(StandardCharsets.UTF_8));
            String name = root.getFileName() == null ? "root" : root.getFileName().toString()
                    .replaceAll("[^A-Za-z0-9._-]", "_");
            return cacheDir.resolve("repomap").resolve(name + "-" + HexFormat.of().formatHex(hash, 0, 8) + ".db");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
    }

    /**
     * Brings the map up to date with the files: reads new and changed ones, forgets deleted ones. Throws
     * when the map is closed meanwhile.
     */
    public synchronized Refresh refresh() throws IOException {
        if (!warned && source.unavailable().isPresent()) {
            warned = true;
            LOG.warning(source.unavailable().get());
        }
        SymbolIndex.Change c = index.refresh(() -> closed);
        if (closed) {
            throw new IOException("the repo map was closed");
        }
        if (!synced) {
            Map<String, FileSymbols> all = new HashMap<>();
            index.files().forEach((f, row) -> all.put(f, row.symbols()));
            graph.apply(all, List.of(), () -> closed);
            synced = true;
        } else if (!c.changed().isEmpty() || !c.removed().isEmpty()) {
            graph.apply(c.changed(), c.removed(), () -> closed);
        }
        if (closed) {
            throw new IOException("the repo map was closed");
        }
        return new Refresh(c.files(), c.tagged(), c.removed().size());
    }

    /**
     * The map, refreshed first, in at most {@code maxTokens} (estimated), leaving out the files
     * {@code readable} refuses (deny rules). Empty text when the workspace has no source files.
     */
    public synchronized Rendered render(Focus focus, int maxTokens, Predicate<String> readable) throws IOException {
        refresh();
        Ranking ranking = ranking(focus);
        int total = graph.size();
        if (total == 0) {
            return new Rendered("", 0, 0, 0);
        }
        String note = source.unavailable().map(u -> "(" + u + ".)\n").orElse("");
        String header = header(0, total, focus) + note;
        int budget = maxTokens - (header.length() + 20) / MapRenderer.CHARS_PER_TOKEN; // room for the counts
        MapRenderer.Rendered body = MapRenderer.render(ranking, root, Math.max(0, budget), readable);
        String text = header(body.files(), total, focus) + note + body.text();
        return new Rendered(text, body.files(), total, (text.length() + 3) / MapRenderer.CHARS_PER_TOKEN);
    }

    private static String header(int shown, int total, Focus focus) {
        String around = String.join(" ", focus.words().stream().sorted().toList());
        if (around.length() > 80) {
            around = around.substring(0, 80) + "…";
        }
        return String.format(Locale.ROOT, "Repository map: %d of %d source files, most referenced first%s;"
                + " each with the first lines of its main definitions.%n", shown, total,
                focus.isEmpty() ? "" : " (focus: " + around + ")");
    }

    /** The import graph between the workspace's files, refreshed first. */
    public synchronized ImportGraph imports() throws IOException {
        refresh();
        return graph.imports();
    }

    /** Why definitions are missing from the map, when they are (the engine is not installed). */
    public Optional<String> unavailable() {
        return source.unavailable();
    }

    /** How many files have been read for symbols since this map was opened (cached ones are not). */
    public synchronized long filesTagged() {
        return index.tagged();
    }

    /**
     * The ranking for a focus. The unfocused one is kept until the graph changes, and starts the next one
     * and the focused ones, which then converge in a few steps.
     */
    private Ranking ranking(Focus focus) {
        if (base == null || base.version != graph.version()) {
            base = Ranking.of(graph, Focus.NONE, base == null ? null : carried(base.files, graph.slots()));
        }
        return focus.isEmpty() ? base : Ranking.of(graph, focus, carried(base.files, graph.slots()));
    }

    /** Earlier ranks over the graph's slots now: new files start at the average, empty slots at 0. */
    private double[] carried(double[] earlier, int slots) {
        double[] out = new double[slots];
        double sum = 0;
        for (int f = 0; f < slots; f++) {
            if (graph.present(f)) {
                out[f] = f < earlier.length && earlier[f] > 0 ? earlier[f] : 1.0 / graph.size();
                sum += out[f];
            }
        }
        for (int f = 0; f < slots && sum > 0; f++) {
            out[f] /= sum;
        }
        return out;
    }

    /** Stops a refresh under way and closes the cache. */
    @Override
    public void close() {
        closed = true;
        synchronized (this) {
            index.close();
        }
    }
}
