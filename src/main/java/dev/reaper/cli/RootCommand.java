package dev.reaper.cli;

import dev.reaper.agent.Approver;
import dev.reaper.app.Reaper;
import dev.reaper.app.SessionLauncher;
import dev.reaper.app.SessionOptions;
import dev.reaper.headless.OneShot;
import dev.reaper.headless.OutputFormat;
import dev.reaper.policy.PermissionMode;
import dev.reaper.protocol.Cancellation;
import dev.reaper.protocol.ContentBlock;
import dev.reaper.protocol.Op;
import dev.reaper.protocol.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code reaper}: the root command. Options are copied into the session's options; the engine does the rest. */
@Command(name = "reaper",
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Reaper: a coding assistant for the terminal, with its own model router.",
            "",
            "  reaper                                   the full-screen session (/help inside lists keys)",
            "  reaper \"explain this repository\"         the same, starting with that prompt",
            "  reaper -p \"rename foo to bar in a.py\"     one-shot: run, print, exit",
            "  git diff | reaper -p \"review this\"        stdin is attached to the prompt",
            "",
            "Without a terminal (output redirected, TERM=dumb, --plain) the session is line by line.",
            ""},
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0 success       1 the run failed     2 usage error",
            "  3 config/auth   4 budget exceeded    5 max turns reached   130 interrupted",
            "",
            "Configuration: ~/.config/reaper/config.toml (or $REAPER_HOME/config.toml),",
            "then .reaper/config.toml in the workspace. Provider keys come from",
            "ANTHROPIC_API_KEY, OPENAI_API_KEY, GEMINI_API_KEY, OLLAMA_HOST and others.",
            "'reaper doctor' shows what is set up."})
public final class RootCommand implements Callable<Integer> {

    /**
     * The subcommands' names. The commands are added to the command line only when the arguments may need
     * them (a subcommand's name, or help): building their models is a good part of start-up.
     */
    static final List<String> SUBCOMMANDS = List.of("models", "doctor", "sessions", "cost", "trust", "completion",
            "complete", "hooks", "explain", "refactor", "testgen", "review", "mcp");

    static List<Object> subcommands() {
        return List.of(new ModelsCommand(), new DoctorCommand(), new SessionsCommand(), new CostCommand(),
                new TrustCommand(), new CompletionCommand(), new CompleteCommand(), new HooksCommand(),
                new TaskCommands.Explain(), new TaskCommands.Refactor(), new TaskCommands.Testgen(), new ReviewCommand(),
                new McpCommand());
    }

    @Spec
    CommandSpec spec;

    Launch launch;

    @Option(names = {"-p", "--print"}, description = "Run the prompt to completion, print the result and exit.")
    boolean print;

    @Parameters(arity = "0..*", paramLabel = "PROMPT", description = "The prompt (words are joined with spaces).")
    List<String> prompt = new ArrayList<>();

    @Option(names = "--model", paramLabel = "PROVIDER/MODEL[,...]",
            description = "Model to use, e.g. anthropic/claude-sonnet-4-5, openai/gpt-5, ollama/qwen2.5-coder:7b."
                    + " Several, comma-separated, are tried in order when one fails.")
    String model;

    @Option(names = "--output-format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (the answer on stdout), json (one result object) or stream-json (one event per line)."
                    + " Default: ${DEFAULT-VALUE}.")
    String outputFormat;

    @Option(names = "--permission-mode", paramLabel = "MODE",
            description = "default (ask before edits and commands; a one-shot run denies them), acceptEdits,"
                    + " plan (read-only) or bypassPermissions.")
    String permissionMode;

    @Option(names = "--max-turns", paramLabel = "N", description = "Stop after N model requests (exit 5).")
    Integer maxTurns;

    @Option(names = "--max-budget-usd", paramLabel = "USD",
            description = "Refuse any request that would take this run's cost past USD (exit 4).")
    Double maxBudgetUsd;

    @Option(names = "--strategy", paramLabel = "NAME",
            description = "How requests use the candidate models of --model: single, cascade (default: the next on"
                    + " failure), race (first token wins), speculate (ask several, keep the best) or merge (ask"
                    + " several, combine).")
    String strategy;

    @Option(names = "--hedge", description = "Start the next candidate too when the first is slower than usual to"
            + " answer; the first token wins.")
    boolean hedge;

    @Option(names = "--budget", paramLabel = "PERIOD=USD[,...]",
            description = "Hard spending limits on top of config's [budget]: daily, weekly, monthly, and project-daily,"
                    + " project-weekly, project-monthly for this workspace alone (exit 4 when one would be passed).")
    String budget;

    @Option(names = "--cache", description = "Answer a request asked before from the response cache (as [cache]"
            + " exact = true), and share identical requests in flight.")
    boolean cache;

    @Option(names = {"-c", "--continue"}, description = "Continue the most recent session of this workspace.")
    boolean continueLatest;

    @Option(names = {"-r", "--resume"}, arity = "0..1", fallbackValue = "", paramLabel = "ID",
            description = "Resume a session by id or id prefix (see 'reaper sessions list'); without ID, the latest.")
    String resume;

    @Option(names = "--plain", description = "A line-by-line session instead of the full-screen one.")
    boolean plain;

    @Option(names = "--cwd", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Work in DIR instead of the current directory.")
    Path cwd;

    @Option(names = "--no-color", scope = ScopeType.INHERIT, description = "No colours (also: NO_COLOR=1).")
    boolean noColor;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Log what Reaper does (requests, retries, fallbacks) to stderr.")
    boolean verbose;

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "Show this help.")
    boolean help;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "Print the version.")
    boolean version;

    /** Boots Reaper in {@code dir} with this command line's routing choices. */
    Reaper boot(Path dir) {
        Reaper app = Reaper.boot(launch.env(), dir, Clock.systemDefaultZone())
                .routeWith(Optional.ofNullable(strategy), hedge ? Optional.of(true) : Optional.empty());
        if (cache) {
            app.withCache();
        }
        return budget == null ? app : app.withBudgets(budget);
    }

    @Override
    public Integer call() throws IOException {
        OutputFormat format = parse(() -> OutputFormat.parse(outputFormat), "--output-format");
        Optional<PermissionMode> mode = permissionMode == null ? Optional.empty()
                : Optional.of(parse(() -> PermissionMode.parse(permissionMode), "--permission-mode"));
        if (maxTurns != null && maxTurns < 1) {
            throw new ParameterException(spec.commandLine(), "--max-turns must be at least 1");
        }
        if (maxBudgetUsd != null && !(maxBudgetUsd > 0)) {
            throw new ParameterException(spec.commandLine(), "--max-budget-usd must be more than 0");
        }
        if (strategy != null && !dev.reaper.config.RoutingConfig.STRATEGIES.contains(strategy)) {
            throw new ParameterException(spec.commandLine(), "--strategy must be one of "
                    + String.join(", ", dev.reaper.config.RoutingConfig.STRATEGIES));
        }
        String text = String.join(" ", prompt).strip();
        if (!print && launch.stdinIsTty() && (fullScreen() || text.isEmpty() || plain)) {
            return new Interactive(this, launch).run(text, mode);
        }
        if (text.isEmpty() && launch.stdinIsTty()) {
            throw new ParameterException(spec.commandLine(), "no prompt: give one, as in reaper -p \"explain this"
                    + " repository\", or pipe it in on stdin");
        }
        Path dir = workingDirectory();
        List<ContentBlock> attachments = new ArrayList<>();
        if (!launch.stdinIsTty()) {
            StdinInput.Read in = StdinInput.read(launch.stdin(), launch.err(), !text.isEmpty());
            if (text.isEmpty()) {
                text = in.text().strip();
                if (text.isEmpty()) {
                    throw new ParameterException(spec.commandLine(), "no prompt: the prompt argument and standard"
                            + " input are both empty");
                }
            } else if (!in.text().isEmpty()) {
                attachments.add(new ContentBlock.Text("<stdin>\n" + in.text() + (in.text().endsWith("\n") ? "" : "\n")
                        + "</stdin>"));
            }
            if (in.note() != null) {
                attachments.add(new ContentBlock.Text("[" + in.note() + "]"));
                launch.err().println("reaper: " + in.note());
            }
        }
        return oneShot(dir, text, attachments, mode, format);
    }

    /**
     * Runs one prompt to completion with this command line's options (the one-shot mode, and the explain,
     * refactor and testgen commands built on it).
     */
    int oneShot(Path dir, String text, List<ContentBlock> attachments, Optional<PermissionMode> mode,
                OutputFormat format) {
        try (Reaper app = boot(dir)) {
            app.warmUp();
            Logging.configure(app.paths().logFile(), verbose, launch.err());
            for (String warning : app.config().warnings()) {
                launch.err().println("reaper: warning: " + warning);
            }
            OneShot oneShot = new OneShot(format, launch.out(), launch.err(), color(), verbose);
            SessionOptions options = new SessionOptions(Optional.ofNullable(model), mode,
                    maxTurns == null ? OptionalInt.empty() : OptionalInt.of(maxTurns),
                    maxBudgetUsd == null ? OptionalDouble.empty() : OptionalDouble.of(maxBudgetUsd),
                    continueLatest || (resume != null && resume.isEmpty()),
                    resume == null || resume.isEmpty() ? Optional.empty() : Optional.of(resume),
                    Approver.NON_INTERACTIVE, oneShot.sink());
            SessionLauncher.Opened opened = new SessionLauncher(app).open(options);
            for (String repair : opened.repairs()) {
                launch.err().println("reaper: resumed session " + opened.session().id() + ": " + repair);
            }
            Cancellation cancel = new Cancellation();
            Interrupts.track(cancel);
            Outcome outcome;
            try (dev.reaper.agent.Session session = opened.session()) {
                outcome = oneShot.run(session, opened.resumed(), opened.candidates().get(0).toString(),
                        opened.mode().id(), new Op.UserInput(text, attachments), cancel);
            } finally {
                Interrupts.untrack(cancel);
            }
            if (outcome.isError()) {
                launch.err().println("reaper: " + outcome.error() + hint(outcome, opened.session().id()));
            }
            launch.err().flush();
            return ExitCodes.of(outcome.status());
        }
    }

    private static String hint(Outcome o, String sessionId) {
        return switch (o.status()) {
            case INTERRUPTED -> " (resume with: reaper -r " + sessionId.substring(0, 8) + " -p ...)";
            case FAILED -> " (details with -v; other models to fall back on: --model a/x,b/y)";
            default -> "";
        };
    }

    /** Whether the full-screen interface can run: both ends a terminal that draws, and not turned off. */
    boolean fullScreen() {
        String term = launch.env().get("TERM").orElse("");
        return launch.stdinIsTty() && launch.stdoutIsTty() && !plain && !term.isEmpty() && !term.equals("dumb");
    }

    Path workingDirectory() {
        Path dir = cwd == null ? launch.cwd() : launch.cwd().resolve(cwd);
        if (!Files.isDirectory(dir)) {
            throw new ParameterException(spec.commandLine(), "--cwd " + cwd + " is not a directory");
        }
        return dir.toAbsolutePath().normalize();
    }

    boolean color() {
        return !noColor && launch.env().get("NO_COLOR").isEmpty() && launch.stderrIsTty()
                && !"dumb".equals(launch.env().get("TERM").orElse(""));
    }

    <T> T parse(java.util.function.Supplier<T> parser, String option) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }
}
