package dev.reaper.cli;

import dev.reaper.app.Reaper;
import dev.reaper.app.SessionLauncher;
import dev.reaper.app.SessionOptions;
import dev.reaper.app.UserInputException;
import dev.reaper.headless.LineSession;
import dev.reaper.policy.PermissionMode;
import dev.reaper.store.SessionMeta;
import dev.reaper.tui.TuiApp;
import dev.reaper.tui.keys.Keymaps;
import dev.reaper.tui.theme.Themes;
import dev.reaper.tui.term.TtyTerminal;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/** {@code reaper} with a terminal on stdin: the full-screen session, or the line-by-line one without it. */
final class Interactive {

    private final RootCommand root;
    private final Launch launch;

    Interactive(RootCommand root, Launch launch) {
        this.root = root;
        this.launch = launch;
    }

    int run(String prompt, Optional<PermissionMode> mode) throws IOException {
        OptionalInt maxTurns = root.maxTurns == null ? OptionalInt.empty() : OptionalInt.of(root.maxTurns);
        OptionalDouble budget = root.maxBudgetUsd == null ? OptionalDouble.empty() : OptionalDouble.of(root.maxBudgetUsd);
        Path dir = root.workingDirectory();
        if (!root.fullScreen()) {
            try (Reaper app = root.boot(dir)) {
                app.warmUp();
                Logging.configure(app.paths().logFile(), root.verbose, launch.err());
                return plain(app, prompt, mode, resumeId(app), maxTurns, budget);
            }
        }
        // the terminal is taken over (a few stty calls and a round trip to the terminal) while the rest starts
        CompletableFuture<TtyTerminal> opening = CompletableFuture.supplyAsync(() -> {
            try {
                return TtyTerminal.open(launch.stdin(), new FileOutputStream(FileDescriptor.out));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot use the terminal: " + e.getMessage(), e);
            }
        }, Thread.ofVirtual().name("reaper-terminal")::start);
        // and the default theme and keymap are read (the TOML reader is not free to start) meanwhile
        Thread.ofVirtual().name("reaper-theme").start(() -> {
            Themes.defaultTheme();
            Keymaps.defaultKeymap();
        });
        PrintStream stderr = System.err;
        try (Reaper app = root.boot(dir)) {
            // on the full screen, stderr would draw over the frame: logs go to the file alone, and whatever
            // else writes to stderr meanwhile (a library, the JVM) goes there too
            Logging.configure(app.paths().logFile(), false, launch.err());
            InteractiveServices services = new InteractiveServices(app, maxTurns, budget);
            TuiApp tui = new TuiApp(services, app.clock());
            TuiApp.Options options = new TuiApp.Options(resumeId(app), Optional.ofNullable(root.model), mode,
                    prompt.isEmpty() ? Optional.empty() : Optional.of(prompt), app.config().warnings());
            tui.afterFirstFrame(() -> {
                app.warmUp();
                services.probeInBackground();
            });
            Interrupts.whenIdle(tui::quit);
            try (PrintStream log = logStream(app.paths().logFile()); TtyTerminal terminal = join(opening)) {
                System.setErr(log);
                terminal.captureMouse(services.mouse());
                tui.run(terminal.screen(), terminal::write, options);
                launch.env().get("REAPER_FRAME_STATS").ifPresent(file -> writeStats(Path.of(file),
                        tui.frameStats().summary() + " terminal_bytes=" + terminal.bytesWritten()));
            }
            String id = tui.sessionId().substring(0, 8);
            launch.err().println("reaper: session " + id + " saved; continue it with: reaper -r " + id);
            return ExitCodes.OK;
        } finally {
            System.setErr(stderr);
            Interrupts.whenIdle(null);
            // opening failed before the screen ran (bad config, unknown session): the terminal is given back
            // before the error is printed
            opening.handle((t, e) -> t).thenAccept(t -> {
                if (t != null) {
                    t.close();
                }
            }).join();
        }
    }

    private static TtyTerminal join(CompletableFuture<TtyTerminal> opening) {
        try {
            return opening.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** For the benchmark ({@code REAPER_FRAME_STATS=FILE}): how the frames went, written on exit. */
    private static void writeStats(Path file, String line) {
        try {
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            // the benchmark reports the file missing
        }
    }

    private static PrintStream logStream(Path logFile) {
        try {
            Files.createDirectories(logFile.getParent());
            return new PrintStream(Files.newOutputStream(logFile, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
                    true, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return new PrintStream(OutputStream.nullOutputStream());
        }
    }

    private Optional<String> resumeId(Reaper app) {
        if (root.resume != null && !root.resume.isEmpty()) {
            return Optional.of(root.resume);
        }
        if (root.continueLatest || root.resume != null) {
            Optional<SessionMeta> latest = app.sessions().latest(app.workspace().root().toString());
            if (latest.isEmpty()) {
                throw new UserInputException("no earlier session in " + app.workspace().root() + " to continue");
            }
            return Optional.of(latest.get().id());
        }
        return Optional.empty();
    }

    private int plain(Reaper app, String prompt, Optional<PermissionMode> mode, Optional<String> resumeId,
                      OptionalInt maxTurns, OptionalDouble budget) {
        for (String warning : app.config().warnings()) {
            launch.err().println("reaper: warning: " + warning);
        }
        LineSession lines = new LineSession(new BufferedReader(new InputStreamReader(launch.stdin(), StandardCharsets.UTF_8)),
                launch.out(), launch.err(), root.color());
        SessionLauncher.Opened opened = new SessionLauncher(app).open(new SessionOptions(
                Optional.ofNullable(root.model), mode, maxTurns, budget, false, resumeId, lines.approver(), lines.sink()));
        try (var session = opened.session()) {
            opened.repairs().forEach(r -> launch.err().println("reaper: resumed session: " + r));
            lines.run(session, prompt.isEmpty() ? Optional.empty() : Optional.of(prompt), cancel -> {
                if (cancel == null) {
                    Interrupts.untrackAll();
                } else {
                    Interrupts.track(cancel);
                }
            });
        }
        return ExitCodes.OK;
    }
}
