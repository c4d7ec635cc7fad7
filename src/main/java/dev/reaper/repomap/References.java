package dev.reaper.repomap;

import java.util.Arrays;
import java.util.Map;

/**
 * The identifiers a file uses and how often, kept as two parallel arrays: a large workspace has millions
 * of them, too many for a map of boxed counts. Which of them name a definition elsewhere is decided when
 * the graph is built, since that depends on the other files.
 */
public final class References {

    public static final References NONE = new References(new String[0], new int[0]);

    private final String[] names;
    private final int[] counts;

    /** {@code names} sorted and distinct. */
    References(String[] names, int[] counts) {
        if (names.length != counts.length) {
            throw new IllegalArgumentException("names and counts differ in length");
        }
        this.names = names;
        this.counts = counts;
    }

    /** From names and their counts in any order; a name given twice (bytes UTF-8 cannot decode) is summed. */
    static References sorted(String[] names, int[] counts) {
        Integer[] order = new Integer[names.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> names[a].compareTo(names[b]));
        String[] n = new String[names.length];
        int[] c = new int[names.length];
        int size = 0;
        for (int i : order) {
            if (size > 0 && n[size - 1].equals(names[i])) {
                c[size - 1] += counts[i];
            } else {
                n[size] = names[i];
                c[size++] = counts[i];
            }
        }
        return new References(Arrays.copyOf(n, size), Arrays.copyOf(c, size));
    }

    public static References of(Map<String, Integer> counts) {
        String[] names = counts.keySet().stream().sorted().toArray(String[]::new);
        int[] c = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            c[i] = counts.get(names[i]);
        }
        return new References(names, c);
    }

    public int size() {
        return names.length;
    }

    public String name(int i) {
        return names[i];
    }

    public int count(int i) {
        return counts[i];
    }

    /** How often the file uses {@code name}; 0 when it does not. */
    public int countOf(String name) {
        int i = Arrays.binarySearch(names, name);
        return i >= 0 ? counts[i] : 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof References r && Arrays.equals(names, r.names) && Arrays.equals(counts, r.counts);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(names) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < names.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(names[i]).append('=').append(counts[i]);
        }
        return sb.append('}').toString();
    }
}
