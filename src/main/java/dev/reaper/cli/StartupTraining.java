package dev.reaper.cli;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import dev.reaper.app.Reaper;
import dev.reaper.config.Env;
import dev.reaper.tui.TuiApp;
import dev.reaper.tui.markdown.MarkdownRenderer;
import dev.reaper.tui.text.Style;
import dev.reaper.tui.theme.Role;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The training run for the start-up cache (scripts/reaper runs it once per build): a one-shot run with
 * the given arguments, then a short full-screen session on a virtual terminal (a prompt, help, a theme,
 * completion, the panes, quitting), so the cache holds the classes of both ways Reaper starts. It needs
 * no network: the providers point at a closed local port.
 */
public final class StartupTraining {

    private StartupTraining() {}

    public static void main(String[] args) throws Exception {
        PrintWriter sink = new PrintWriter(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        Path cwd = Path.of("").toAbsolutePath();
        Env env = Env.system();
        Main.run(new Launch(env, cwd, new ByteArrayInputStream(new byte[0]), false, sink, sink, false, false), args);
        fullScreen(env, cwd);
        MarkdownRenderer.render("# Title\n\n**bold** `code` [link](https://x)\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n\n"
                + "```java\nint x = 1; // comment\n```\n", 80, Style.of(Role.ASSISTANT));
        System.exit(0);
    }

    private static void fullScreen(Env env, Path cwd) throws IOException, InterruptedException {
        try (Reaper app = Reaper.boot(env, cwd, Clock.systemDefaultZone())) {
            app.warmUp();
            TuiApp tui = new TuiApp(new InteractiveServices(app, OptionalInt.empty(), OptionalDouble.empty()),
                    app.clock());
            tui.open(new TuiApp.Options(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    List.of()));
            DefaultVirtualTerminal terminal = new DefaultVirtualTerminal(new TerminalSize(120, 40));
            TerminalScreen screen = new TerminalScreen(terminal);
            screen.startScreen();
            Thread ui = Thread.ofPlatform().start(() -> tui.run(screen, sequence -> { }));
            for (String line : List.of("hello", "/help", "/theme nord", "/cost", "/diff", "/plan", "@")) {
                type(terminal, line);
                terminal.addInput(new KeyStroke(KeyType.Enter));
                Thread.sleep(300);
                terminal.addInput(new KeyStroke(KeyType.Escape));
            }
            terminal.addInput(new KeyStroke('c', true, false));
            terminal.addInput(new KeyStroke('c', true, false));
            ui.join(10_000);
            if (ui.isAlive()) {
                tui.quit();
                ui.join(5_000);
            }
        }
    }

    private static void type(DefaultVirtualTerminal terminal, String text) {
        for (char c : text.toCharArray()) {
            terminal.addInput(new KeyStroke(c, false, false));
        }
    }
}
