package dev.reaper.repomap;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which workspace files import which, by workspace-relative path: what the ranking adds to references, and
 * what a review follows from a changed file to the code that may break with it ({@link #dependents}).
 * Immutable: a refresh of the map makes a new one.
 */
public final class ImportGraph {

    static final ImportGraph EMPTY = new ImportGraph(null, Map.of());

    private final ImportResolver resolver;
    private final Map<String, List<String>> dependencies;
    /** Made when first asked for: the ranking needs only the dependencies. */
    private Map<String, List<String>> dependents;

    private ImportGraph(ImportResolver resolver, Map<String, List<String>> dependencies) {
        this.resolver = resolver;
        this.dependencies = dependencies;
    }

    /** Resolves every file's imports against the set of files. */
    static ImportGraph build(Path root, Map<String, FileSymbols> files) {
        ImportResolver resolver = new ImportResolver(root, files.keySet());
        Map<String, List<String>> out = new HashMap<>();
        files.forEach((file, symbols) -> {
            List<String> targets = resolve(resolver, file, symbols);
            if (!targets.isEmpty()) {
                out.put(file, targets);
            }
        });
        return new ImportGraph(resolver, Collections.unmodifiableMap(out));
    }

    /** The graph with some files' imports resolved again; the set of files must be the same. */
    ImportGraph with(Map<String, FileSymbols> changed) {
        if (changed.isEmpty()) {
            return this;
        }
        if (resolver == null) {
            throw new IllegalStateException("an empty import graph has no files to change");
        }
        Map<String, List<String>> out = new HashMap<>(dependencies);
        changed.forEach((file, symbols) -> {
            List<String> targets = resolve(resolver, file, symbols);
            if (targets.isEmpty()) {
                out.remove(file);
            } else {
                out.put(file, targets);
            }
        });
        return new ImportGraph(resolver, Collections.unmodifiableMap(out));
    }

    private static List<String> resolve(ImportResolver resolver, String file, FileSymbols symbols) {
        if (symbols.imports().isEmpty()) {
            return List.of();
        }
        Optional<Language> language = Language.of(file);
        if (language.isEmpty()) {
            return List.of();
        }
        List<String> targets = new ArrayList<>();
        for (String spec : symbols.imports()) {
            targets.addAll(resolver.resolve(file, language.get(), spec, symbols.references()));
        }
        return targets.stream().distinct().sorted().toList();
    }

    private static Map<String, List<String>> invert(Map<String, List<String>> dependencies) {
        Map<String, List<String>> in = new HashMap<>();
        dependencies.forEach((from, targets) -> {
            for (String t : targets) {
                in.computeIfAbsent(t, k -> new ArrayList<>()).add(from);
            }
        });
        in.replaceAll((k, v) -> v.stream().sorted().toList());
        return Collections.unmodifiableMap(in);
    }

    /** The workspace files {@code file} imports, sorted. */
    public List<String> dependencies(String file) {
        return dependencies.getOrDefault(file, List.of());
    }

    /** The workspace files that import {@code file}, sorted: those a change to it may break. */
    public synchronized List<String> dependents(String file) {
        if (dependents == null) {
            dependents = invert(dependencies);
        }
        return dependents.getOrDefault(file, List.of());
    }
}
