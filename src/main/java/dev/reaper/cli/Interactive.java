package dev.reaper.cli;

import dev.reaper.app.Reaper;
import dev.reaper.app.SessionLauncher;
import dev.reaper.app.SessionOptions;
import dev.reaper.app.UserInputException;
import dev.reaper.headless.LineSession;
import dev.reaper.policy.PermissionMode;
import dev.reaper.store.SessionMeta;
import dev.reaper.tui.TuiApp;
import dev.reaper.tui.term.TtyTerminal;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
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
        try (Reaper app = Reaper.boot(launch.env(), root.workingDirectory(), Clock.systemDefaultZone())) {
            app.warmUp();
            boolean fullScreen = root.fullScreen();
            // on the full screen, stderr would draw over the frame: logs go to the file alone
            Logging.configure(app.paths().logFile(), root.verbose && !fullScreen, launch.err());
            Optional<String> resumeId = resumeId(app);
            if (!fullScreen) {
                return plain(app, prompt, mode, resumeId, maxTurns, budget);
            }
            InteractiveServices services = new InteractiveServices(app, maxTurns, budget);
            TuiApp tui = new TuiApp(services, app.clock());
            tui.open(new TuiApp.Options(resumeId, Optional.ofNullable(root.model), mode,
                    prompt.isEmpty() ? Optional.empty() : Optional.of(prompt), app.config().warnings()));
            services.probeInBackground();
            Interrupts.whenIdle(tui::quit);
            // whatever writes to stderr meanwhile (a library, the JVM) goes to the log instead of over the frame
            PrintStream stderr = System.err;
            try (PrintStream log = logStream(app.paths().logFile());
                 TtyTerminal terminal = TtyTerminal.open(launch.stdin(), new FileOutputStream(FileDescriptor.out),
                         services.mouse())) {
                System.setErr(log);
                tui.run(terminal.screen(), terminal::write);
            } finally {
                System.setErr(stderr);
                Interrupts.whenIdle(null);
            }
            String id = tui.sessionId().substring(0, 8);
            launch.err().println("reaper: session " + id + " saved; continue it with: reaper -r " + id);
            return ExitCodes.OK;
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
