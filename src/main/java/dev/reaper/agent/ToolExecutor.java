package dev.reaper.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.json.Json;
import dev.reaper.policy.Decision;
import dev.reaper.policy.PermissionMode;
import dev.reaper.policy.PermissionPolicy;
import dev.reaper.policy.PermissionRules;
import dev.reaper.protocol.ContentBlock;
import dev.reaper.protocol.Event;
import dev.reaper.edit.UnifiedDiff;
import dev.reaper.tools.AfterEdit;
import dev.reaper.tools.ArgumentValidator;
import dev.reaper.tools.EditPlan;
import dev.reaper.tools.EditingTool;
import dev.reaper.tools.FileEdit;
import dev.reaper.tools.FileEdits;
import dev.reaper.tools.Tool;
import dev.reaper.tools.ToolContext;
import dev.reaper.tools.ToolFailure;
import dev.reaper.tools.ToolOutput;
import dev.reaper.tools.ToolRegistry;
import dev.reaper.tools.Truncate;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place tool calls are run: arguments parsed and validated against the schema, the permission
 * policy consulted (and the approver, when it says to ask), the tool run, what {@link AfterEdit} says of
 * the files it wrote added to its output, the output capped, and the start and end announced. Every
 * failure becomes an error result the model can act on.
 */
public final class ToolExecutor {

    static final int MAX_RESULT_CHARS = 100_000;
    private static final Logger LOG = Logger.getLogger(ToolExecutor.class.getName());

    private final ToolRegistry tools;
    private final Approver approver;
    private final EventSink events;
    private final PermissionMemory memory;
    private final AfterEdit afterEdit;
    private volatile PermissionMode mode;
    private volatile PermissionRules rules;

    public ToolExecutor(ToolRegistry tools, PermissionMode mode, PermissionRules rules, Approver approver,
                        EventSink events) {
        this(tools, mode, rules, approver, events, PermissionMemory.NONE);
    }

    public ToolExecutor(ToolRegistry tools, PermissionMode mode, PermissionRules rules, Approver approver,
                        EventSink events, PermissionMemory memory) {
        this(tools, mode, rules, approver, events, memory, AfterEdit.NONE);
    }

    public ToolExecutor(ToolRegistry tools, PermissionMode mode, PermissionRules rules, Approver approver,
                        EventSink events, PermissionMemory memory, AfterEdit afterEdit) {
        this.tools = tools;
        this.afterEdit = afterEdit;
        this.mode = mode;
        this.rules = rules;
        this.approver = approver;
        this.events = events;
        this.memory = memory;
    }

    public PermissionMode mode() {
        return mode;
    }

    /** Whether deny rules let a workspace-relative path be read (by tools that walk directories too). */
    public boolean mayRead(String path) {
        return PermissionPolicy.decide(mode, rules, "read", dev.reaper.policy.ToolKind.READ, List.of(path)).verdict()
                != Decision.Verdict.DENY;
    }

    /** Changes the permission mode for the calls that follow (the TUI's /permissions). */
    public void setMode(PermissionMode mode) {
        this.mode = mode;
    }

    public ContentBlock.ToolResult execute(ContentBlock.ToolUse call, ToolContext context) {
        events.emit(new Event.ToolStarted(call.id(), call.name(), call.argumentsJson()));
        Result r = run(call, context);
        String text = cap(r.output.text());
        events.emit(new Event.ToolFinished(call.id(), call.name(), text, r.status));
        return new ContentBlock.ToolResult(call.id(), text, r.output.isError());
    }

    private record Result(ToolOutput output, Event.ToolStatus status) {
        static Result error(String message) {
            return new Result(ToolOutput.error(message), Event.ToolStatus.ERROR);
        }
    }

    private Result run(ContentBlock.ToolUse call, ToolContext context) {
        Optional<Tool> found = tools.find(call.name());
        if (found.isEmpty()) {
            return Result.error("There is no tool named '" + call.name() + "'. Available tools: "
                    + String.join(", ", tools.names()) + ".");
        }
        Tool tool = found.get();
        Optional<JsonNode> parsed = Json.tryParse(call.argumentsJson());
        if (parsed.isEmpty() || !parsed.get().isObject()) {
            return Result.error("The arguments of " + tool.name() + " are not a valid JSON object: "
                    + abbreviate(call.argumentsJson()) + ". Call it again with a JSON object matching its schema.");
        }
        JsonNode args = parsed.get();
        List<String> problems = ArgumentValidator.validate(args, tool.inputSchema());
        if (!problems.isEmpty()) {
            return Result.error("Invalid arguments for " + tool.name() + ": " + String.join("; ", problems)
                    + ". Fix the call and try again.");
        }
        Set<Path> written = new LinkedHashSet<>();
        Result r = perform(tool, call, args, context.withChanges((path, before, after) -> {
            written.add(path);
            context.changes().changed(path, before, after);
        }));
        return written.isEmpty() || r.output.isError() ? r : reported(r, List.copyOf(written), context);
    }

    /** A successful call's output with what {@link AfterEdit} says of the files it wrote. */
    private Result reported(Result r, List<Path> written, ToolContext context) {
        try {
            Optional<String> report = afterEdit.report(written, context);
            return report.isEmpty() ? r
                    : new Result(new ToolOutput(r.output.text() + "\n\n" + report.get(), false), r.status);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "looking at the edited files failed", e);
            return r;
        }
    }

    private Result perform(Tool tool, ContentBlock.ToolUse call, JsonNode args, ToolContext context) {
        try {
            List<String> targets = tool.targets(args, context);
            Decision decision = PermissionPolicy.decide(mode, rules, tool.name(), tool.kind(), targets);
            if (decision.verdict() == Decision.Verdict.DENY) {
                return denied(tool, decision.reason() + ". Do not retry it.");
            }
            EditPlan plan = null;
            Approver.Answer answer = null;
            if (decision.verdict() == Decision.Verdict.ASK) {
                // an edit that cannot apply fails before anyone is asked to approve it
                plan = tool instanceof EditingTool editing ? editing.plan(args, context) : null;
                answer = approver.ask(new Approver.Request(tool.name(), targets, call.argumentsJson(),
                        decision.reason(), plan == null ? List.of() : plan.edits()));
                if (!answer.allowed()) {
                    return denied(tool, answer.reason());
                }
                if (answer.always()) {
                    allowAlways(tool, args);
                }
            }
            if (context.cancel().isCancelled()) {
                return Result.error("Not run: the user interrupted the turn.");
            }
            if (answer != null && answer.edits().isPresent()) {
                return partly(plan, answer.edits().get(), context);
            }
            ToolOutput out = plan != null ? applied(plan, context) : tool.run(args, context);
            return new Result(out, out.isError() ? Event.ToolStatus.ERROR : Event.ToolStatus.OK);
        } catch (ToolFailure f) {
            return Result.error(f.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "tool " + tool.name() + " failed", e);
            return Result.error("Internal error in " + tool.name() + ": " + e + ". Try another way.");
        }
    }

    private static ToolOutput applied(EditPlan plan, ToolContext context) throws ToolFailure {
        FileEdits.apply(plan.edits(), context);
        return ToolOutput.ok(plan.summary());
    }

    /** Writes the user's version of a change and tells the model which hunks were left out. */
    private static Result partly(EditPlan plan, List<FileEdit> approved, ToolContext context) throws ToolFailure {
        FileEdits.apply(approved.stream().filter(e -> !java.util.Objects.equals(e.before(), e.after())).toList(),
                context);
        StringBuilder sb = new StringBuilder("The user accepted only part of this change; the rest was not written.");
        for (int i = 0; i < plan.edits().size(); i++) {
            FileEdit proposed = plan.edits().get(i);
            FileEdit kept = i < approved.size() ? approved.get(i) : new FileEdit(proposed.path(), proposed.before(),
                    proposed.before());
            String rel = context.workspace().relative(proposed.path());
            String rejected = UnifiedDiff.of(rel, kept.after(), proposed.after());
            sb.append(rejected.isBlank() ? "\n" + rel + ": applied in full."
                    : "\n" + rel + ": these proposed lines were rejected (the file keeps the - side):\n" + rejected);
        }
        return new Result(ToolOutput.ok(sb.toString()), Event.ToolStatus.OK);
    }

    /** Remembers an "always allow" answer as a rule for this project and applies it at once. */
    private void allowAlways(Tool tool, JsonNode args) {
        String rule = switch (tool.kind()) {
            case EDIT -> "edit";
            case EXECUTE -> tool.name() + "(" + args.path("command").asText().strip() + ")";
            default -> tool.name();
        };
        try {
            rules = rules.plus(PermissionRules.parse(List.of(rule), List.of(), List.of()));
            memory.remember(rule);
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "cannot remember the rule " + rule, e);
        }
    }

    private Result denied(Tool tool, String reason) {
        events.emit(new Event.Notice(Event.NoticeKind.DENIED, tool.name() + " denied: " + reason));
        return new Result(ToolOutput.error("Permission denied for " + tool.name() + ": " + reason),
                Event.ToolStatus.DENIED);
    }

    static String cap(String text) {
        if (text.length() <= MAX_RESULT_CHARS) {
            return text;
        }
        int half = MAX_RESULT_CHARS / 2;
        String head = Truncate.head(text, half);
        String tail = Truncate.tail(text, half);
        return head + "\n[... " + (text.length() - head.length() - tail.length()) + " characters cut ...]\n" + tail;
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? Truncate.head(s, 200) + "…" : s;
    }
}
