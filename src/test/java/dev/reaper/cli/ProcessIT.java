package dev.reaper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.json.Json;
import dev.reaper.testing.FakeProvider;
import dev.reaper.testing.Peers;
import dev.reaper.testing.Scripts;
import dev.reaper.testing.Step;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reaper as a user runs it: the real process started through {@code scripts/reaper}, against the loopback
 * provider. Covers what only a process can show: signals, a kill -9 in the middle of a run, pipes.
 */
class ProcessIT {

    static final Path ROOT = Path.of("").toAbsolutePath();
    static final Path LAUNCHER = ROOT.resolve("scripts/reaper");

    @TempDir
    Path home;

    @TempDir
    Path work;

    FakeProvider fake;

    @BeforeEach
    void start() {
        Peers.require("bash");
        fake = FakeProvider.start();
    }

    @AfterEach
    void stop() {
        assertThat(fake.violations()).isEmpty();
        fake.close();
    }

    record Done(int code, String out, String err) {}

    ProcessBuilder reaper(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(LAUNCHER.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile());
        Map<String, String> env = pb.environment();
        env.put("REAPER_HOME", home.toString());
        env.put("NO_COLOR", "1");
        env.put("ANTHROPIC_BASE_URL", fake.baseUrl());
        env.put("ANTHROPIC_API_KEY", "sk-ant-process-test-0001");
        env.remove("OPENAI_API_KEY");
        env.remove("GEMINI_API_KEY");
        return pb;
    }

    Done run(ProcessBuilder pb, String stdin) throws Exception {
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        if (stdin == null) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        Process p = pb.start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
        }
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("reaper finished").isTrue();
        return new Done(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void versionPrintsAndExitsZero() throws Exception {
        Done d = run(reaper("--version"), null);
        assertThat(d.code()).isZero();
        assertThat(d.out()).startsWith("reaper ");
    }

    @Test
    void theRenameTaskEditsTheFileAndPrintsTheAnswer() throws Exception {
        Peers.gitRepo(work, "a.py", "def foo():\n    return 1\n");
        fake.conversation(Scripts.rename());
        Done d = run(reaper("-p", "rename foo to bar in a.py", "--permission-mode", "acceptEdits"), null);
        assertThat(d.code()).as(d.err()).isZero();
        assertThat(d.out()).isEqualTo("Renamed foo to bar in a.py:1.\n");
        assertThat(Files.readString(work.resolve("a.py"))).startsWith("def bar():");
        assertThat(d.err()).contains("+def bar():");
    }

    @Test
    void pipedInputReachesTheModel() throws Exception {
        fake.conversation(Step.text("reviewed"));
        Done d = run(reaper("-p", "review this"), "--- a/x\n+++ b/x\n+added line\n");
        assertThat(d.code()).as(d.err()).isZero();
        assertThat(fake.chatRequests().get(0).bodyText()).contains("<stdin>").contains("+added line");
    }

    @Test
    void configurationErrorsExitThreeWithOneLine() throws Exception {
        Files.createDirectories(work.resolve(".reaper"));
        Files.writeString(work.resolve(".reaper/config.toml"), "model = \"anthropic/x\"\nfallbacks = [\n");
        Done d = run(reaper("-p", "hi"), null);
        assertThat(d.code()).isEqualTo(3);
        assertThat(d.err().strip().lines()).hasSize(1);
        assertThat(d.err()).contains("config.toml").contains("line");
    }

    @Test
    void ctrlCStopsTheStreamKeepsTheTranscriptAndExits130() throws Exception {
        fake.enqueue(new Step.Hang());
        Process p = reaper("-p", "hi", "--output-format", "json")
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        waitFor(() -> fake.chatRequests().size() == 1, "the request to reach the provider");
        new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(err).isEqualTo(130);
        JsonNode result = Json.parse(out);
        assertThat(result.path("subtype").asText()).isEqualTo("error_interrupted");
        assertThat(err).contains("interrupted").contains("reaper -r");
        assertThat(transcripts()).singleElement().asString().contains("\"status\":\"interrupted\"");
    }

    @Test
    void aRunKilledWithSigkillCanBeResumed() throws Exception {
        String marker = "sleep 47.25";
        fake.conversation(Step.call("bash", "{\"command\":\"" + marker + "\"}"), Step.text("resumed fine"));
        Process p = reaper("-p", "run the long command", "--permission-mode", "bypassPermissions")
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        try {
            waitFor(() -> transcripts().stream().anyMatch(t -> t.contains("\"tool_use\"")), "the tool call in the transcript");
            waitFor(() -> processRunning(marker), "the command to start");
            new ProcessBuilder("kill", "-KILL", String.valueOf(p.pid())).start().waitFor();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isEqualTo(137);
        } finally {
            new ProcessBuilder("pkill", "-f", marker).start().waitFor();
        }
        String id = Files.list(home.resolve("data/sessions")).findFirst().orElseThrow().getFileName().toString()
                .replace(".jsonl", "");
        Done d = run(reaper("-p", "go on", "--resume", id.substring(0, 8), "--output-format", "json"), null);
        assertThat(d.code()).as(d.err()).isZero();
        assertThat(Json.parse(d.out()).path("session_id").asText()).isEqualTo(id);
        assertThat(Json.parse(d.out()).path("result").asText()).isEqualTo("resumed fine");
        JsonNode messages = fake.chatRequests().get(1).json().path("messages");
        assertThat(messages.toString()).contains("interrupted: the session stopped before this tool call finished")
                .contains("go on");
    }

    private static boolean processRunning(String commandLine) {
        return ProcessHandle.allProcesses().anyMatch(h -> h.info().commandLine().map(c -> c.contains(commandLine)).orElse(false));
    }

    private List<String> transcripts() {
        Path dir = home.resolve("data/sessions");
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                out.add(Files.readString(f));
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
