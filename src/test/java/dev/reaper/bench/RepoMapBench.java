package dev.reaper.bench;

import dev.reaper.context.IgnoreRules;
import dev.reaper.repomap.Focus;
import dev.reaper.repomap.RepoMap;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The repo map on a large real codebase: the JDK's own sources ({@code lib/src.zip}, about 15,000 Java
 * files) unpacked into a temporary git repository. Measures the cold map (no cache: every file tagged,
 * the graph built and ranked, the map rendered), the map of a new process over the cache, the map
 * refreshed after one file changes (a method added that uses another class: re-tagged, the graph updated,
 * ranked again, rendered), a focused map, and peak RSS. Run with Reaper's JVM flags (C1 only, serial GC)
 * so the figures are Reaper's. Skipped, saying so, when no JDK with src.zip is found.
 *
 * <p>Usage: {@code RepoMapBench OUTPUT_DIR [SRC_ZIP]}
 */
public final class RepoMapBench {

    static final int TOKENS = 1024;
    static final int WARM_UP = 3;
    static final int ROUNDS = 15;
    static final String CHANGED = "java.base/java/util/HashMap.java";

    record Figures(int files, double coldSeconds, double coldCpuSeconds, double cachedSeconds, List<Double> refreshMs,
                   double noChangeMs, double focusMs, long peakRssMb, String map) {}

    public static void main(String[] args) throws Exception {
        Path outDir = Path.of(args.length > 0 ? args[0] : "bench");
        Optional<Path> zip = args.length > 1 ? Optional.of(Path.of(args[1])) : sources();
        if (zip.isEmpty() || !Files.isRegularFile(zip.get())) {
            System.out.println("RepoMapBench: skipped, no JDK lib/src.zip found (give its path as the second argument)");
            return;
        }
        Path work = Files.createTempDirectory("reaper-bench-jdk");
        Path cache = Files.createTempDirectory("reaper-bench-cache");
        try {
            int unpacked = unpack(zip.get(), work);
            git(work, "init", "-q");
            git(work, "add", "-A");
            git(work, "-c", "user.email=bench@example.com", "-c", "user.name=bench", "-c", "gc.auto=0",
                    "-c", "maintenance.auto=false", "commit", "-qm", "jdk sources"); // no gc left running behind
            // the unpacked files and git's objects go to disk first: a workspace is not being written when mapped
            new ProcessBuilder("sync").inheritIO().start().waitFor();
            Figures f = measure(work, cache);
            String report = report(zip.get(), unpacked, f);
            System.out.print(report);
            Files.createDirectories(outDir);
            String stamp = LocalDate.now() + "-" + commit();
            Files.writeString(outDir.resolve("repomap-" + stamp + ".md"), report, StandardCharsets.UTF_8);
        } finally {
            delete(work);
            delete(cache);
        }
    }

    static Figures measure(Path work, Path cache) throws IOException {
        IgnoreRules ignore = new IgnoreRules(work);
        double cpu0 = cpuSeconds();
        long t0 = System.nanoTime();
        RepoMap.Rendered cold;
        try (RepoMap map = RepoMap.open(work, ignore, cache)) {
            cold = map.render(Focus.NONE, TOKENS, p -> true);
        }
        double coldSeconds = (System.nanoTime() - t0) / 1e9;
        double coldCpu = cpuSeconds() - cpu0;

        long t1 = System.nanoTime();
        try (RepoMap map = RepoMap.open(work, new IgnoreRules(work), cache)) {
            map.render(Focus.NONE, TOKENS, p -> true);
            double cachedSeconds = (System.nanoTime() - t1) / 1e9;

            Path changed = work.resolve(CHANGED);
            String original = Files.readString(changed);
            List<Double> refresh = new ArrayList<>();
            for (int i = 0; i < WARM_UP + ROUNDS; i++) {
                int end = original.lastIndexOf('}');
                Files.writeString(changed, original.substring(0, end) + "    public int sizeOfBench" + i
                        + "(java.util.concurrent.ConcurrentHashMap<K, V> other) {\n        return other.size();\n    }\n}\n");
                // a stamp that moves even where file times are coarse
                Files.setLastModifiedTime(changed, FileTime.fromMillis(System.currentTimeMillis() + 1000L * (i + 1)));
                long s = System.nanoTime();
                RepoMap.Rendered r = map.render(Focus.NONE, TOKENS, p -> true);
                double ms = (System.nanoTime() - s) / 1e6;
                if (i >= WARM_UP) {
                    refresh.add(ms);
                }
                if (r.files() == 0) {
                    throw new IllegalStateException("the refreshed map is empty");
                }
            }
            if (map.filesTagged() != WARM_UP + ROUNDS) {
                throw new IllegalStateException("each change should re-tag one file, not " + map.filesTagged());
            }
            long s = System.nanoTime();
            map.render(Focus.NONE, TOKENS, p -> true);
            double noChange = (System.nanoTime() - s) / 1e6;
            s = System.nanoTime();
            map.render(Focus.of("ConcurrentHashMap computeIfAbsent"), TOKENS, p -> true);
            double focus = (System.nanoTime() - s) / 1e6;
            return new Figures(cold.files(), coldSeconds, coldCpu, cachedSeconds, refresh, noChange, focus,
                    peakRssMb(), cold.text());
        }
    }

    static String report(Path zip, int unpacked, Figures f) {
        List<Double> r = new ArrayList<>(f.refreshMs());
        Collections.sort(r);
        StringBuilder sb = new StringBuilder();
        sb.append("# Repo map benchmark: the JDK's sources\n\n");
        sb.append("- date: ").append(LocalDate.now()).append('\n');
        sb.append("- java: ").append(Runtime.version()).append(", flags: ")
                .append(String.join(" ", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()))
                .append('\n');
        sb.append("- cpus: ").append(Runtime.getRuntime().availableProcessors()).append(", load average at the start: ")
                .append(LOAD_AT_START).append(" (the machine is shared)\n");
        sb.append("- sources: ").append(zip).append(", ").append(unpacked).append(" files in a git repository, ")
                .append(f.files()).append(" source files mapped\n");
        sb.append("- ctags: ").append(ctagsVersion()).append("\n\n");
        sb.append("| measure | target | result |\n|---|---|---|\n");
        sb.append(String.format(Locale.ROOT, "| cold map (no cache: tag, graph, rank, render %d tokens) | ≤ 10 s | %.1f s |%n",
                TOKENS, f.coldSeconds()));
        sb.append(String.format(Locale.ROOT, "| cold map, CPU time of the JVM and ctags | | %.1f s |%n",
                f.coldCpuSeconds()));
        sb.append(String.format(Locale.ROOT, "| map of a new process over the cache | | %.1f s |%n", f.cachedSeconds()));
        sb.append(String.format(Locale.ROOT, "| refreshed map after one file changes, median of %d (min, max) | ≤ 200 ms |"
                + " %.0f ms (%.0f, %.0f) |%n", r.size(), r.get(r.size() / 2), r.get(0), r.get(r.size() - 1)));
        sb.append(String.format(Locale.ROOT, "| refreshed map, nothing changed | | %.0f ms |%n", f.noChangeMs()));
        sb.append(String.format(Locale.ROOT, "| focused map (2 identifiers) | | %.0f ms |%n", f.focusMs()));
        sb.append(String.format(Locale.ROOT, "| peak RSS of the JVM (ctags runs in its own processes) | | %d MB |%n",
                f.peakRssMb()));
        sb.append("\nThe change each round adds a method to ").append(CHANGED)
                .append(" that uses another class (new definition, new references), so the file is tagged again,")
                .append(" the graph updated and the files ranked again before the map is drawn.\n\n");
        sb.append("The cold map's first lines:\n\n```\n")
                .append(f.map().lines().limit(16).reduce((a, b) -> a + "\n" + b).orElse("")).append("\n```\n");
        return sb.toString();
    }

    /** The JDK's sources: Temurin 25's, else the running JDK's. */
    static Optional<Path> sources() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> dirs = Files.list(jvms)) {
                Optional<Path> temurin = dirs.filter(d -> d.getFileName().toString().matches(".*temurin.*25.*"))
                        .map(d -> d.resolve("lib/src.zip")).filter(Files::isRegularFile).sorted().findFirst();
                if (temurin.isPresent()) {
                    return temurin;
                }
            }
        }
        Path own = Path.of(System.getProperty("java.home"), "lib", "src.zip");
        return Files.isRegularFile(own) ? Optional.of(own) : Optional.empty();
    }

    static int unpack(Path zip, Path into) throws IOException {
        int n = 0;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                Path target = into.resolve(e.getName()).normalize();
                if (!target.startsWith(into) || e.isDirectory()) {
                    continue;
                }
                Files.createDirectories(target.getParent());
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                n++;
            }
        }
        return n;
    }

    static final String LOAD_AT_START = loadAverage();

    /** The one-minute load average (Linux), or "?". */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    /**
     * CPU time of this process and of the children it has waited for (ctags), from /proc/self/stat
     * (Linux; 0 elsewhere).
     */
    static double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
            return ticks / 100.0; // USER_HZ
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The JVM's peak resident set (Linux); 0 elsewhere. */
    static long peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return 0;
    }

    private static String ctagsVersion() {
        try {
            Process p = new ProcessBuilder("ctags", "--version").redirectErrorStream(true).start();
            try (InputStream in = p.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().findFirst().orElse("?");
            }
        } catch (IOException e) {
            return "not installed";
        }
    }

    private static void git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("git " + String.join(" ", args) + " failed");
        }
    }

    private static String commit() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").start();
            String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return s.isEmpty() ? "unknown" : s;
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
