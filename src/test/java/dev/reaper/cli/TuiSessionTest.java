package dev.reaper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import dev.reaper.app.Reaper;
import dev.reaper.config.Env;
import dev.reaper.testing.FakeProvider;
import dev.reaper.testing.Peers;
import dev.reaper.testing.Scripts;
import dev.reaper.testing.Step;
import dev.reaper.tui.TuiApp;
import dev.reaper.tui.term.PasteMarker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The full-screen session in-process: the real TUI, session, router and tools, on Lanterna's virtual
 * terminal, typed at key by key, against the loopback provider. (The tmux test drives the real process.)
 */
class TuiSessionTest {

    @TempDir
    Path home;

    @TempDir
    Path work;

    FakeProvider fake;
    Reaper app;
    InteractiveServices services;
    DefaultVirtualTerminal terminal;
    TuiApp tui;
    Thread ui;
    final List<String> raw = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() {
        fake = FakeProvider.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (ui != null && ui.isAlive()) {
            tui.quit();
            ui.join(10_000);
        }
        if (app != null) {
            app.close();
        }
        assertThat(fake.violations()).isEmpty();
        fake.close();
    }

    void open(int width, int height, String... config) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("REAPER_HOME", home.toString());
        env.put("HOME", home.toString());
        env.put("PATH", System.getenv("PATH"));
        env.put("ANTHROPIC_BASE_URL", fake.baseUrl());
        env.put("ANTHROPIC_API_KEY", "sk-ant-tui-test-000000001");
        if (config.length > 0) {
            Files.writeString(home.resolve("config.toml"), String.join("\n", config) + "\n");
        }
        app = Reaper.boot(new Env(env), work, Clock.systemDefaultZone());
        services = new InteractiveServices(app, OptionalInt.empty(), OptionalDouble.of(1.0));
        tui = new TuiApp(services, Clock.systemDefaultZone());
        tui.open(new TuiApp.Options(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of()));
        terminal = new DefaultVirtualTerminal(new TerminalSize(width, height));
        TerminalScreen screen = new TerminalScreen(terminal);
        screen.startScreen();
        ui = Thread.ofPlatform().name("tui-under-test").start(() -> tui.run(screen, raw::add));
        await(s -> s.contains("Reaper is ready"));
    }

    String screen() {
        TerminalSize size = terminal.getTerminalSize();
        StringBuilder sb = new StringBuilder();
        for (int row = 0; row < size.getRows(); row++) {
            StringBuilder line = new StringBuilder();
            for (int col = 0; col < size.getColumns(); col++) {
                TextCharacter c = terminal.getBufferCharacter(col, row);
                line.append(c.getCharacterString());
                if (c.isDoubleWidth()) {
                    col++;
                }
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    /**
     * Waits for the screen to show what {@code until} accepts, read twice in a row alike so that a frame
     * caught half drawn is not taken for the result; fails with the screen after 15 s.
     */
    String await(Predicate<String> until) {
        long deadline = System.nanoTime() + 15_000_000_000L;
        String previous = null;
        String s = screen();
        while (!(until.test(s) && s.equals(previous))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the screen never showed what was expected:\n" + s + "\n(requests to the"
                        + " provider: " + fake.requests().stream().map(r -> r.method() + " " + r.path()).toList() + ")");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            previous = s;
            s = screen();
        }
        return s;
    }

    void type(String text) {
        for (char c : text.toCharArray()) {
            terminal.addInput(new KeyStroke(c, false, false));
        }
    }

    void key(KeyType type) {
        terminal.addInput(new KeyStroke(type));
    }

    void ctrl(char c) {
        terminal.addInput(new KeyStroke(c, true, false));
    }

    void submit(String text) {
        type(text);
        await(s -> s.contains("› " + text.substring(0, Math.min(20, text.length()))));
        key(KeyType.Enter);
    }

    @Test
    void approvesAnEditSeesTheCostAndUndoesIt() throws IOException {
        Peers.gitRepo(work, "a.py", "def foo():\n    return 1\n");
        fake.conversation(Scripts.rename());
        open(100, 30);
        submit("rename foo to bar in a.py");
        String dialog = await(s -> s.contains("approve edit"));
        assertThat(dialog).contains("a.py").contains("-def foo():").contains("+def bar():");
        assertThat(Files.readString(work.resolve("a.py"))).as("nothing is written before approval")
                .contains("def foo");
        type("y");
        String done = await(s -> s.contains("Renamed foo to bar in a.py:1."));
        assertThat(Files.readString(work.resolve("a.py"))).isEqualTo("def bar():\n    return 1\n");
        assertThat(done).contains("● read a.py").contains("● edit a.py").doesNotContain("approve edit");
        // the status bar and the cost pane show what the three requests cost
        assertThat(done).containsPattern("in \\d[\\d.]*k out \\d+");
        ctrl('y');
        String cost = await(s -> s.contains("first token"));
        assertThat(cost).contains("anthropic/claude-sonnet-4-5").contains("requests").containsPattern("of \\$1\\.00");
        ctrl('y');
        // the diff pane has the applied change
        ctrl('g');
        await(s -> s.contains("diffs, unified") && s.contains("+def bar():"));
        ctrl('g');
        submit("/undo");
        await(s -> s.contains("restored") && !s.contains("Renamed foo to bar"));
        assertThat(Files.readString(work.resolve("a.py"))).isEqualTo("def foo():\n    return 1\n");
        quit();
    }

    @Test
    void anMcpServersPromptIsACommandThatSendsItsMessages() throws Exception {
        Path everything = Peers.program("mcp-server-everything");
        fake.conversation(Step.text("Sunny."));
        open(120, 30, "[mcp_servers.everything]", "command = \"" + everything + "\"");
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (services.promptCommands().commands().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50); // the server starts with the session, beside it
        }
        type("/mcp__every");
        assertThat(await(s -> s.contains("/mcp__everything__args-prompt"))).contains("city [state]")
                .contains("/mcp__everything__simple-prompt");
        key(KeyType.Escape);
        type("thing__args-prompt");
        await(s -> s.contains("› /mcp__everything__args-prompt"));
        type(" state=Texas Paris");
        key(KeyType.Enter);

        await(s -> s.contains("Sunny."));
        assertThat(fake.chatRequests().get(0).bodyText()).contains("What's weather in Paris, Texas?");
        submit("/mcp__everything__args-prompt");
        await(s -> s.contains("needs city"));
        quit();
    }

    @Test
    void anMcpServersQuestionIsAskedInADialog() throws Exception {
        Path everything = Peers.program("mcp-server-everything");
        fake.conversation(Step.call("mcp__everything__trigger-elicitation-request", "{}"), Step.text("It asked."));
        open(120, 30, "[mcp_servers.everything]", "command = \"" + everything + "\"", "[permissions]",
                "allow = [\"mcp__everything\"]");
        submit("ask me something");

        String dialog = await(s -> s.contains("MCP server everything asks"));
        assertThat(dialog).contains("decline").contains("cancel").contains("cannot fill in yet").doesNotContain("› accept");
        key(KeyType.Enter);

        await(s -> s.contains("It asked."));
        assertThat(fake.chatRequests().get(1).bodyText()).contains("User declined");
        quit();
    }

    @Test
    void deniesAnEditWithN() throws IOException {
        Peers.gitRepo(work, "a.py", "def foo():\n    return 1\n");
        fake.conversation(Scripts.rename());
        open(100, 30);
        submit("rename foo to bar in a.py");
        await(s -> s.contains("approve edit"));
        type("n");
        await(s -> s.contains("✗ edit a.py"));
        assertThat(Files.readString(work.resolve("a.py"))).isEqualTo("def foo():\n    return 1\n");
        quit();
    }

    @Test
    void keepsOnlyTheHunksTheUserKeeps() throws IOException {
        String before = "a = 1\nb = 2\nc = 3\nd = 4\ne = 5\nf = 6\ng = 7\nh = 8\ni = 9\nj = 10\n";
        String after = "a = 100\nb = 2\nc = 3\nd = 4\ne = 5\nf = 6\ng = 7\nh = 8\ni = 9\nj = 1000\n";
        Peers.gitRepo(work, "v.py", before);
        fake.conversation(Step.call("write", "{\"path\":\"v.py\",\"content\":" + dev.reaper.json.Json.write(after) + "}"),
                Step.text("Changed both."));
        open(100, 36);
        submit("change a and j");
        await(s -> s.contains("approve write") && s.contains("space keep/drop"));
        // the first hunk is selected: drop it, keep the second, apply what is kept
        type(" ");
        await(s -> s.contains("rejected"));
        key(KeyType.Enter);
        await(s -> s.contains("Changed both."));
        assertThat(Files.readString(work.resolve("v.py"))).isEqualTo(before.replace("j = 10\n", "j = 1000\n"));
        quit();
    }

    @Test
    void escapeInterruptsAHangingTurnAndTheSessionGoesOn() throws IOException {
        fake.enqueue(new Step.Hang());
        fake.conversation(Step.text("Second answer."));
        open(90, 24);
        submit("this will hang");
        await(s -> s.contains("working") && fake.chatRequests().size() == 1);
        key(KeyType.Escape);
        await(s -> s.contains("interrupted") && !s.contains("working"));
        submit("again");
        await(s -> s.contains("Second answer."));
        quit();
    }

    @Test
    void comparesTwoModelsAndContinuesWithOne() throws IOException {
        fake.conversation(Step.text("An answer to compare."));
        open(100, 30);
        submit("/compare anthropic/claude-sonnet-4-5,anthropic/claude-haiku-4-5 name it");
        String both = await(s -> s.contains("continue with that answer"));
        assertThat(both).contains("1 anthropic/claude-sonnet-4-5").contains("2 anthropic/claude-haiku-4-5");
        assertThat(both.split("An answer to compare.", -1)).hasSize(3);
        type("2");
        String chat = await(s -> !s.contains("continue with that answer"));
        assertThat(chat).contains("› name it").contains("An answer to compare.");
        assertThat(chat).contains("anthropic/claude-haiku-4-5");
        quit();
    }

    @Test
    void switchesThemeLiveAndKeepsTheDefaultOnABadOne() throws IOException {
        Files.createDirectories(home.resolve("themes"));
        Files.writeString(home.resolve("themes/broken.toml"), "name = \"broken\"\n[colors]\nbackground = \"blue\"\n");
        open(90, 24);
        TextCharacter before = terminal.getBufferCharacter(0, 5);
        submit("/theme nord");
        await(s -> s.contains("theme: nord"));
        assertThat(terminal.getBufferCharacter(0, 5).getBackgroundColor()).isNotEqualTo(before.getBackgroundColor());
        submit("/theme broken");
        String s = await(x -> x.contains("keeping nord"));
        assertThat(s).contains("broken.toml").contains("line 3");
        quit();
    }

    @Test
    void resizesAndPastesWithNewlines() throws IOException {
        open(100, 30);
        terminal.setTerminalSize(new TerminalSize(60, 16));
        await(s -> s.lines().count() == 16 && s.contains("─".repeat(60)) && !s.contains("─".repeat(61))
                && s.contains("Reaper is ready"));
        terminal.addInput(PasteMarker.START);
        type("line one");
        key(KeyType.Enter);
        type("line two");
        terminal.addInput(PasteMarker.END);
        String pasted = await(s -> s.contains("line two"));
        assertThat(pasted).contains("› line one").contains("  line two");
        quit();
    }

    @Test
    void copiesTheLastAnswerWithOsc52() throws IOException {
        fake.conversation(Step.text("Copy me."));
        open(90, 24);
        submit("hello");
        await(s -> s.contains("Copy me."));
        submit("/copy");
        await(s -> s.contains("copied"));
        assertThat(raw).containsExactly("\u001b]52;c;" + java.util.Base64.getEncoder().encodeToString("Copy me.".getBytes())
                + "\u0007");
        quit();
    }

    @Test
    void mapShowsTheRepoMapInTheChat() throws IOException {
        Files.createDirectories(work.resolve("app"));
        Files.writeString(work.resolve("app/models.py"), "class Ledger:\n    pass\n");
        Files.writeString(work.resolve("app/service.py"), "from .models import Ledger\n\n\ndef book():\n"
                + "    return Ledger()\n");
        open(100, 30);
        submit("/map Ledger");
        String s = await(x -> x.contains("Repository map: 2 of 2 source files"));
        assertThat(s).contains("◆ repo map around Ledger").contains("app/models.py").contains("(focus: Ledger)");
        quit();
    }

    void quit() {
        ctrl('c');
        await(s -> s.contains("press ctrl+c again"));
        ctrl('c');
        try {
            ui.join(10_000);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertThat(ui.isAlive()).as("the UI quit on the second ctrl+c").isFalse();
    }
}
