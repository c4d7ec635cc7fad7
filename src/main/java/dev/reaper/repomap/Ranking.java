package dev.reaper.repomap;

import java.util.Arrays;
import java.util.Set;

/**
 * Personalised PageRank over a {@link FileGraph}: a file ranks high when highly ranked files use what it
 * defines or import it. Without a focus every file is an equally likely place to start; with one, most of
 * the starting weight goes to the files named and to the files defining the identifiers named, and uses
 * of those identifiers weigh ten times more. Each definition then scores by the rank that flowed to it
 * along uses of its name, which orders what the map shows of each file. A ranking describes the graph as
 * it was at {@link #version}.
 */
final class Ranking {

    static final double DAMPING = 0.85;
    /** Enough to order files: the ranks of a workspace sum to 1. */
    static final double TOLERANCE = 1e-6;
    static final int MAX_ITERATIONS = 100;
    /** Of the starting weight, what goes to the focus (the rest stays spread over every file). */
    static final double FOCUS_SHARE = 0.9;
    static final float MENTIONED = 10f;
    /** How much of its file's rank a definition gets for its kind: orders a file's unused definitions. */
    static final double KIND_SHARE = 1e-3;
    private static final int SLOT_BITS = 22;
    private static final long SLOT_MASK = (1L << SLOT_BITS) - 1;

    private static final Set<String> TYPES = Set.of("class", "interface", "struct", "enum", "trait", "type",
            "typedef", "alias", "record", "union", "object", "annotation", "protocol");
    private static final Set<String> ROUTINES = Set.of("function", "method", "member", "func", "constructor",
            "macro", "subroutine", "procedure", "prototype", "singletonMethod");

    final FileGraph graph;
    final long version;
    /** Each file's rank (0 for an empty slot); they sum to 1. */
    final double[] files;
    /** The rank that flows into each identifier along its uses, shared among its definers. */
    private final double[] flow;
    private final boolean[] mentioned;
    /** Whether the focus names any identifier: scores may then be up to {@link #MENTIONED} times larger. */
    final boolean mentions;
    private int[] order;
    private int[] position;

    private Ranking(FileGraph graph, double[] files, double[] flow, boolean[] mentioned, boolean mentions) {
        this.graph = graph;
        this.version = graph.version();
        this.files = files;
        this.flow = flow;
        this.mentioned = mentioned;
        this.mentions = mentions;
    }

    /**
     * Ranks the graph's files. {@code start} (ranks by slot from an earlier ranking, or null) only speeds
     * convergence: the result does not depend on it.
     */
    static Ranking of(FileGraph g, Focus focus, double[] start) {
        int n = g.slots();
        boolean[] mentioned = new boolean[g.identifierCount()];
        double[] teleport = teleport(g, focus, mentioned);
        boolean mentions = false;
        for (boolean m : mentioned) {
            mentions |= m;
        }
        double[] rank = start != null && start.length == n ? start.clone() : teleport.clone();
        double[] next = new double[n];
        double[] flow = new double[g.identifierCount()];
        double[] outWeight = new double[n];
        for (int f = 0; f < n; f++) {
            double w = FileGraph.IMPORT_WEIGHT * g.importTargets(f).length;
            int[] uses = g.uses(f);
            float[] weights = g.useWeights(f);
            for (int i = 0; i < uses.length; i++) {
                w += weights[i] * (mentioned[uses[i]] ? MENTIONED : 1f);
            }
            outWeight[f] = w;
        }
        int iteration = 0;
        while (iteration < MAX_ITERATIONS) {
            iteration++;
            Arrays.fill(next, 0);
            Arrays.fill(flow, 0);
            double dangling = 0;
            for (int f = 0; f < n; f++) {
                if (outWeight[f] == 0) {
                    dangling += rank[f];
                    continue;
                }
                double share = rank[f] / outWeight[f];
                int[] uses = g.uses(f);
                float[] weights = g.useWeights(f);
                for (int i = 0; i < uses.length; i++) {
                    flow[uses[i]] += share * weights[i] * (mentioned[uses[i]] ? MENTIONED : 1f);
                }
                for (int t : g.importTargets(f)) {
                    next[t] += share * FileGraph.IMPORT_WEIGHT;
                }
            }
            for (int id = 0; id < flow.length; id++) {
                if (flow[id] > 0) {
                    FileGraph.IntList definers = g.definers(id);
                    double each = flow[id] / definers.size;
                    for (int k = 0; k < definers.size; k++) {
                        next[definers.items[k]] += each;
                    }
                }
            }
            double delta = 0;
            for (int f = 0; f < n; f++) {
                double r = DAMPING * next[f] + (1 - DAMPING + DAMPING * dangling) * teleport[f];
                delta += Math.abs(r - rank[f]);
                next[f] = r;
            }
            double[] swap = rank;
            rank = next;
            next = swap;
            if (delta < TOLERANCE) {
                break;
            }
        }
        return new Ranking(g, rank, flow, mentioned, mentions);
    }

    /** Where the walk restarts: evenly, or mostly at the focus; marks the identifiers the focus names. */
    private static double[] teleport(FileGraph g, Focus focus, boolean[] mentioned) {
        int n = g.slots();
        double[] p = new double[n];
        if (g.size() == 0) {
            return p;
        }
        double[] focusWeight = new double[n];
        double total = 0;
        for (String word : focus.words()) {
            for (int f = 0; f < n; f++) {
                if (g.present(f) && names(g.file(f), word)) {
                    focusWeight[f] += 1;
                    total += 1;
                }
            }
            for (int id : g.definedIdentifiers(word)) {
                mentioned[id] = true;
                FileGraph.IntList definers = g.definers(id);
                for (int k = 0; k < definers.size; k++) {
                    focusWeight[definers.items[k]] += 1.0 / definers.size;
                }
                total += 1;
            }
        }
        double base = total > 0 ? (1 - FOCUS_SHARE) / g.size() : 1.0 / g.size();
        for (int f = 0; f < n; f++) {
            if (g.present(f)) {
                p[f] = base + (total > 0 ? FOCUS_SHARE * focusWeight[f] / total : 0);
            }
        }
        return p;
    }

    /** Whether a word names a file: its path, the end of its path, or its name with or without extension. */
    static boolean names(String file, String word) {
        if (file.equals(word) || file.endsWith("/" + word) || word.endsWith("/" + file)) {
            return true;
        }
        String name = file.substring(file.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 && name.substring(0, dot).equals(word);
    }

    /**
     * How much a definition matters: the rank that reached it along uses of its name (ten times more when
     * the focus names it), plus a little of its file's rank by kind (types before functions before the
     * rest), so a file's unused definitions still come in a sensible order.
     */
    double score(int file, int definition) {
        double s = 0;
        int id = graph.definitionIds(file)[definition];
        if (id < flow.length) {
            int definers = graph.definers(id).size;
            s = flow[id] / definers * (mentioned[id] ? MENTIONED : 1);
        }
        String kind = graph.symbols(file).definitions().get(definition).kind();
        return s + files[file] * KIND_SHARE * kindWeight(kind);
    }

    /**
     * The present files, highest rank first; equal ranks (to 1e-12) in slot order, which is path order
     * among the files found together. Worked out once, sorting numbers: a rank above a slot in one key.
     */
    int[] order() {
        if (order == null) {
            long[] keys = new long[graph.size()];
            int n = 0;
            for (int f = 0; f < graph.slots(); f++) {
                if (graph.present(f)) {
                    keys[n++] = ((long) (files[f] * (1L << 40)) << SLOT_BITS) | (SLOT_MASK - f);
                }
            }
            Arrays.sort(keys);
            order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = (int) (SLOT_MASK - (keys[n - 1 - i] & SLOT_MASK));
            }
            position = new int[graph.slots()];
            for (int i = 0; i < n; i++) {
                position[order[i]] = i;
            }
        }
        return order;
    }

    /** Orders two present files as {@link #order} does. */
    int compare(int a, int b) {
        order();
        return Integer.compare(position[a], position[b]);
    }

    /**
     * The most any definition of a file can score: what flows into a file along uses is at most its rank
     * over the damping, and the kind share adds at most three shares.
     */
    double bound(int file) {
        return files[file] * ((mentions ? MENTIONED : 1) / DAMPING + 3 * KIND_SHARE) * 1.01;
    }

    private static int kindWeight(String kind) {
        return TYPES.contains(kind) ? 3 : ROUTINES.contains(kind) ? 2 : 1;
    }
}
