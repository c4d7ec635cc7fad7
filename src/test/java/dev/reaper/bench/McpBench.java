package dev.reaper.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.json.Json;
import dev.reaper.mcp.client.McpClient;
import dev.reaper.mcp.client.StdioTransport;
import dev.reaper.protocol.Cancellation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Reaper's MCP client over stdio: the time to initialise a server beyond the server's own start, and the latency
 * of a {@code tools/call} round trip. The server's own start is measured the plainest way: the program spawned
 * and sent {@code initialize} at once, until its answer arrives; Reaper's initialise (spawn, the handshake,
 * {@code notifications/initialized}) is measured the same way and the difference is Reaper's. Peers: the
 * reference server-everything (its {@code echo} tool) when installed, and Reaper's own {@code reaper mcp serve}
 * (its {@code read} tool on a small file).
 *
 * <p>Usage: {@code McpBench RUNS OUTPUT_DIR}
 */
public final class McpBench {

    static final int WARM_CALLS = 500;
    static final int CALLS = 2000;
    private static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"bench\","
            + "\"version\":\"1\"}}}\n";

    record Peer(String name, List<String> command, String tool, JsonNode arguments) {}

    record Figures(Peer peer, List<Double> rawStartMs, List<Double> clientInitMs, List<Double> callUs) {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path outDir = Path.of(args.length > 1 ? args[1] : "bench");
        Path root = Path.of("").toAbsolutePath();
        Path work = Files.createTempDirectory("reaper-mcp-bench");
        Files.writeString(work.resolve("a.txt"), "hello\n");
        List<Peer> peers = new ArrayList<>();
        everything(root).ifPresentOrElse(p -> peers.add(new Peer("server-everything (Node)", List.of(p.toString()),
                "echo", Json.object().put("message", "hi"))), () -> System.err.println(
                "McpBench: server-everything is not installed (scripts/test installs it); measuring Reaper's own"
                        + " server only"));
        String java = ProcessHandle.current().info().command().orElse("java");
        peers.add(new Peer("reaper mcp serve (JVM)", List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", absolute(System.getProperty("java.class.path")), "dev.reaper.cli.Main", "mcp", "serve"), "read",
                Json.object().put("path", "a.txt")));
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("REAPER_HOME", Files.createTempDirectory("reaper-mcp-bench-home").toString());

        List<Figures> all = new ArrayList<>();
        for (Peer peer : peers) {
            List<Double> raw = new ArrayList<>();
            List<Double> init = new ArrayList<>();
            List<Double> calls = new ArrayList<>();
            for (int i = 0; i <= runs; i++) {
                double r = rawStart(peer, work, env);
                long t0 = System.nanoTime();
                StdioTransport t = StdioTransport.launch("bench", peer.command(), work, env, Duration.ofSeconds(2));
                try (McpClient c = new McpClient("bench", t, work, McpClient.Timeouts.DEFAULT)) {
                    c.initialize("bench");
                    double ms = (System.nanoTime() - t0) / 1e6;
                    if (i > 0) { // the first run warms this JVM up
                        raw.add(r);
                        init.add(ms);
                    }
                    if (i == runs) {
                        calls = roundTrips(c, peer);
                    }
                }
            }
            all.add(new Figures(peer, raw, init, calls));
            System.err.printf(Locale.ROOT, "McpBench: %s: start %.1f ms, init %.1f ms, call %.0f µs%n", peer.name(),
                    median(raw), median(init), median(calls));
        }
        String stamp = LocalDate.now() + "-" + commit(root);
        Files.createDirectories(outDir);
        Files.writeString(outDir.resolve("mcp-" + stamp + ".md"), report(all, runs), StandardCharsets.UTF_8);
    }

    /** The class path with each entry absolute: the servers run in a workspace of their own. */
    private static String absolute(String classPath) {
        return String.join(java.io.File.pathSeparator, java.util.Arrays.stream(classPath.split(java.io.File.pathSeparator))
                .map(e -> Path.of(e).toAbsolutePath().toString()).toList());
    }

    private static Optional<Path> everything(Path root) {
        return Optional.ofNullable(System.getenv("REAPER_PEERS_DIR")).map(Path::of)
                .or(() -> Optional.of(root.resolve(".peers")))
                .map(d -> d.resolve("node_modules/.bin/mcp-server-everything")).filter(Files::isExecutable);
    }

    /** Spawn, send initialize at once, and wait for the first line of the answer: the server's own start. */
    private static double rawStart(Peer peer, Path work, Map<String, String> env) throws IOException,
            InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(peer.command()).directory(work.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().clear();
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream();
             BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            in.write(INIT.getBytes(StandardCharsets.UTF_8));
            in.flush();
            String line = out.readLine();
            double ms = (System.nanoTime() - t0) / 1e6;
            if (line == null || !line.contains("\"result\"")) {
                throw new IllegalStateException(peer.name() + " did not answer initialize: " + line);
            }
            return ms;
        } finally {
            p.destroy();
            p.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static List<Double> roundTrips(McpClient c, Peer peer) throws Exception {
        List<Double> us = new ArrayList<>();
        for (int i = 0; i < WARM_CALLS + CALLS; i++) {
            long t0 = System.nanoTime();
            JsonNode r = c.callTool(peer.tool(), peer.arguments(), new Cancellation());
            long took = System.nanoTime() - t0;
            if (r.path("isError").asBoolean(false)) {
                throw new IllegalStateException(peer.name() + " " + peer.tool() + " failed: " + r);
            }
            if (i >= WARM_CALLS) {
                us.add(took / 1e3);
            }
        }
        return us;
    }

    /** Each run's initialise minus the same run's own start (the two are measured back to back). */
    private static List<Double> differences(Figures f) {
        List<Double> d = new ArrayList<>();
        for (int i = 0; i < f.rawStartMs().size(); i++) {
            d.add(f.clientInitMs().get(i) - f.rawStartMs().get(i));
        }
        return d;
    }

    static double median(List<Double> xs) {
        return percentile(xs, 50);
    }

    static double percentile(List<Double> xs, int p) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.isEmpty() ? Double.NaN : s.get(Math.min(s.size() - 1, (int) Math.ceil(p / 100.0 * s.size()) - 1));
    }

    private static String report(List<Figures> all, int runs) {
        StringBuilder sb = new StringBuilder("# MCP client over stdio\n\n");
        sb.append(String.format(Locale.ROOT, "%d runs per server (after one warm-up run), %d calls per server (after"
                + " %d warm-up calls), on %d cores. Targets: initialise under 100 ms beyond the server's own start;"
                + " a call round trip under 1 ms median.%n%n", runs, CALLS, WARM_CALLS,
                Runtime.getRuntime().availableProcessors()));
        sb.append("| server | own start (spawn → initialize answered), median | Reaper's initialise, median |"
                + " Reaper's share | tools/call round trip, median | p90 | p99 |\n|---|---|---|---|---|---|---|\n");
        for (Figures f : all) {
            sb.append(String.format(Locale.ROOT, "| %s | %.1f ms | %.1f ms | %.1f ms | %.0f µs | %.0f µs | %.0f µs |%n",
                    f.peer().name(), median(f.rawStartMs()), median(f.clientInitMs()),
                    median(differences(f)), median(f.callUs()), percentile(f.callUs(), 90),
                    percentile(f.callUs(), 99)));
        }
        sb.append("\nThe tools are server-everything's `echo` and Reaper's `read` of a 6-byte file (through the"
                + " permission checks and the audit log). Reaper's share is the median of each run's difference"
                + " (the two are measured back to back): the handshake's second message, `notifications/initialized`,"
                + " and the client's own set-up. Below zero, it is smaller than the noise between two starts of the same"
                + " server.\n");
        return sb.toString();
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
