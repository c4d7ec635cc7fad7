package dev.reaper.cli;

import dev.reaper.app.Reaper;
import dev.reaper.app.ReviewSources;
import dev.reaper.app.Reviews;
import dev.reaper.app.UserInputException;
import dev.reaper.protocol.Cancellation;
import dev.reaper.review.ReportFormat;
import dev.reaper.review.ReviewInput;
import dev.reaper.review.Severity;
import dev.reaper.router.Version;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code reaper review}: code review of the staged change, a range, a commit or the work on a branch
 * against its base, for people, scripts, pull requests and code scanning.
 */
@Command(name = "review", description = {"Review a change: bugs, security problems, performance, style and tests.",
        "Without an option: the staged change, or the uncommitted one when nothing is staged.",
        "Exit codes: 0 no finding at or above --fail-on; 1 some; 2 usage error; 3 configuration or"
                + " authentication error; 4 budget exceeded; 6 the review could not be completed; 130 interrupted."})
public final class ReviewCommand implements Callable<Integer> {

    /** The review could not be completed (a provider failed, the change could not be read). */
    static final int INCOMPLETE = 6;

    @ParentCommand
    RootCommand root;

    @ArgGroup(exclusive = true)
    Which which;

    static final class Which {
        @Option(names = "--staged", description = "The staged change (what git commit would record).")
        boolean staged;

        @Option(names = "--range", paramLabel = "A..B", description = "The commits of a range: A..B, or A...B from"
                + " their merge base.")
        String range;

        @Option(names = "--base", paramLabel = "BRANCH", description = "The work on this branch against BRANCH: from"
                + " their merge base to the working tree.")
        String base;

        @Option(names = "--commit", paramLabel = "SHA", description = "One commit, against its parent.")
        String commit;
    }

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, json, sarif (GitHub code scanning) or markdown (a pull-request comment)."
                    + " Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "high",
            description = "Exit 1 when a finding is at this level or above: info, low, medium, high, critical."
                    + " Default: ${DEFAULT-VALUE}.")
    String failOn;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
    Path output;

    @Option(names = "--model", paramLabel = "PROVIDER/MODEL[,...]", description = "The reviewing model(s).")
    String model;

    @Option(names = "--max-budget-usd", paramLabel = "USD", description = "Spend at most USD on this review (exit 4).")
    Double maxBudgetUsd;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "3",
            description = "Parts of a large change reviewed at once. Default: ${DEFAULT-VALUE}.")
    int parallel;

    @Override
    public Integer call() throws IOException {
        ReportFormat fmt;
        Severity threshold;
        try {
            fmt = ReportFormat.parse(format);
            threshold = Severity.parse(failOn);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage().startsWith("--") ? e.getMessage() : "--fail-on: " + e.getMessage());
        }
        if (parallel < 1 || (maxBudgetUsd != null && !(maxBudgetUsd > 0))) {
            throw new UserInputException("--parallel must be at least 1 and --max-budget-usd more than 0");
        }
        Path dir = root.workingDirectory();
        try (Reaper app = root.boot(dir)) {
            app.warmUp();
            Logging.configure(app.paths().logFile(), root.verbose, root.launch.err());
            ReviewSources.Selection selection = which == null ? ReviewSources.Selection.defaultChange()
                    : which.staged ? ReviewSources.Selection.staged()
                    : which.range != null ? ReviewSources.Selection.range(which.range)
                    : which.base != null ? ReviewSources.Selection.base(which.base)
                    : ReviewSources.Selection.commit(which.commit);
            ReviewInput input = ReviewSources.read(dir, selection);
            if (input.files().isEmpty()) {
                root.launch.err().println("reaper: nothing to review in " + input.target());
                root.launch.err().flush();
                write(fmt.write(new dev.reaper.review.ReviewReport(input.target(), java.util.List.of(), java.util.List.of(),
                        java.util.List.of(), 0), Version.get()));
                return ExitCodes.OK;
            }
            Cancellation cancel = new Cancellation();
            Interrupts.track(cancel);
            Reviews.Result result;
            try {
                result = new Reviews(app).review(input, Optional.ofNullable(model),
                        maxBudgetUsd == null ? OptionalDouble.empty() : OptionalDouble.of(maxBudgetUsd), parallel,
                        new ReviewSources.Facts(app, input)::about, cancel);
            } finally {
                Interrupts.untrack(cancel);
            }
            write(fmt.write(result.report(), Version.get()));
            if (result.report().failsAt(threshold)) {
                root.launch.err().println("reaper: " + result.report().findings().stream()
                        .filter(f -> f.severity().atLeast(threshold)).count() + " finding(s) at " + threshold.id()
                        + " or above (--fail-on " + threshold.id() + ")");
                root.launch.err().flush();
                return 1;
            }
            if (!result.failures().isEmpty()) {
                Reviews.Failure worst = result.failures().get(0);
                root.launch.err().println("reaper: the review is incomplete: " + worst.message());
                root.launch.err().flush();
                return switch (worst.status()) {
                    case CONFIG -> ExitCodes.CONFIG;
                    case BUDGET_EXCEEDED -> ExitCodes.BUDGET;
                    case INTERRUPTED -> ExitCodes.INTERRUPTED;
                    default -> INCOMPLETE;
                };
            }
            return ExitCodes.OK;
        }
    }

    private void write(String report) throws IOException {
        if (output != null) {
            Path target = output.isAbsolute() ? output : root.workingDirectory().resolve(output);
            Files.writeString(target, report, StandardCharsets.UTF_8);
            return;
        }
        PrintWriter out = root.launch.out();
        out.print(report);
        out.flush();
    }
}
