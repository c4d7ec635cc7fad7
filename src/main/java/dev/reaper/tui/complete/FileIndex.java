package dev.reaper.tui.complete;

import dev.reaper.context.FileWalker;
import dev.reaper.context.IgnoreRules;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The workspace's files (honouring .gitignore and .reaperignore), listed once on first use, for
 * {@code @path} completion with fuzzy matching.
 */
public final class FileIndex {

    static final int MAX_FILES = 50_000;

    private final Path root;
    private final IgnoreRules ignore;
    private volatile List<String> files;

    public FileIndex(Path root, IgnoreRules ignore) {
        this.root = root;
        this.ignore = ignore;
    }

    /** The files; listed on the calling thread if no listing has finished yet. */
    public List<String> files() {
        List<String> f = files;
        if (f == null) {
            f = walk();
            files = f;
        }
        return f;
    }

    /** Lists the files again in the background (files were created or removed); until then the old list serves. */
    public void refresh() {
        Thread.ofVirtual().name("reaper-files").start(() -> files = walk());
    }

    private List<String> walk() {
        List<String> all = new ArrayList<>();
        try {
            FileWalker.walk(root, ignore, () -> false, (file, attrs) -> {
                all.add(root.relativize(file).toString().replace('\\', '/'));
                return all.size() < MAX_FILES;
            });
        } catch (IOException | RuntimeException e) {
            // list what was found
        }
        return List.copyOf(all);
    }

    /** Paths matching {@code query} as a subsequence, best first: contiguous and file-name matches win. */
    public List<String> match(String query, int limit) {
        List<Scored> scored = new ArrayList<>();
        for (String f : files()) {
            int s = score(f, query);
            if (s > Integer.MIN_VALUE) {
                scored.add(new Scored(f, s));
            }
        }
        scored.sort(Comparator.comparingInt(Scored::score).reversed().thenComparing(Scored::path));
        return scored.stream().limit(limit).map(Scored::path).toList();
    }

    private record Scored(String path, int score) {}

    static int score(String path, String query) {
        if (query.isEmpty()) {
            return -path.length();
        }
        String p = path.toLowerCase(java.util.Locale.ROOT);
        String q = query.toLowerCase(java.util.Locale.ROOT);
        int name = p.lastIndexOf('/') + 1;
        int score = 0;
        int at = 0;
        int last = -2;
        for (int i = 0; i < q.length(); i++) {
            int found = p.indexOf(q.charAt(i), at);
            if (found < 0) {
                return Integer.MIN_VALUE;
            }
            score += found == last + 1 ? 5 : 0;
            score += found >= name ? 3 : 0;
            score += found == 0 || p.charAt(found - 1) == '/' || p.charAt(found - 1) == '_' || p.charAt(found - 1) == '-'
                    ? 4 : 0;
            last = found;
            at = found + 1;
        }
        // whole-word evidence outweighs scattered letters: the file's own name first
        String fileName = p.substring(name);
        int dot = fileName.lastIndexOf('.');
        String stem = dot > 0 ? fileName.substring(0, dot) : fileName;
        if (stem.equals(q)) {
            score += 60;
        } else if (fileName.startsWith(q)) {
            score += 30;
        } else if (fileName.contains(q)) {
            score += 20;
        } else if (p.contains(q)) {
            score += 10;
        }
        return score - path.length() / 8;
    }
}
