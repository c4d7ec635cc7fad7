package dev.reaper.repomap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Writes a ranking as text for the model, as Aider does: files in rank order, each with the first lines
 * of its most important definitions, as many as fit a token budget (tokens estimated as characters / 4).
 * The candidates are every definition (and every file that defines nothing) by score; a binary search
 * finds how many of the best fit. Lines are read from the files as they are now.
 */
final class MapRenderer {

    static final int MAX_LINE = 120;
    static final int CHARS_PER_TOKEN = 4;

    /** A rendered map: its text and how many files it shows. */
    record Rendered(String text, int files) {}

    /** One candidate line: a definition's line in a file, or a file alone ({@code line} 0). */
    private record Candidate(int file, int line, double score) {}

    private final Ranking ranking;
    private final Path root;
    private final Map<Integer, String[]> lines = new HashMap<>();

    private MapRenderer(Ranking ranking, Path root) {
        this.ranking = ranking;
        this.root = root;
    }

    static Rendered render(Ranking ranking, Path root, int maxTokens, Predicate<String> readable) {
        return new MapRenderer(ranking, root).fit(maxTokens, readable);
    }

    private Rendered fit(int maxTokens, Predicate<String> readable) {
        List<Candidate> best = best(maxTokens, readable);
        int maxChars = maxTokens * CHARS_PER_TOKEN;
        int lo = 0;
        int hi = best.size();
        String fitted = "";
        int files = 0;
        while (lo < hi) { // the largest count whose text fits
            int mid = (lo + hi + 1) >>> 1;
            StringBuilder text = new StringBuilder();
            int shown = text(best.subList(0, mid), maxChars, text);
            if (text.length() <= maxChars) {
                lo = mid;
                fitted = text.toString();
                files = shown;
            } else {
                hi = mid - 1;
            }
        }
        return new Rendered(fitted, files);
    }

    /**
     * The best candidates by score, at most as many as could fit (each line takes at least two tokens).
     * Files are visited in rank order, and the visit stops once no definition of the next file could beat
     * the worst candidate kept: a large workspace's long tail is never scored.
     */
    private List<Candidate> best(int maxTokens, Predicate<String> readable) {
        int limit = Math.max(1, maxTokens / 2);
        Comparator<Candidate> byScore = Comparator.comparingDouble(Candidate::score)
                .thenComparing(Candidate::file, Comparator.reverseOrder())
                .thenComparing(Candidate::line, Comparator.reverseOrder());
        PriorityQueue<Candidate> heap = new PriorityQueue<>(limit + 1, byScore);
        FileGraph g = ranking.graph;
        for (int f : ranking.order()) {
            if (heap.size() == limit && ranking.bound(f) < heap.peek().score()) {
                break;
            }
            if (!readable.test(g.file(f))) {
                continue;
            }
            List<Definition> defs = g.symbols(f).definitions();
            if (defs.isEmpty()) {
                offer(heap, new Candidate(f, 0, ranking.files[f]), limit, byScore);
            }
            for (int k = 0; k < defs.size(); k++) {
                offer(heap, new Candidate(f, defs.get(k).line(), ranking.score(f, k)), limit, byScore);
            }
        }
        List<Candidate> out = new ArrayList<>(heap);
        out.sort(byScore.reversed());
        return out;
    }

    private static void offer(PriorityQueue<Candidate> heap, Candidate c, int limit, Comparator<Candidate> order) {
        if (heap.size() < limit) {
            heap.add(c);
        } else if (order.compare(c, heap.peek()) > 0) {
            heap.poll();
            heap.add(c);
        }
    }

    /** Writes the candidates grouped by file, files in rank order; stops once past {@code maxChars}. */
    private int text(List<Candidate> chosen, int maxChars, StringBuilder out) {
        Map<Integer, TreeSet<Integer>> byFile = new TreeMap<>(ranking::compare);
        for (Candidate c : chosen) {
            TreeSet<Integer> set = byFile.computeIfAbsent(c.file(), k -> new TreeSet<>());
            if (c.line() > 0) {
                set.add(c.line());
            }
        }
        for (Map.Entry<Integer, TreeSet<Integer>> e : byFile.entrySet()) {
            String path = ranking.graph.file(e.getKey());
            if (e.getValue().isEmpty()) {
                out.append(path).append('\n');
                continue;
            }
            out.append(path).append(":\n");
            String[] text = lines(e.getKey());
            for (int line : e.getValue()) {
                if (line <= text.length) {
                    out.append('│').append(shown(text[line - 1])).append('\n');
                }
            }
            if (out.length() > maxChars) {
                break;
            }
        }
        return byFile.size();
    }

    private static String shown(String line) {
        String s = line.stripTrailing();
        return s.length() <= MAX_LINE ? s : s.substring(0, MAX_LINE) + "…";
    }

    private String[] lines(int file) {
        return lines.computeIfAbsent(file, f -> {
            try {
                return new String(Files.readAllBytes(root.resolve(ranking.graph.file(f))), StandardCharsets.UTF_8)
                        .split("\r?\n", -1);
            } catch (IOException e) {
                return new String[0]; // gone since the refresh: shown as a name only
            }
        });
    }
}
