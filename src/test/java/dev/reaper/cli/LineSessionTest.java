package dev.reaper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reaper.testing.CliRun;
import dev.reaper.testing.FakeProvider;
import dev.reaper.testing.Peers;
import dev.reaper.testing.Scripts;
import dev.reaper.testing.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code reaper} at a terminal without a full screen: prompts line by line, approvals answered with a line. */
class LineSessionTest {

    @TempDir
    Path home;

    @TempDir
    Path work;

    FakeProvider fake;

    @BeforeEach
    void start() throws Exception {
        fake = FakeProvider.start();
        Peers.gitRepo(work, "a.py", "def foo():\n    return 1\n");
    }

    @AfterEach
    void stop() {
        assertThat(fake.violations()).isEmpty();
        fake.close();
    }

    CliRun cli() {
        return new CliRun(home, work).provider("anthropic", fake).env("TERM", "xterm-256color");
    }

    @Test
    void approvesAnEditWithYAndStreamsTheAnswerToStdout() throws Exception {
        fake.conversation(Scripts.rename());
        CliRun.Result r = cli().typed("rename foo to bar in a.py\ny\n").run("--plain");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.readString(work.resolve("a.py"))).isEqualTo("def bar():\n    return 1\n");
        assertThat(r.out()).isEqualTo("Renamed foo to bar in a.py:1.\n");
        assertThat(r.err()).contains("? edit: ").contains("-def foo():").contains("+def bar():")
                .contains("allow? [y]es, [a]lways in this project, [n]o");
    }

    @Test
    void deniesWithNAndTheModelIsToldSo() throws Exception {
        fake.conversation(Scripts.rename());
        CliRun.Result r = cli().typed("rename foo to bar in a.py\nn\n").run();
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.readString(work.resolve("a.py"))).contains("def foo");
        assertThat(fake.chatRequests().get(2).bodyText()).contains("the user declined");
    }

    @Test
    void commandsWorkAndUndoRestoresTheFile() throws Exception {
        fake.conversation(Scripts.rename());
        CliRun.Result r = cli().typed("/permissions acceptEdits\nrename foo to bar in a.py\n/undo\n/cost\n/nope\n/quit\n"
                + "never sent\n").run();
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.readString(work.resolve("a.py"))).isEqualTo("def foo():\n    return 1\n");
        assertThat(r.err()).contains("permission mode: acceptEdits").contains("this session: $")
                .contains("unknown or full-screen-only command /nope");
        assertThat(fake.chatRequests()).hasSize(3);
    }

    @Test
    void aPromptOnTheCommandLineRunsFirstAndTheEndOfInputEndsTheSession() {
        fake.conversation(Step.text("Hi."));
        CliRun.Result r = cli().typed("").run("--plain", "say hi");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("Hi.\n");
        assertThat(r.err()).contains("/help for commands");
    }

    @Test
    void dumbTerminalsGetTheLineSessionToo() {
        fake.conversation(Step.text("Plain."));
        CliRun.Result r = cli().env("TERM", "dumb").typed("hello\n").run();
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("Plain.\n");
        assertThat(r.err()).contains("/help for commands");
    }
}
