package dev.reaper.cli;

import dev.reaper.app.UserInputException;
import dev.reaper.config.ConfigException;
import dev.reaper.config.Env;
import dev.reaper.router.BudgetExceededException;
import dev.reaper.secret.Redactor;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine;

/** The entry point. {@link #run(Launch, String...)} runs the whole CLI in-process and returns the exit code. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), false);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);
        Launch launch = new Launch(Env.system(), Path.of("").toAbsolutePath(), new FileInputStream(FileDescriptor.in),
                Terminal.isTty(0), out, err, Terminal.isTty(1), Terminal.isTty(2));
        Interrupts.install();
        int code = run(launch, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs with the process's environment and stdin, writing to the given streams. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(new Launch(Env.system(), Path.of("").toAbsolutePath(), new FileInputStream(FileDescriptor.in),
                Terminal.isTty(0), out, err, false, false), args);
    }

    /**
     * Whether the arguments may name a subcommand: anything but options and a prompt. A prompt whose first
     * word is a subcommand's name still runs as the prompt, as before (picocli gives the words to PROMPT
     * when no subcommand matches).
     */
    static boolean needsSubcommands(String... args) {
        for (String a : args) {
            if (a.equals("--")) {
                return false;
            }
            if (RootCommand.SUBCOMMANDS.contains(a) || a.equals("-h") || a.equals("--help") || a.equals("help")) {
                return true;
            }
        }
        return false;
    }

    public static int run(Launch launch, String... args) {
        RootCommand root = new RootCommand();
        root.launch = launch;
        if (args.length == 0 && launch.stdinIsTty()) {
            // plain "reaper" at a terminal, the most common start: nothing to parse, so no command-line model
            // is built (it is a good part of start-up)
            root.outputFormat = "text";
            try {
                return new Interactive(root, launch).run("", java.util.Optional.empty());
            } catch (Exception e) {
                return failure(launch, e);
            } finally {
                launch.out().flush();
                launch.err().flush();
            }
        }
        CommandLine cl = new CommandLine(root);
        if (needsSubcommands(args)) {
            RootCommand.subcommands().forEach(cl::addSubcommand);
        }
        boolean color = launch.env().get("NO_COLOR").isEmpty() && launch.stderrIsTty();
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(color ? CommandLine.Help.Ansi.AUTO : CommandLine.Help.Ansi.OFF));
        cl.setOut(launch.out());
        cl.setErr(launch.err());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((e, a) -> {
            launch.err().println("reaper: " + e.getMessage());
            launch.err().println("Run '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            launch.err().flush();
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((e, c, parsed) -> failure(launch, e));
        int code = cl.execute(args);
        launch.out().flush();
        launch.err().flush();
        return code;
    }

    /** Reports what a command threw, in one line, and returns its exit code. */
    static int failure(Launch launch, Exception e) {
        int code = switch (e) {
            case ConfigException ignored -> ExitCodes.CONFIG;
            case UserInputException ignored -> ExitCodes.USAGE;
            case BudgetExceededException ignored -> ExitCodes.BUDGET;
            default -> ExitCodes.FAILED;
        };
        String message = e instanceof UncheckedIOException u && u.getCause() != null ? u.getMessage() : e.getMessage();
        if (code == ExitCodes.FAILED && !(e instanceof UncheckedIOException)) {
            message = e + (e.getCause() != null ? " (" + e.getCause() + ")" : "");
            java.util.logging.Logger.getLogger(Main.class.getName()).log(java.util.logging.Level.SEVERE, "failed", e);
        }
        launch.err().println("reaper: " + Redactor.global().redact(message));
        launch.err().flush();
        return code;
    }
}
