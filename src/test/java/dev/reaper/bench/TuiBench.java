package dev.reaper.bench;

import dev.reaper.protocol.Message;
import dev.reaper.store.SessionStore;
import dev.reaper.store.Transcript;
import dev.reaper.testing.FakeProvider;
import dev.reaper.testing.Step;
import dev.reaper.testing.Tmux;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The full-screen UI as users see it, through scripts/reaper in a tmux pane: time to first paint (with
 * tmux's own start-up measured alongside, the same way), a 5,000 tokens/s answer (CPU, frame times, bytes
 * sent to the terminal, and how fast typed keys appear meanwhile), and a resumed 2,000-message session
 * scrolled from end to start (peak RSS).
 *
 * <p>Usage: {@code TuiBench RUNS OUTPUT_DIR}
 */
public final class TuiBench {

    static final int WIDTH = 120;
    static final int HEIGHT = 40;
    static final int STREAM_TOKENS = 15_000;
    static final int TOKENS_PER_SECOND = 5_000;
    static final int SESSION_MESSAGES = 2_000;

    private final Path launcher;
    private final Path home;
    private final Path work;
    private final Tmux tmux;
    private final FakeProvider fake;
    private final StringBuilder report = new StringBuilder();

    TuiBench(Path launcher, Path home, Path work, Tmux tmux, FakeProvider fake) {
        this.launcher = launcher;
        this.home = home;
        this.work = work;
        this.tmux = tmux;
        this.fake = fake;
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        Path outDir = Path.of(args.length > 1 ? args[1] : "bench");
        Path root = Path.of("").toAbsolutePath();
        Path home = Files.createTempDirectory("reaper-tui-bench-home");
        Path work = Files.createTempDirectory("reaper-tui-bench-work");
        new ProcessBuilder("git", "init", "-q").directory(work.toFile()).start().waitFor();
        try (FakeProvider fake = FakeProvider.start(); Tmux tmux = new Tmux()) {
            TuiBench b = new TuiBench(root.resolve("scripts/reaper"), home, work, tmux, fake);
            b.report.append("# Full-screen UI benchmark\n\n- date: ").append(LocalDate.now())
                    .append("\n- cpus: ").append(Runtime.getRuntime().availableProcessors())
                    .append("\n- terminal: tmux ").append(tmux.run("-V").strip().replace("tmux ", ""))
                    .append(", ").append(WIDTH).append("x").append(HEIGHT).append("\n\n");
            b.firstPaint(runs);
            b.stream();
            b.longSession();
            System.out.print(b.report);
            Files.createDirectories(outDir);
            String stamp = LocalDate.now() + "-" + commit(root);
            Files.writeString(outDir.resolve("tui-" + stamp + ".md"), b.report, StandardCharsets.UTF_8);
        }
    }

    String command(String extraEnv, String args) {
        return "env -u NO_COLOR REAPER_HOME='" + home + "' ANTHROPIC_BASE_URL='" + fake.baseUrl() + "'"
                + " ANTHROPIC_API_KEY=sk-ant-bench-000000001 " + extraEnv + " '" + launcher + "' " + args;
    }

    /**
     * From starting the pane to the first frame written to the terminal (Reaper notes when, in its frame
     * statistics), and from starting the pane to a command's first output, for tmux's own share.
     */
    void firstPaint(int runs) throws Exception {
        List<Double> reaper = new ArrayList<>();
        List<Double> baseline = new ArrayList<>();
        Path stats = home.resolve("first-paint.txt");
        Path printed = home.resolve("baseline.txt");
        for (int i = 0; i < runs + 2; i++) {
            Files.deleteIfExists(printed);
            long t0 = System.currentTimeMillis();
            tmux.start("b", WIDTH, HEIGHT, "date +%s%3N > '" + printed + "'; sleep 60");
            waitFor(printed);
            double base = Long.parseLong(Files.readString(printed).strip()) - t0;
            tmux.kill("b");
            Files.deleteIfExists(stats);
            t0 = System.currentTimeMillis();
            tmux.start("p", WIDTH, HEIGHT, "cd '" + work + "' && " + command("REAPER_FRAME_STATS='" + stats + "'", "")
                    + "; sleep 60");
            tmux.await("p", "the first frame", s -> s.contains("Reaper is ready"), 60);
            quit("p");
            waitFor(stats);
            double paint = firstFrameAt(Files.readString(stats)) - t0;
            tmux.kill("p");
            if (i >= 2) { // two warm-up rounds
                baseline.add(base);
                reaper.add(paint);
            }
        }
        report.append("## Time to first paint\n\n").append(runs).append(" runs each, interleaved, after 2 warm-up rounds.")
                .append(" From asking tmux for a new pane to Reaper's first frame written to the terminal (as Reaper")
                .append(" notes it), and to a shell's first command running in a pane, for tmux's own share.\n\n")
                .append("| | median ms | min ms | p90 ms |\n|---|---|---|---|\n");
        row("scripts/reaper, first frame", reaper);
        row("tmux alone (a new pane running date)", baseline);
        report.append(String.format(Locale.ROOT, "%nReaper's share (median difference): %.0f ms%n%n",
                median(reaper) - median(baseline)));
    }

    static long firstFrameAt(String stats) {
        for (String kv : stats.strip().split(" ")) {
            if (kv.startsWith("first_frame_epoch_ms=")) {
                return Long.parseLong(kv.substring(kv.indexOf('=') + 1));
            }
        }
        throw new IllegalStateException("no first frame time in " + stats);
    }

    static void waitFor(Path file) throws InterruptedException, IOException {
        for (int i = 0; i < 3000 && (!Files.exists(file) || Files.readString(file).isBlank()); i++) {
            Thread.sleep(10);
        }
        if (!Files.exists(file)) {
            throw new IllegalStateException(file + " never appeared");
        }
    }

    /** A 5,000 tokens/s answer: CPU of the process, frame times, bytes to the terminal, echo of typed keys. */
    void stream() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < STREAM_TOKENS * 4; i++) {
            text.append("## Part ").append(i).append("\n\nThe **stream** goes on with `code`, lists and prose, ")
                    .append("wrapping at the width of the pane as it grows.\n\n- one item\n- another item\n\n")
                    .append("```java\nint x").append(i).append(" = compute(").append(i).append(");\n```\n\n");
        }
        String answer = text.substring(0, STREAM_TOKENS * 4) + "\n\nEND OF STREAM";
        fake.enqueue(new Step.Paced(answer, TOKENS_PER_SECOND));
        Path stats = home.resolve("frame-stats.txt");
        tmux.start("s", WIDTH, HEIGHT, "cd '" + work + "' && " + command("REAPER_FRAME_STATS='" + stats + "'", "")
                + "; sleep 60");
        tmux.await("s", "the first frame", s -> s.contains("Reaper is ready"), 60);
        String pid = javaPid("s");
        long cpu0 = cpuTicks(pid);
        long t0 = System.nanoTime();
        tmux.type("s", "stream it");
        tmux.await("s", "the prompt", s -> s.contains("› stream it"), 10);
        tmux.keys("s", "Enter");
        tmux.await("s", "the stream to start", s -> s.contains("working") && s.contains("Part 0"), 30);
        List<Double> echo = new ArrayList<>();
        StringBuilder typed = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            typed.append('x');
            String expect = "› " + typed;
            long k0 = System.nanoTime();
            tmux.type("s", "x");
            String seen = tmux.await("s", "the typed key", s -> s.contains(expect) || s.contains("END OF STREAM"), 10);
            if (!seen.contains(expect)) {
                break;
            }
            echo.add((System.nanoTime() - k0) / 1e6);
            Thread.sleep(150);
        }
        tmux.await("s", "the end of the stream", s -> s.contains("END OF STREAM") && !s.contains("working"), 120);
        double wall = (System.nanoTime() - t0) / 1e9;
        long cpu = cpuTicks(pid) - cpu0;
        quit("s");
        tmux.await("s", "the exit", s -> s.contains("continue it with"), 30);
        waitFor(stats);
        String frames = Files.readString(stats).strip().replaceAll(" first_frame_epoch_ms=\\d+", "");
        tmux.kill("s");
        report.append("## Streaming ").append(STREAM_TOKENS).append(" tokens at ").append(TOKENS_PER_SECOND)
                .append(" tokens/s\n\nOne token (four characters of markdown) per server-sent event.\n\n")
                .append(String.format(Locale.ROOT, "- wall time from Enter to the last token on screen: %.2f s%n", wall))
                .append(String.format(Locale.ROOT, "- CPU of the Reaper process meanwhile: %.2f s (%.0f%% of one core)%n",
                        cpu / 100.0, cpu / 100.0 / wall * 100))
                .append("- frames (whole session): ").append(frames).append('\n')
                .append(String.format(Locale.ROOT, "- a typed key on screen during the stream: median %.0f ms, max %.0f ms"
                        + " (%d keys; includes a capture-pane poll)%n%n", median(echo),
                        echo.isEmpty() ? 0 : Collections.max(echo), echo.size()));
    }

    /** A stored 2,000-message session resumed, scrolled to its start and back: load time and peak RSS. */
    void longSession() throws Exception {
        SessionStore store = new SessionStore(home.resolve("data/sessions"), Clock.systemUTC());
        String id;
        try (Transcript t = store.create(work.toString(), "anthropic/claude-sonnet-4-5")) {
            id = t.sessionId();
            for (int i = 0; i < SESSION_MESSAGES / 2; i++) {
                t.appendMessage(Message.user(String.format(Locale.ROOT, "question %04d: what does part %d do?", i, i)));
                t.appendMessage(Message.assistant(String.format(Locale.ROOT, "## Answer %04d%n%nPart %d **computes** the"
                        + " total of `items` and applies the discount once.%n%n```java%nint total%d = sum(items);%n```"
                        + "%n%n- checked%n- tested%n", i, i, i)));
            }
        }
        long t0 = System.nanoTime();
        tmux.start("m", WIDTH, HEIGHT, "cd '" + work + "' && " + command("", "-r " + id) + "; sleep 60");
        tmux.await("m", "the resumed session", s -> s.contains("question 0999"), 120);
        double open = (System.nanoTime() - t0) / 1e6;
        String pid = javaPid("m");
        long t1 = System.nanoTime();
        tmux.keys("m", "C-Home");
        tmux.await("m", "the start of the session", s -> s.contains("question 0000"), 60);
        double top = (System.nanoTime() - t1) / 1e6;
        tmux.keys("m", "C-End");
        tmux.await("m", "the end again", s -> s.contains("question 0999"), 60);
        long hwm = peakRssKb(pid);
        quit("m");
        tmux.await("m", "the exit", s -> s.contains("continue it with"), 30);
        tmux.kill("m");
        report.append("## A ").append(SESSION_MESSAGES).append("-message session\n\n")
                .append(String.format(Locale.ROOT, "- resumed, to its last message on screen: %.0f ms%n", open))
                .append(String.format(Locale.ROOT, "- scrolled to its first message (every message laid out): %.0f ms%n", top))
                .append(String.format(Locale.ROOT, "- peak RSS of the process: %.0f MB%n", hwm / 1024.0));
    }

    void quit(String session) {
        tmux.keys(session, "C-c");
        tmux.await(session, "the quit hint", s -> s.contains("press ctrl+c again"), 10);
        tmux.keys(session, "C-c");
    }

    /** The Java process somewhere under the pane's shell (sh runs scripts/reaper, which execs java). */
    String javaPid(String session) throws InterruptedException {
        long shell = Long.parseLong(tmux.pane(session, "pane_pid"));
        for (int i = 0; i < 100; i++) {
            var found = ProcessHandle.of(shell).stream().flatMap(h -> Stream.concat(Stream.of(h),
                    h.descendants())).filter(h -> h.info().commandLine().orElse("").contains("dev.reaper.cli.Main"))
                    .findFirst();
            if (found.isPresent()) {
                return String.valueOf(found.get().pid());
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("no Java process under the pane");
    }

    static long cpuTicks(String pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", pid, "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
    }

    static long peakRssKb(String pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    void row(String name, List<Double> ms) {
        List<Double> t = new ArrayList<>(ms);
        Collections.sort(t);
        report.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f |%n", name, median(t), t.get(0),
                t.get((int) Math.ceil(t.size() * 0.9) - 1)));
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Double> t = new ArrayList<>(values);
        Collections.sort(t);
        return t.get(t.size() / 2);
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
