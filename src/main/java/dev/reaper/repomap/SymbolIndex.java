package dev.reaper.repomap;

import dev.reaper.context.IgnoreRules;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * The workspace's source files and their symbols, kept current. A refresh walks the workspace (its
 * ignore rules honoured), has the symbol source read the files that are new or whose stamp changed,
 * forgets deleted ones, and has the cache write just those rows. The first refresh starts from the
 * cache. Not thread-safe: {@link RepoMap} serialises its use.
 */
final class SymbolIndex {

    /** Larger files (generated code, bundles) are listed but not read. */
    static final long MAX_FILE_BYTES = 1 << 20;

    private static final Logger LOG = Logger.getLogger(SymbolIndex.class.getName());

    private final Path root;
    private final IgnoreRules ignore;
    private final SymbolSource source;
    private Optional<TagCache> cache;
    private final Map<String, TagCache.Row> files = new HashMap<>();
    /** One string per distinct name, shared by every file that has it. */
    private final Map<String, String> names = new HashMap<>();
    private boolean loaded;
    private long tagged;

    SymbolIndex(Path root, IgnoreRules ignore, SymbolSource source, Optional<TagCache> cache) {
        this.root = root;
        this.ignore = ignore;
        this.source = source;
        this.cache = cache;
    }

    /** What one refresh did: the files read again (new or changed) with their symbols, and those removed. */
    record Change(int files, int tagged, Map<String, FileSymbols> changed, List<String> removed) {}

    Change refresh(BooleanSupplier cancelled) throws IOException {
        if (!loaded) {
            loaded = true;
            load(cancelled);
        }
        Map<String, Stamp> current = SourceFiles.list(root, ignore, cancelled);
        if (cancelled.getAsBoolean()) {
            return new Change(files.size(), 0, Map.of(), List.of());
        }
        List<String> removed = new ArrayList<>();
        for (String f : files.keySet()) {
            if (!current.containsKey(f)) {
                removed.add(f);
            }
        }
        List<String> stale = new ArrayList<>();
        current.forEach((f, stamp) -> {
            TagCache.Row row = files.get(f);
            if (row == null || !row.stamp().equals(stamp)) {
                stale.add(f);
            }
        });
        Collections.sort(stale);
        List<String> readable = stale.stream().filter(f -> current.get(f).size() <= MAX_FILE_BYTES).toList();
        Map<String, FileSymbols> read = readable.isEmpty() ? Map.of() : source.read(root, readable, cancelled);
        if (cancelled.getAsBoolean()) {
            return new Change(files.size(), 0, Map.of(), List.of());
        }
        Map<String, TagCache.Row> changed = new HashMap<>();
        for (String f : stale) {
            FileSymbols s = read.get(f);
            changed.put(f, new TagCache.Row(current.get(f), s == null ? FileSymbols.EMPTY : interned(s)));
        }
        removed.forEach(files::remove);
        files.putAll(changed);
        tagged += readable.size();
        if (!changed.isEmpty() || !removed.isEmpty()) {
            save(changed, removed);
        }
        Map<String, FileSymbols> symbols = new HashMap<>();
        changed.forEach((f, row) -> symbols.put(f, row.symbols()));
        return new Change(files.size(), readable.size(), symbols, removed);
    }

    /** The indexed files and their symbols (read-only). */
    Map<String, TagCache.Row> files() {
        return Collections.unmodifiableMap(files);
    }

    /** How many files this index has had read since it was made. */
    long tagged() {
        return tagged;
    }

    void close() {
        cache.ifPresent(TagCache::close);
        cache = Optional.empty();
    }

    private void load(BooleanSupplier cancelled) {
        if (cache.isEmpty()) {
            return;
        }
        try {
            files.putAll(cache.get().load(this::intern, cancelled));
        } catch (IOException e) {
            LOG.warning(e.getMessage() + "; tagging the workspace again");
        }
    }

    private void save(Map<String, TagCache.Row> changed, List<String> removed) {
        cache.ifPresent(c -> c.save(changed, removed));
    }

    private String intern(String s) {
        String known = names.putIfAbsent(s, s);
        return known == null ? s : known;
    }

    private FileSymbols interned(FileSymbols s) {
        List<Definition> defs = new ArrayList<>(s.definitions().size());
        for (Definition d : s.definitions()) {
            defs.add(new Definition(intern(d.name()), intern(d.kind()), d.line(), intern(d.scope())));
        }
        References r = s.references();
        String[] n = new String[r.size()];
        int[] c = new int[r.size()];
        for (int i = 0; i < n.length; i++) {
            n[i] = intern(r.name(i));
            c[i] = r.count(i);
        }
        return new FileSymbols(defs, new References(n, c), s.imports());
    }
}
