package dev.reaper.repomap;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * The files of a workspace as a graph for ranking: an edge from a file to each file defining an
 * identifier it uses (weighted as Aider does: by the square root of the uses, more for long distinctive
 * names, less for private-looking ones and for names many files define), and an edge along each import.
 *
 * <p>Identifier edges are kept as file → identifier → definers rather than multiplied out, so a name
 * defined in many files costs one entry per use, not one per pair; an identifier's weight is shared out
 * among its definers. Names defined in more than {@link #MAX_DEFINERS} files ({@code get}, {@code run})
 * say nothing about which file is meant and are left out, and so is a file's use of a name it defines
 * itself (the scanner sees the definition too). A member (a method, a field, a nested type) is its own
 * identifier, {@code Type.name}, and a file's use of {@code name} reaches it only when the file names
 * {@code Type} too: {@code sb.append(x)} is not a use of {@code Transcript.append} in a file that never
 * mentions a {@code Transcript}. Names a file imports by name are linked by the import, not by the name.
 * Names meet only within a {@linkplain Language#family family} of languages: a Java call to {@code add}
 * is not a use of a Python function {@code add}.
 *
 * <p>Updated in place as files change: a changed file's edges are worked out again, and so are the edges
 * of the files using a name whose definers changed, nothing else. A file keeps its slot for the life of
 * the graph (a deleted one is left empty), so rankings carry over. Imports are resolved again for the
 * changed files only, or for all of them when files come or go (an import may now find its file). Not
 * thread-safe: {@link RepoMap} serialises its use.
 */
final class FileGraph {

    static final int MAX_DEFINERS = 100;
    static final float IMPORT_WEIGHT = 4f;
    /** A member name found in more types than this ({@code close}, {@code get}) says nothing about which is meant. */
    static final int MAX_MEMBER_TYPES = 16;

    private static final int[] NONE = new int[0];
    private static final float[] NO_WEIGHTS = new float[0];

    private final Path root;
    private final List<String> files = new ArrayList<>();
    private final Map<String, Integer> fileIndex = new HashMap<>();
    /** Top-level identifiers by family, then by name; members are under their name in {@link #members}. */
    private final Map<String, Map<String, Integer>> identifiers = new HashMap<>();
    private final List<IntList> definers = new ArrayList<>();
    /** For each name, the files using it. */
    private final List<IntList> users = new ArrayList<>();
    /** For each name, the types with a member of that name (null while there are none). */
    private final List<Map<String, Member>> members = new ArrayList<>();
    /** Each file's language family ({@code ""} when unknown). */
    private final List<String> familyOf = new ArrayList<>();
    /** For each file, the names its imports bring in by name: linked by the import, not by the name. */
    private final List<Set<String>> importedNames = new ArrayList<>();
    private FileSymbols[] symbols = new FileSymbols[0];
    private boolean[] present = new boolean[0];
    /** For each file, every identifier it uses and the weight of its uses before the definers are known. */
    private int[][] references = new int[0][];
    /** The same identifiers in increasing order, to look one up. */
    private int[][] sortedReferences = new int[0][];
    private float[][] referenceWeights = new float[0][];
    /** For each file, the identifier of each of its definitions, in the order of its symbols. */
    private int[][] definitionIds = new int[0][];
    /** For each file, the identifiers it uses that other files define, and the weight of each. */
    private int[][] uses = new int[0][];
    private float[][] useWeights = new float[0][];
    private int[][] importTargets = new int[0][];
    private ImportGraph imports = ImportGraph.EMPTY;
    private int count;
    private long version;

    FileGraph(Path root) {
        this.root = root;
    }

    /**
     * Takes in changed and new files' symbols and drops deleted files. The {@link #version} goes up when
     * any edge or definer changed; when not, an earlier ranking still holds (only lines moved, or comments
     * changed). Stops early when {@code cancelled}, leaving the graph unfit for use: for closing only.
     */
    void apply(Map<String, FileSymbols> changed, Collection<String> removed, BooleanSupplier cancelled) {
        boolean filesChanged = false;
        Set<Integer> dirty = new HashSet<>(); // names whose definers (top-level or member) changed
        List<Integer> touched = new ArrayList<>();
        for (String path : removed) {
            Integer f = fileIndex.get(path);
            if (f != null && present[f]) {
                set(f, FileSymbols.EMPTY, dirty);
                present[f] = false;
                count--;
                filesChanged = true;
                touched.add(f);
            }
        }
        for (Map.Entry<String, FileSymbols> e : new TreeMap<>(changed).entrySet()) { // new slots in path order
            if (cancelled.getAsBoolean()) {
                return;
            }
            int f = slot(e.getKey());
            if (!present[f]) {
                present[f] = true;
                count++;
                filesChanged = true;
            }
            set(f, e.getValue(), dirty);
            touched.add(f);
        }
        Set<Integer> affected = new HashSet<>(touched);
        for (int id : dirty) {
            IntList u = read(users, id);
            for (int k = 0; k < u.size; k++) {
                affected.add(u.items[k]);
            }
        }
        boolean edgesChanged = false;
        for (int f : affected) {
            if (cancelled.getAsBoolean()) {
                return;
            }
            edgesChanged |= resolveUses(f);
        }
        edgesChanged |= filesChanged ? resolveAllImports() : resolveImports(touched);
        if (edgesChanged || !dirty.isEmpty()) {
            version++;
        }
    }

    private int slot(String path) {
        Integer known = fileIndex.get(path);
        if (known != null) {
            return known;
        }
        int f = files.size();
        files.add(path);
        fileIndex.put(path, f);
        if (f == symbols.length) {
            int n = Math.max(16, f * 2);
            symbols = Arrays.copyOf(symbols, n);
            present = Arrays.copyOf(present, n);
            references = Arrays.copyOf(references, n);
            sortedReferences = Arrays.copyOf(sortedReferences, n);
            definitionIds = Arrays.copyOf(definitionIds, n);
            referenceWeights = Arrays.copyOf(referenceWeights, n);
            uses = Arrays.copyOf(uses, n);
            useWeights = Arrays.copyOf(useWeights, n);
            importTargets = Arrays.copyOf(importTargets, n);
        }
        symbols[f] = FileSymbols.EMPTY;
        importedNames.add(Set.of());
        String family = Language.of(path).map(Language::family).orElse("");
        familyOf.add(family);
        references[f] = NONE;
        sortedReferences[f] = NONE;
        definitionIds[f] = NONE;
        referenceWeights[f] = NO_WEIGHTS;
        uses[f] = NONE;
        useWeights[f] = NO_WEIGHTS;
        importTargets[f] = NONE;
        return f;
    }

    /** Replaces a file's symbols, updating definers and users; marks names whose definers changed. */
    private void set(int f, FileSymbols next, Set<Integer> dirty) {
        Map<String, Integer> ids = identifiers.computeIfAbsent(familyOf.get(f), k -> new HashMap<>());
        Set<Definition> oldKeys = keys(symbols[f].definitions());
        Set<Definition> newKeys = keys(next.definitions());
        for (Definition d : oldKeys) {
            if (!newKeys.contains(d)) {
                IntList l = read(definers, id(ids, d));
                l.remove(f);
                int name = identifier(ids, d.name());
                if (!d.scope().isEmpty() && l.size == 0) {
                    members.get(name).remove(d.scope());
                }
                dirty.add(name);
            }
        }
        for (Definition d : newKeys) {
            if (!oldKeys.contains(d)) {
                write(definers, id(ids, d)).insertSorted(f);
                dirty.add(identifier(ids, d.name()));
            }
        }
        int[] defIds = new int[next.definitions().size()];
        for (int k = 0; k < defIds.length; k++) {
            defIds[k] = id(ids, next.definitions().get(k));
        }
        definitionIds[f] = defIds;
        for (int id : references[f]) {
            read(users, id).remove(f);
        }
        References r = next.references();
        int[] refs = new int[r.size()];
        float[] weights = new float[r.size()];
        for (int i = 0; i < refs.length; i++) {
            refs[i] = identifier(ids, r.name(i));
            weights[i] = (float) (nameWeight(r.name(i)) * Math.sqrt(r.count(i)));
            write(users, refs[i]).add(f);
        }
        references[f] = refs;
        int[] sorted = refs.clone();
        Arrays.sort(sorted);
        sortedReferences[f] = sorted;
        referenceWeights[f] = weights;
        importedNames.set(f, Language.of(files.get(f))
                .map(l -> ImportScanner.importedNames(l, next.imports())).orElse(Set.of()));
        symbols[f] = next;
    }

    /** A file's definitions as distinct (scope, name) pairs: kind and line dropped. */
    private static Set<Definition> keys(List<Definition> defs) {
        Set<Definition> out = new HashSet<>();
        for (Definition d : defs) {
            out.add(new Definition(d.name(), "", 0, d.scope()));
        }
        return out;
    }

    /**
     * The identifier of a definition: its name's at the top level; for a member, that of its type's member
     * of that name (made on first use).
     */
    private int id(Map<String, Integer> ids, Definition d) {
        int name = identifier(ids, d.name());
        if (d.scope().isEmpty()) {
            return name;
        }
        Map<String, Member> types = members.get(name);
        if (types == null) {
            types = new HashMap<>(4);
            members.set(name, types);
        }
        Member m = types.get(d.scope());
        if (m == null) {
            m = new Member(newIdentifier(), identifier(ids, d.scope()));
            types.put(d.scope(), m);
        }
        return m.id();
    }

    /**
     * A list of files by identifier, made when the first file goes in: most names are only used, or only
     * defined, so half the lists would stay empty.
     */
    private static IntList write(List<IntList> lists, int id) {
        IntList l = lists.get(id);
        if (l == null) {
            l = new IntList();
            lists.set(id, l);
        }
        return l;
    }

    private static IntList read(List<IntList> lists, int id) {
        IntList l = lists.get(id);
        return l == null ? IntList.EMPTY : l;
    }

    /** The identifier of a top-level name in a family (made on first use). */
    private int identifier(Map<String, Integer> ids, String name) {
        Integer id = ids.get(name);
        if (id != null) {
            return id;
        }
        int next = newIdentifier();
        ids.put(name, next);
        return next;
    }

    private int newIdentifier() {
        int next = definers.size();
        definers.add(null);
        users.add(null);
        members.add(null);
        return next;
    }

    /**
     * Works out which of a file's identifiers lead to other files: for each name it uses, the top-level
     * definitions of the name and the members of that name of each type the file also names. Returns
     * whether that changed.
     */
    private boolean resolveUses(int f) {
        int[] refs = references[f];
        float[] base = referenceWeights[f];
        Set<String> imported = importedNames.get(f);
        References names = symbols[f].references();
        IntList ids = new IntList();
        float[] weights = new float[refs.length];
        for (int i = 0; i < refs.length; i++) {
            String name = names.name(i);
            if (!imported.isEmpty() && imported.contains(name)) {
                continue;
            }
            weights = use(f, refs[i], base[i], ids, weights);
            Map<String, Member> types = members.get(refs[i]);
            if (types == null || types.size() > MAX_MEMBER_TYPES) {
                continue; // no members of that name, or one so common (close, get) that it says nothing
            }
            for (Map.Entry<String, Member> t : types.entrySet()) {
                Member m = t.getValue();
                if (!t.getKey().equals(name) && Arrays.binarySearch(sortedReferences[f], m.type()) >= 0) {
                    weights = use(f, m.id(), base[i], ids, weights); // (a constructor is its type: not a member)
                }
            }
        }
        int[] nextIds = ids.toArray();
        float[] nextWeights = Arrays.copyOf(weights, ids.size);
        boolean changed = !Arrays.equals(uses[f], nextIds) || !Arrays.equals(useWeights[f], nextWeights);
        uses[f] = nextIds;
        useWeights[f] = nextWeights;
        return changed;
    }

    /** Adds a use of an identifier unless it leads nowhere useful; returns the (maybe grown) weights. */
    private float[] use(int f, int id, float weight, IntList ids, float[] weights) {
        IntList d = read(definers, id);
        if (d.size == 0 || d.size > MAX_DEFINERS || d.contains(f)) {
            return weights; // defined nowhere, too common to mean one file, or (also) defined here: a local use
        }
        float[] w = ids.size == weights.length ? Arrays.copyOf(weights, Math.max(4, weights.length * 2)) : weights;
        w[ids.size] = d.size > 5 ? weight * 0.1f : weight;
        ids.add(id);
        return w;
    }

    /** Aider's weighting of a name: distinctive names count more, private-looking ones less. */
    static double nameWeight(String name) {
        boolean upper = false;
        boolean lower = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
        }
        boolean snake = name.indexOf('_') > 0;
        double m = (snake || (upper && lower)) && name.length() >= 8 ? 10 : 1;
        return name.startsWith("_") ? m * 0.1 : m;
    }

    private boolean resolveAllImports() {
        Map<String, FileSymbols> all = new HashMap<>();
        for (int f = 0; f < files.size(); f++) {
            if (present[f]) {
                all.put(files.get(f), symbols[f]);
            }
        }
        imports = ImportGraph.build(root, all);
        boolean changed = false;
        for (int f = 0; f < files.size(); f++) {
            changed |= setImportTargets(f);
        }
        return changed;
    }

    private boolean resolveImports(List<Integer> touched) {
        Map<String, FileSymbols> changed = new HashMap<>();
        for (int f : touched) {
            changed.put(files.get(f), symbols[f]);
        }
        imports = imports.with(changed);
        boolean any = false;
        for (int f : touched) {
            any |= setImportTargets(f);
        }
        return any;
    }

    private boolean setImportTargets(int f) {
        List<String> targets = present[f] ? imports.dependencies(files.get(f)) : List.of();
        int[] t = new int[targets.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = fileIndex.get(targets.get(i));
        }
        boolean changed = !Arrays.equals(importTargets[f], t);
        importTargets[f] = t;
        return changed;
    }

    /** Slots, including those of deleted files: the length of per-file arrays. */
    int slots() {
        return files.size();
    }

    /** Files present. */
    int size() {
        return count;
    }

    boolean present(int f) {
        return present[f];
    }

    String file(int f) {
        return files.get(f);
    }

    FileSymbols symbols(int f) {
        return symbols[f];
    }

    ImportGraph imports() {
        return imports;
    }

    /** Goes up whenever an edge or a definer changes: a ranking made at another version is out of date. */
    long version() {
        return version;
    }

    /** The identifier of each of a file's definitions, in the order of its symbols. */
    int[] definitionIds(int file) {
        return definitionIds[file];
    }

    /** The identifiers defined under a name in any family: top-level, and members of every type. */
    List<Integer> definedIdentifiers(String name) {
        List<Integer> out = new ArrayList<>();
        for (Map<String, Integer> ids : identifiers.values()) {
            Integer top = ids.get(name);
            if (top == null) {
                continue;
            }
            if (read(definers, top).size > 0) {
                out.add(top);
            }
            if (members.get(top) != null) {
                members.get(top).values().forEach(m -> out.add(m.id()));
            }
        }
        return out;
    }

    IntList definers(int identifier) {
        return read(definers, identifier);
    }

    int identifierCount() {
        return definers.size();
    }

    int[] uses(int file) {
        return uses[file];
    }

    float[] useWeights(int file) {
        return useWeights[file];
    }

    int[] importTargets(int file) {
        return importTargets[file];
    }

    /** A member identifier under its name: the identifier of {@code Type.name}, and that of {@code Type}. */
    private record Member(int id, int type) {}

    /** A growable, sorted-when-asked list of file slots. */
    static final class IntList {
        /** The list of an identifier no file has gone into: never changed. */
        static final IntList EMPTY = new IntList();

        int[] items = NONE;
        int size;

        void add(int v) {
            if (size == items.length) {
                items = Arrays.copyOf(items, Math.max(2, size * 2));
            }
            items[size++] = v;
        }

        void insertSorted(int v) {
            add(v);
            int i = size - 1;
            while (i > 0 && items[i - 1] > v) {
                items[i] = items[i - 1];
                i--;
            }
            items[i] = v;
        }

        void remove(int v) {
            for (int i = 0; i < size; i++) {
                if (items[i] == v) {
                    System.arraycopy(items, i + 1, items, i, size - i - 1);
                    size--;
                    return;
                }
            }
        }

        int[] toArray() {
            return Arrays.copyOf(items, size);
        }

        /** For a list kept sorted with {@link #insertSorted}. */
        boolean contains(int v) {
            return Arrays.binarySearch(items, 0, size, v) >= 0;
        }
    }
}
