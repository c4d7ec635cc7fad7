package dev.reaper.app;

import dev.reaper.agent.Approver;
import dev.reaper.agent.Session;
import dev.reaper.policy.PermissionMode;
import dev.reaper.protocol.Cancellation;
import dev.reaper.protocol.Event;
import dev.reaper.protocol.Op;
import dev.reaper.protocol.Outcome;
import dev.reaper.review.Findings;
import dev.reaper.review.ReportFindingTool;
import dev.reaper.review.ReviewInput;
import dev.reaper.review.ReviewPlan;
import dev.reaper.review.ReviewPrompt;
import dev.reaper.review.ReviewReport;
import dev.reaper.router.BudgetGuard;
import dev.reaper.tools.Tool;
import dev.reaper.tools.builtin.BuiltinTools;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.Function;

/**
 * Runs a code review: the change split into parts, each reviewed by its own read-only session with the
 * {@code report_finding} tool, the parts in parallel under one budget, and the findings gathered (those
 * outside the diff dropped with a note).
 */
public final class Reviews {

    /** Tools a reviewer may use besides reporting: reading the workspace, never changing it. */
    static final Set<String> READ_TOOLS = Set.of("read", "glob", "grep", "list", "git_status", "git_diff", "git_log",
            "git_blame", "lsp_symbols", "lsp_definition", "lsp_references", "lsp_hover", "lsp_diagnostics", "repo_map");

    /** How a part failed, for the exit code: the worst of them decides. */
    public record Failure(Outcome.Status status, String message) {}

    public record Result(ReviewReport report, List<Failure> failures) {}

    private final Reaper app;

    public Reviews(Reaper app) {
        this.app = app;
    }

    /**
     * Reviews the input.
     *
     * @param facts      what Reaper knows about each file beyond its diff (importers, diagnostics), by path
     * @param parallel   parts reviewed at once
     */
    public Result review(ReviewInput input, Optional<String> model, OptionalDouble maxBudgetUsd, int parallel,
                         Function<String, List<String>> facts, Cancellation cancel) {
        List<String> notes = Collections.synchronizedList(new ArrayList<>());
        List<ReviewPlan.Part> parts = ReviewPlan.split(input, ReviewPlan.PART_CHARS, notes);
        Findings findings = new Findings(input.changedLines());
        BudgetGuard budget = app.budgets().child(maxBudgetUsd.isPresent() ? maxBudgetUsd.getAsDouble()
                : Double.POSITIVE_INFINITY);
        DoubleAdder cost = new DoubleAdder();
        List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
        List<Tool> tools = new ArrayList<>();
        for (Tool t : BuiltinTools.all()) {
            if (READ_TOOLS.contains(t.name())) {
                tools.add(t);
            }
        }
        tools.add(new ReportFindingTool(findings));
        String system = ReviewPrompt.system(app.workspace().root().getFileName() == null ? "here"
                : app.workspace().root().getFileName().toString());
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, parts.size())),
                Thread.ofVirtual().name("reaper-review-", 1).factory())) {
            List<Future<?>> running = new ArrayList<>();
            for (ReviewPlan.Part part : parts) {
                Map<String, List<String>> partFacts = new java.util.HashMap<>();
                part.files().forEach(f -> partFacts.put(f.path(), facts.apply(f.path())));
                String prompt = ReviewPrompt.part(input.target(), part, parts.size(), partFacts);
                running.add(pool.submit(() -> reviewPart(part, prompt, system, tools, budget, model, cost, notes,
                        failures, cancel)));
            }
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    cancel.cancel();
                } catch (java.util.concurrent.ExecutionException e) {
                    failures.add(new Failure(Outcome.Status.FAILED, String.valueOf(e.getCause())));
                }
            }
        }
        notes.addAll(findings.dropped());
        List<String> files = input.files().stream().map(ReviewInput.FilePatch::path).toList();
        return new Result(new ReviewReport(input.target(), files, findings.kept(), notes, cost.sum()),
                List.copyOf(failures));
    }

    private void reviewPart(ReviewPlan.Part part, String prompt, String system, List<Tool> tools, BudgetGuard budget,
                            Optional<String> model, DoubleAdder cost, List<String> notes, List<Failure> failures,
                            Cancellation cancel) {
        List<String> names = part.files().stream().map(ReviewInput.FilePatch::path).toList();
        SessionOptions options = new SessionOptions(model, Optional.of(PermissionMode.PLAN), OptionalInt.empty(),
                OptionalDouble.empty(), false, Optional.empty(), Approver.NON_INTERACTIVE, event -> {
                    if (event instanceof Event.RequestFinished r) {
                        cost.add(r.costUsd());
                    }
                });
        SessionLauncher.Opened opened = new SessionLauncher(app).openTask(options,
                new SessionLauncher.Task(system, tools, budget, true));
        try (Session session = opened.session()) {
            Outcome outcome = session.run(new Op.UserInput(prompt, List.of()), cancel);
            if (outcome.isError()) {
                failures.add(new Failure(outcome.status(), outcome.error()));
                notes.add("the review of " + String.join(", ", names) + " did not finish: " + outcome.error());
            }
        }
    }
}
