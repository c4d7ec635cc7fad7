package dev.reaper.repomap;

import dev.reaper.context.FileWalker;
import dev.reaper.context.IgnoreRules;
import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The workspace's source files (by {@link Language}) and their stamps, found by walking it with its
 * ignore rules. Every refresh walks, so the walk is the floor of a refresh's cost: the folders at the top
 * are walked in parallel, one thread per core. A folder too large to map (a home directory, a disk) is
 * refused rather than walked to its end.
 */
final class SourceFiles {

    /** More source files than this is not a project (the JDK has 15,000, Linux 60,000). */
    static final int MAX_SOURCES = 100_000;
    /** Walking more files than this, source or not, is not worth a map. */
    static final int MAX_FILES = 1_000_000;

    private SourceFiles() {}

    /** The source files; throws when the workspace is too large to map. */
    static Map<String, Stamp> list(Path root, IgnoreRules ignore, BooleanSupplier cancelled) throws IOException {
        return list(root, ignore, cancelled, MAX_SOURCES, MAX_FILES);
    }

    static Map<String, Stamp> list(Path root, IgnoreRules ignore, BooleanSupplier cancelled, int maxSources,
                                   int maxFiles) throws IOException {
        Map<String, Stamp> out = new ConcurrentHashMap<>();
        AtomicInteger seen = new AtomicInteger();
        BooleanSupplier stop = () -> cancelled.getAsBoolean() || out.size() > maxSources || seen.get() > maxFiles;
        List<Path> folders = new ArrayList<>();
        try (DirectoryStream<Path> top = Files.newDirectoryStream(root)) {
            for (Path p : top) {
                BasicFileAttributes attrs;
                try {
                    attrs = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException e) {
                    continue; // gone since it was listed
                }
                if (attrs.isDirectory() && !ignore.isIgnoredEntry(p, true)) {
                    folders.add(p);
                } else if (attrs.isRegularFile() && !ignore.isIgnoredEntry(p, false)) {
                    seen.incrementAndGet();
                    add(root, p, attrs, out);
                }
            }
        }
        int threads = Math.min(folders.size(), Runtime.getRuntime().availableProcessors());
        if (threads <= 1) {
            for (Path folder : folders) {
                walk(root, folder, ignore, stop, seen, out);
            }
            return checked(out, seen, maxSources, maxFiles);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads,
                Thread.ofPlatform().name("reaper-walk-", 0).daemon().factory());
        try {
            List<Future<?>> walks = new ArrayList<>();
            for (Path folder : folders) {
                walks.add(pool.submit(() -> {
                    walk(root, folder, ignore, stop, seen, out);
                    return null;
                }));
            }
            for (Future<?> w : walks) {
                w.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while listing the workspace", e);
        } finally {
            pool.shutdownNow();
        }
        return checked(out, seen, maxSources, maxFiles);
    }

    private static Map<String, Stamp> checked(Map<String, Stamp> found, AtomicInteger seen, int maxSources,
                                              int maxFiles) throws IOException {
        if (found.size() > maxSources || seen.get() > maxFiles) {
            throw new IOException("the workspace has more than " + (found.size() > maxSources
                    ? String.format(Locale.ROOT, "%,d source files", maxSources)
                    : String.format(Locale.ROOT, "%,d files", maxFiles))
                    + ", too many to map: start Reaper in a project's folder");
        }
        return found;
    }

    private static void walk(Path root, Path folder, IgnoreRules ignore, BooleanSupplier stop, AtomicInteger seen,
                             Map<String, Stamp> out) throws IOException {
        FileWalker.walk(folder, ignore, stop, (file, attrs) -> {
            seen.incrementAndGet();
            add(root, file, attrs, out);
            return !stop.getAsBoolean();
        });
    }

    private static void add(Path root, Path file, BasicFileAttributes attrs, Map<String, Stamp> out) {
        String rel = root.relativize(file).toString();
        if (File.separatorChar != '/') {
            rel = rel.replace(File.separatorChar, '/');
        }
        if (Language.of(rel).isPresent()) {
            out.put(rel, new Stamp(attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS), attrs.size()));
        }
    }
}
