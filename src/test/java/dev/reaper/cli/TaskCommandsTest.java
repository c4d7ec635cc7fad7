package dev.reaper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reaper.testing.CliRun;
import dev.reaper.testing.FakeProvider;
import dev.reaper.testing.Scripts;
import dev.reaper.testing.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** reaper explain, refactor and testgen through the real command line against the loopback provider. */
class TaskCommandsTest {

    @TempDir
    Path home;

    @TempDir
    Path work;

    FakeProvider fake;

    @BeforeEach
    void start() throws IOException {
        fake = FakeProvider.start();
        Files.writeString(work.resolve("a.py"), "def foo():\n    return 1\n\n\ndef other():\n    return foo()\n");
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    CliRun cli() {
        return new CliRun(home, work).provider("anthropic", fake);
    }

    @Test
    void explainAttachesTheNumberedLinesAndIsReadOnly() {
        fake.conversation(Step.text("foo returns 1."));
        CliRun.Result r = cli().run("explain", "a.py:1-2");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("foo returns 1.\n");
        String body = fake.chatRequests().get(0).bodyText();
        assertThat(body).contains("Explain a.py (lines 1-2)").contains("<file path=\\\"a.py\\\" lines=\\\"1-2\\\">")
                .contains("    1  def foo():\\n    2      return 1\\n</file>").doesNotContain("    5  def other");
    }

    @Test
    void refactorMayEditWithoutAsking() throws IOException {
        fake.conversation(Scripts.rename());
        CliRun.Result r = cli().run("refactor", "a.py", "rename foo to bar");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.readString(work.resolve("a.py"))).contains("def bar():");
    }

    @Test
    void aMissingFileOrLineIsAUsageError() {
        CliRun.Result missing = cli().run("explain", "nope.py");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no file nope.py");
        CliRun.Result line = cli().run("explain", "a.py:99");
        assertThat(line.exitCode()).isEqualTo(2);
        assertThat(line.err()).contains("a.py has 6 lines; there is no line 99");
        CliRun.Result goal = cli().run("refactor", "a.py", " ");
        assertThat(goal.exitCode()).isEqualTo(2);
        assertThat(fake.chatRequests()).isEmpty();
    }
}
