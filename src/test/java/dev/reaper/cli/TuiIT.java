package dev.reaper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reaper.testing.FakeProvider;
import dev.reaper.testing.Peers;
import dev.reaper.testing.Step;
import dev.reaper.testing.Tmux;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real program in a real terminal: {@code scripts/reaper} started in a tmux pane against the loopback
 * provider, typed at with {@code send-keys}, read with {@code capture-pane}, as a user would use it.
 */
class TuiIT {

    static final Path ROOT = Path.of("").toAbsolutePath();

    @TempDir
    Path home;

    @TempDir
    Path work;

    @TempDir
    Path scratch;

    FakeProvider fake;
    final Tmux tmux = new Tmux();

    @BeforeEach
    void start() {
        Peers.require("tmux");
        Peers.require("git");
        Peers.require("pgrep");
        fake = FakeProvider.start();
    }

    @AfterEach
    void stop() throws Exception {
        tmux.close();
        assertThat(fake.violations()).isEmpty();
        fake.close();
    }

    /** Starts Reaper in a pane; the wrapper records the terminal settings before and after it runs. */
    void launch(int width, int height) throws Exception {
        Path wrapper = scratch.resolve("run.sh");
        Files.writeString(wrapper, String.join("\n",
                "#!/bin/bash",
                "cd '" + work + "'",
                "stty -g > '" + scratch.resolve("stty-before") + "'",
                "REAPER_HOME='" + home + "' ANTHROPIC_BASE_URL='" + fake.baseUrl() + "' ANTHROPIC_API_KEY=sk-ant-tmux-000001"
                        + " '" + ROOT.resolve("scripts/reaper") + "'",
                "echo \"REAPER_EXIT=$?\"",
                "stty -g > '" + scratch.resolve("stty-after") + "'",
                "exec sleep 600", ""));
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
        tmux.start("t", width, height, "env -u NO_COLOR -u OPENAI_API_KEY -u GEMINI_API_KEY " + wrapper);
    }

    String await(String what, Predicate<String> until) {
        return tmux.await("t", what, until, 60);
    }

    void type(String text) {
        tmux.type("t", text);
    }

    void keys(String... names) {
        tmux.keys("t", names);
    }

    void submit(String text) {
        type(text);
        await("the input to show " + text, s -> s.contains("› " + text.substring(0, Math.min(24, text.length()))));
        keys("Enter");
    }

    @Test
    void aWholeSessionInTmux() throws Exception {
        Peers.gitRepo(work, "a.py", "def foo():\n    return 1\n");
        String longAnswer = "Hello from the fake provider. " + "This answer streams in pieces. ".repeat(6);
        fake.enqueue(Step.text(longAnswer),
                Step.call("read", "{\"path\":\"a.py\"}"),
                Step.call("edit", "{\"path\":\"a.py\",\"old_string\":\"def foo():\",\"new_string\":\"def bar():\"}"),
                Step.text("Renamed foo to bar in a.py:1."),
                Step.text("A compared answer."),
                Step.text("A compared answer."));
        launch(100, 30);
        await("the first frame", s -> s.contains("Reaper is ready"));

        // a prompt and its streamed answer, with the cost in the status bar
        submit("say hello");
        String answered = await("the answer", s -> s.contains("Hello from the fake provider.") && !s.contains("working"));
        assertThat(answered).containsPattern("in [\\d.]+k? out \\d+");

        // an edit approved in the approval dialog's diff
        submit("rename foo to bar in a.py");
        String dialog = await("the approval dialog", s -> s.contains("approve edit"));
        assertThat(dialog).contains("-def foo():").contains("+def bar():");
        assertThat(Files.readString(work.resolve("a.py"))).contains("def foo");
        type("y");
        await("the edit to finish", s -> s.contains("Renamed foo to bar in a.py:1."));
        assertThat(Files.readString(work.resolve("a.py"))).isEqualTo("def bar():\n    return 1\n");

        // the cost pane
        keys("C-y");
        String cost = await("the cost pane", s -> s.contains("first token"));
        assertThat(cost).contains("session").contains("requests");
        keys("C-y");

        // undo restores the file and takes the turn out of the chat
        submit("/undo");
        await("the undo note", s -> s.contains("restored") && !s.contains("Renamed foo to bar"));
        assertThat(Files.readString(work.resolve("a.py"))).isEqualTo("def foo():\n    return 1\n");

        // two models side by side, continuing with the second
        submit("/compare anthropic/claude-sonnet-4-5,anthropic/claude-haiku-4-5 name it");
        String compared = await("both answers", s -> s.contains("continue with that answer"));
        assertThat(compared).contains("1 anthropic/claude-sonnet-4-5").contains("2 anthropic/claude-haiku-4-5");
        type("2");
        await("the chosen answer in the chat", s -> !s.contains("continue with that answer")
                && s.contains("A compared answer."));

        // a theme switched live: nord's background is in the pane's colours
        assertThat(tmux.colours("t")).doesNotContain("48;2;46;52;64");
        submit("/theme nord");
        await("the theme note", s -> s.contains("theme: nord"));
        assertThat(tmux.colours("t")).contains("48;2;46;52;64");

        // a resize redraws at the new size
        tmux.run("resize-window", "-t", "t", "-x", "72", "-y", "22");
        String small = await("a frame at 72 columns", s -> s.contains("─".repeat(72)) && !s.contains("─".repeat(73)));
        assertThat(small.lines().count()).isLessThanOrEqualTo(22);

        // ctrl+c twice quits, and the terminal is as it was
        keys("C-c");
        await("the quit hint", s -> s.contains("press ctrl+c again"));
        keys("C-c");
        String after = await("Reaper to exit", s -> s.contains("REAPER_EXIT="));
        assertThat(after).contains("REAPER_EXIT=0").contains("continue it with: reaper -r");
        waitForFile(scratch.resolve("stty-after"));
        assertThat(Files.readString(scratch.resolve("stty-after"))).isEqualTo(Files.readString(scratch.resolve("stty-before")));
        assertThat(tmux.pane("t", "alternate_on")).isEqualTo("0");
    }

    @Test
    void aSignalRestoresTheTerminal() throws Exception {
        launch(90, 24);
        await("the first frame", s -> s.contains("Reaper is ready"));
        String wrapper = tmux.pane("t", "pane_pid");
        String pid = new String(new ProcessBuilder("pgrep", "-P", wrapper).start().getInputStream().readAllBytes(),
                StandardCharsets.UTF_8).strip();
        assertThat(pid).as("the Java process under the pane").matches("\\d+");
        new ProcessBuilder("kill", "-TERM", pid).start().waitFor();
        String after = await("Reaper to exit", s -> s.contains("REAPER_EXIT="));
        assertThat(after).containsPattern("REAPER_EXIT=\\d+");
        waitForFile(scratch.resolve("stty-after"));
        assertThat(Files.readString(scratch.resolve("stty-after"))).isEqualTo(Files.readString(scratch.resolve("stty-before")));
        assertThat(tmux.pane("t", "alternate_on")).isEqualTo("0");
    }

    static void waitForFile(Path p) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Files.exists(p) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(p).exists();
    }
}
