package dev.reaper.bench;

import dev.reaper.testing.FakeProvider;
import dev.reaper.testing.Scripts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Whole-process benchmarks of Reaper as users run it, through scripts/reaper: start-up
 * ({@code --version}) and the one-shot rename task against an instant loopback provider. Reports the
 * median and spread of wall time, peak RSS (GNU time) and the size of the first request. Runs of the
 * two tasks are interleaved, so load from elsewhere on the machine hits both alike.
 *
 * <p>Usage: {@code ProcessBench RUNS OUTPUT_DIR}
 */
public final class ProcessBench {

    record Sample(double seconds, long rssKb) {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        Path outDir = Path.of(args.length > 1 ? args[1] : "bench");
        Path root = Path.of("").toAbsolutePath();
        Path launcher = root.resolve("scripts/reaper");
        Path home = Files.createTempDirectory("reaper-bench-home");
        Path work = Files.createTempDirectory("reaper-bench-work");
        boolean gnuTime = Files.isExecutable(Path.of("/usr/bin/time"));
        try (FakeProvider fake = FakeProvider.start()) {
            fake.conversation(Scripts.rename());
            git(work, "init", "-q");
            Map<String, String> env = Map.of("REAPER_HOME", home.toString(), "NO_COLOR", "1",
                    "ANTHROPIC_BASE_URL", fake.baseUrl(), "ANTHROPIC_API_KEY", "sk-ant-bench-000000001");
            List<String> version = List.of(launcher.toString(), "--version");
            List<String> rename = List.of(launcher.toString(), "-p", "rename foo to bar in a.py",
                    "--permission-mode", "acceptEdits");
            // warm-up: builds if needed, trains the start-up cache, fills the OS caches
            for (int i = 0; i < 3; i++) {
                Files.writeString(work.resolve("a.py"), "def foo():\n    return 1\n");
                time(version, work, env, gnuTime);
                time(rename, work, env, gnuTime);
            }
            int before = fake.chatRequests().size();
            List<Sample> v = new ArrayList<>();
            List<Sample> r = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                Files.writeString(work.resolve("a.py"), "def foo():\n    return 1\n");
                v.add(time(version, work, env, gnuTime));
                r.add(time(rename, work, env, gnuTime));
                if (!Files.readString(work.resolve("a.py")).startsWith("def bar")) {
                    throw new IllegalStateException("the rename task did not rename");
                }
            }
            int firstRequestBytes = fake.chatRequests().get(before).body().length;
            String report = report(runs, v, r, firstRequestBytes, gnuTime);
            System.out.print(report);
            Files.createDirectories(outDir);
            String stamp = LocalDate.now() + "-" + commit(root);
            Files.writeString(outDir.resolve("process-" + stamp + ".md"), report, StandardCharsets.UTF_8);
        }
    }

    static String report(int runs, List<Sample> v, List<Sample> r, int firstRequestBytes, boolean rss) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Whole-process benchmark\n\n");
        sb.append("- date: ").append(LocalDate.now()).append('\n');
        sb.append("- java: ").append(Runtime.version()).append(" (benchmark driver; Reaper runs on the JDK scripts/reaper picks)\n");
        sb.append("- cpus: ").append(Runtime.getRuntime().availableProcessors()).append('\n');
        sb.append("- runs: ").append(runs).append(" of each, interleaved, after 3 warm-up rounds\n\n");
        sb.append("| task | median s | min s | p90 s | peak RSS MB (max) |\n|---|---|---|---|---|\n");
        row(sb, "reaper --version", v, rss);
        row(sb, "one-shot rename (3 requests, 2 tools)", r, rss);
        sb.append("\nFirst request of a session (system prompt + tool schemas + prompt): ")
                .append(firstRequestBytes).append(" bytes\n");
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, List<Sample> samples, boolean rss) {
        List<Double> t = new ArrayList<>(samples.stream().map(Sample::seconds).toList());
        Collections.sort(t);
        long maxRss = samples.stream().mapToLong(Sample::rssKb).max().orElse(0);
        sb.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %s |%n", name, t.get(t.size() / 2), t.get(0),
                t.get((int) Math.ceil(t.size() * 0.9) - 1), rss ? String.format(Locale.ROOT, "%.0f", maxRss / 1024.0) : "n/a"));
    }

    static Sample time(List<String> command, Path dir, Map<String, String> env, boolean gnuTime) throws Exception {
        List<String> cmd = new ArrayList<>();
        Path rssFile = Files.createTempFile("reaper-bench", ".rss");
        if (gnuTime) {
            cmd.addAll(List.of("/usr/bin/time", "-q", "-f", "%M", "-o", rssFile.toString()));
        }
        cmd.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (exit " + p.exitValue() + ")");
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long rss = 0;
        if (gnuTime) {
            String s = Files.readString(rssFile).strip();
            rss = s.isEmpty() ? 0 : Long.parseLong(s.lines().reduce((a, b) -> b).orElse("0").strip());
        }
        Files.deleteIfExists(rssFile);
        return new Sample(seconds, rss);
    }

    private static void git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        new ProcessBuilder(cmd).directory(dir.toFile()).start().waitFor();
    }

    private static String commit(Path root) {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").directory(root.toFile()).start();
            String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return s.isEmpty() ? "unknown" : s;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
