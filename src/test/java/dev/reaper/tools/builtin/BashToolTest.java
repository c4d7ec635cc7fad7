package dev.reaper.tools.builtin;

import static dev.reaper.testing.ToolWorkspace.args;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reaper.secret.Redactor;
import dev.reaper.testing.ToolWorkspace;
import dev.reaper.tools.ToolFailure;
import dev.reaper.tools.ToolOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BashToolTest {

    /** Shell text that waits until a background child wrote its pid, so the test never races its start. */
    private static final String AWAIT_CHILD_PID = "while [ ! -s child.pid ]; do sleep 0.01; done; ";

    /** How long to wait for something that should happen promptly; generous for a busy machine. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path root;

    ToolWorkspace ws;
    final BashTool bash = new BashTool();

    @BeforeEach
    void setUp() {
        ws = new ToolWorkspace(root);
    }

    private ToolOutput run(String command) throws ToolFailure {
        return ws.run(bash, args("command", command));
    }

    private ToolOutput run(String command, long timeoutMs) throws ToolFailure {
        return ws.run(bash, args("command", command, "timeout_ms", timeoutMs));
    }

    /** Waits for a file a command writes, up to {@link #PATIENCE}. */
    private static void awaitFile(Path file) throws InterruptedException {
        Instant end = Instant.now().plus(PATIENCE);
        while (!Files.exists(file) && Instant.now().isBefore(end)) {
            Thread.sleep(20);
        }
        assertThat(file).exists();
    }

    /** The process whose pid a command wrote to a file. */
    private static long pidIn(Path file) throws Exception {
        awaitFile(file);
        String text = "";
        Instant end = Instant.now().plus(PATIENCE);
        while (text.isBlank() && Instant.now().isBefore(end)) {
            text = Files.readString(file).strip();
            Thread.sleep(10);
        }
        return Long.parseLong(text);
    }

    /** True once the process is gone, waiting up to {@link #PATIENCE} for it. */
    private static boolean goneWithinPatience(long pid) throws InterruptedException {
        Instant end = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(end)) {
            Optional<ProcessHandle> h = ProcessHandle.of(pid);
            if (h.isEmpty() || !h.get().isAlive()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    @Test
    void returnsTheOutputAndTheExitCode() throws Exception {
        assertThat(run("echo hello; echo oops >&2")).isEqualTo(ToolOutput.ok("hello\noops\n[exit code 0]"));
    }

    @Test
    void aNonZeroExitIsAnErrorResult() throws Exception {
        assertThat(run("echo failing; exit 3")).isEqualTo(ToolOutput.error("failing\n[exit code 3]"));
    }

    @Test
    void saysWhenThereWasNoOutput() throws Exception {
        assertThat(run("true")).isEqualTo(ToolOutput.ok("(no output)\n[exit code 0]"));
    }

    @Test
    void stdinIsEmptySoReadingItEndsAtOnce() throws Exception {
        assertThat(run("cat; echo after-cat", 60_000)).isEqualTo(ToolOutput.ok("after-cat\n[exit code 0]"));
    }

    @Test
    void runsInTheWorkspaceRoot() throws Exception {
        assertThat(run("pwd -P").text()).isEqualTo(root.toRealPath() + "\n[exit code 0]");
    }

    @Test
    void anEmptyCommandIsRefused() {
        assertThatThrownBy(() -> run("   ")).isInstanceOf(ToolFailure.class).hasMessage("the command is empty");
    }

    @Test
    void aTimeoutKillsTheCommandAndTheBackgroundChildItStarted() throws Exception {
        ToolOutput out = run("(echo $BASHPID > child.pid; exec sleep 60) & " + AWAIT_CHILD_PID + "echo started; wait",
                3000);

        assertThat(out.isError()).isTrue();
        assertThat(out.text()).startsWith("started\n").endsWith("[timed out after 3000 ms; the command was killed]");
        assertThat(goneWithinPatience(pidIn(root.resolve("child.pid")))).as("background child killed").isTrue();
    }

    @Test
    void aTimedOutCommandsDelayedBackgroundWorkNeverHappens() throws Exception {
        ToolOutput out = run("(sleep 3; touch marker) & sleep 60", 500);
        assertThat(out.text()).endsWith("[timed out after 500 ms; the command was killed]");

        Thread.sleep(6000); // well past the moment the background job would have touched the marker
        assertThat(root.resolve("marker")).doesNotExist();
    }

    @Test
    void backgroundJobsLeftWritingToTheOutputAreEndedWhenTheCommandExits() throws Exception {
        // Ended by the tool, or by SIGPIPE once the output is closed: either way it does not outlive the call.
        ToolOutput out = run("(echo $BASHPID > child.pid; while :; do echo tick; sleep 0.05; done) & " + AWAIT_CHILD_PID
                + "echo done", 60_000);

        assertThat(out.isError()).isFalse();
        assertThat(out.text()).contains("done\n").endsWith("[exit code 0]");
        assertThat(goneWithinPatience(pidIn(root.resolve("child.pid")))).as("background job ended").isTrue();
    }

    @Test
    void silentBackgroundJobsAreEndedWhenTheCommandExits() throws Exception {
        ToolOutput out = run("(echo $BASHPID > child.pid; exec sleep 60) >/dev/null 2>&1 & " + AWAIT_CHILD_PID
                + "echo done", 60_000);

        assertThat(out.text()).contains("done\n").endsWith("[exit code 0]");
        assertThat(goneWithinPatience(pidIn(root.resolve("child.pid")))).as("silent background job ended").isTrue();
    }

    @Test
    void cancellingFromAnotherThreadKillsTheProcessTree() throws Exception {
        CompletableFuture<ToolOutput> result = CompletableFuture.supplyAsync(() -> {
            try {
                return run("(echo $BASHPID > child.pid; exec sleep 60) & echo $$ > main.pid; wait", 300_000);
            } catch (ToolFailure e) {
                throw new IllegalStateException(e);
            }
        });
        long child = pidIn(root.resolve("child.pid"));
        long main = pidIn(root.resolve("main.pid"));

        ws.cancellation().cancel();

        ToolOutput out = result.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(out.isError()).isTrue();
        assertThat(out.text()).endsWith("[cancelled by the user; the command was killed]");
        assertThat(goneWithinPatience(child)).as("background child killed").isTrue();
        assertThat(goneWithinPatience(main)).as("shell killed").isTrue();
    }

    @Test
    void aCancelledTurnDoesNotRunTheCommandToCompletion() throws Exception {
        ws.cancellation().cancel();

        ToolOutput out = run("sleep 60; touch marker", 300_000);

        assertThat(out.isError()).isTrue();
        assertThat(out.text()).endsWith("[cancelled by the user; the command was killed]");
        assertThat(root.resolve("marker")).doesNotExist();
    }

    @Test
    void cutsLongOutputInTheMiddleAndSaysHowMuch() throws Exception {
        String full = IntStream.rangeClosed(1, 30_000).mapToObj(i -> i + "\n").collect(Collectors.joining());
        int half = BashTool.MAX_OUTPUT / 2;

        ToolOutput out = run("seq 1 30000", 60_000);

        assertThat(out).isEqualTo(ToolOutput.ok(full.substring(0, half)
                + "\n[... " + (full.length() - 2 * half) + " characters cut ...]\n"
                + full.substring(full.length() - half) + "[exit code 0]"));
    }

    @Test
    void keepsOutputJustUnderTheCapWhole() throws Exception {
        ToolOutput out = run("head -c " + BashTool.MAX_OUTPUT + " /dev/zero | tr '\\0' a", 60_000);

        assertThat(out).isEqualTo(ToolOutput.ok("a".repeat(BashTool.MAX_OUTPUT) + "\n[exit code 0]"));
    }

    @Test
    void theCommandSeesExactlyTheEnvironmentOfTheContext() throws Exception {
        ws = new ToolWorkspace(root, Map.of("PATH", System.getenv("PATH"), "REAPER_TEST_VAR", "from-context"));

        String text = run("echo \"[$REAPER_TEST_VAR][${ANTHROPIC_API_KEY-unset}][${HOME-unset}]\"").text();
        Set<String> names = run("env | cut -d= -f1").text().lines()
                .filter(l -> !l.startsWith("[exit code")).collect(Collectors.toSet());

        assertThat(text).isEqualTo("[from-context][unset][unset]\n[exit code 0]");
        assertThat(names).contains("PATH", "REAPER_TEST_VAR")
                .isSubsetOf("PATH", "REAPER_TEST_VAR", "PWD", "SHLVL", "_", "OLDPWD");
    }

    @Test
    void aProviderKeyRemovedFromTheEnvironmentIsNotVisible() throws Exception {
        // As the launcher does: the parent's environment less the provider's key variable.
        Map<String, String> env = new HashMap<>(ToolWorkspace.defaultEnvironment());
        env.put("OPENAI_API_KEY", "sk-visible-before-removal-0000");
        assertThat(new ToolWorkspace(root, env).run(bash, args("command", "echo \"${OPENAI_API_KEY-unset}\"")).text())
                .as("sanity: a key in the context is visible").isEqualTo("[REDACTED]\n[exit code 0]");
        env.remove("OPENAI_API_KEY");
        ws = new ToolWorkspace(root, env);

        assertThat(run("echo \"${OPENAI_API_KEY-unset}\"").text()).isEqualTo("unset\n[exit code 0]");
    }

    @Test
    void masksRegisteredSecretsInTheOutput() throws Exception {
        String secret = "reaper-bash-test-secret-" + System.nanoTime();
        Redactor.global().register(secret);

        ToolOutput out = run("echo token=" + secret);

        assertThat(out).isEqualTo(ToolOutput.ok("token=" + Redactor.MASK + "\n[exit code 0]"));
    }

    @Test
    void targetIsTheCommandLine() {
        assertThat(bash.targets(dev.reaper.json.Json.parse(args("command", "git status && ls")), ws.context()))
                .containsExactly("git status && ls");
    }
}
