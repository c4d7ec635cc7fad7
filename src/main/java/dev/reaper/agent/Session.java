package dev.reaper.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reaper.edit.UnifiedDiff;
import dev.reaper.json.Json;
import dev.reaper.protocol.Cancellation;
import dev.reaper.protocol.ContentBlock;
import dev.reaper.protocol.Event;
import dev.reaper.protocol.Message;
import dev.reaper.protocol.Op;
import dev.reaper.protocol.Outcome;
import dev.reaper.protocol.Role;
import dev.reaper.router.BudgetExceededException;
import dev.reaper.router.BudgetGuard;
import dev.reaper.router.ChatRequest;
import dev.reaper.router.ModelRef;
import dev.reaper.router.ProviderException;
import dev.reaper.router.Router;
import dev.reaper.router.StreamEvent;
import dev.reaper.router.ToolSpec;
import dev.reaper.store.Transcript;
import dev.reaper.store.UsageLedger;
import dev.reaper.tools.Tool;
import dev.reaper.tools.ToolContext;
import dev.reaper.tools.ToolRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A conversation with the model and the loop that runs each prompt: send the history, stream the
 * answer, run the tool calls it makes, send their results back, until the model stops, the turn limit
 * or the budget is reached, or the user interrupts. Every message is written to the transcript as it
 * happens, so the conversation on disk is always one that can be resumed.
 */
public final class Session implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Session.class.getName());

    private final Router router;
    private final ToolRegistry tools;
    private final ToolExecutor executor;
    private final SessionSettings settings;
    private final Transcript transcript;
    private final UsageLedger ledger;
    private final BudgetGuard budget;
    private final EventSink events;
    private final Clock clock;
    private final List<Message> history;
    private final List<ToolSpec> toolSpecs;
    private boolean transcriptFailed;

    public Session(Router router, ToolRegistry tools, ToolExecutor executor, SessionSettings settings,
                   Transcript transcript, UsageLedger ledger, BudgetGuard budget, EventSink events, Clock clock,
                   List<Message> history) {
        this.router = router;
        this.tools = tools;
        this.executor = executor;
        this.settings = settings;
        this.transcript = transcript;
        this.ledger = ledger;
        this.budget = budget;
        this.events = events;
        this.clock = clock;
        this.history = new ArrayList<>(history);
        this.toolSpecs = tools.all().stream().map(Session::spec).toList();
    }

    private static ToolSpec spec(Tool t) {
        return new ToolSpec(t.name(), t.description(), t.inputSchema());
    }

    public String id() {
        return transcript.sessionId();
    }

    public String workspaceRoot() {
        return settings.workspace().root().toString();
    }

    public List<String> toolNames() {
        return tools.names();
    }

    public List<Message> history() {
        return List.copyOf(history);
    }

    /** The first request this session would send for a prompt: for measuring and testing prompt size. */
    public ChatRequest requestFor(String prompt) {
        List<Message> msgs = new ArrayList<>(history);
        msgs.add(Message.user(prompt));
        return new ChatRequest(settings.systemPrompt(), msgs, toolSpecs, settings.maxOutputTokens(), id());
    }

    /**
     * Runs one prompt to its end. Never throws: provider and tool trouble, and anything unforeseen, end in
     * an outcome that says what happened, with the answer received so far.
     */
    public Outcome run(Op.UserInput input, Cancellation cancel) {
        long start = clock.millis();
        UsageRecorder recorder = new UsageRecorder(events, ledger, id(), settings.workspace().root().toString(), clock);
        try {
            return runTurns(input, cancel, recorder, start);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "the turn failed", e);
            return finish(Outcome.Status.FAILED, lastAssistantText(), "internal error: " + e, 0, recorder, start,
                    settings.candidates().get(0).toString());
        }
    }

    private String lastAssistantText() {
        for (int i = history.size() - 1; i >= 0; i--) {
            if (history.get(i).role() == Role.ASSISTANT && !history.get(i).text().isBlank()) {
                return history.get(i).text();
            }
        }
        return "";
    }

    private Outcome runTurns(Op.UserInput input, Cancellation cancel, UsageRecorder recorder, long start) {
        List<ContentBlock> content = new ArrayList<>();
        content.add(new ContentBlock.Text(input.text()));
        content.addAll(input.attachments());
        append(new Message(Role.USER, content));
        ToolContext toolContext = new ToolContext(settings.workspace(), settings.ignore(), cancel, this::fileChanged,
                settings.toolEnvironment(), executor::mayRead);
        int turns = 0;
        String lastText = "";
        String model = settings.candidates().get(0).toString();
        while (true) {
            if (cancel.isCancelled()) {
                return finish(Outcome.Status.INTERRUPTED, lastText, "interrupted", turns, recorder, start, model);
            }
            if (settings.maxTurns() > 0 && turns >= settings.maxTurns()) {
                return finish(Outcome.Status.MAX_TURNS, lastText, "stopped after " + turns
                        + " turns (--max-turns) while the model wanted to go on: raise --max-turns, or run again with"
                        + " --continue", turns, recorder, start, model);
            }
            turns++;
            ChatRequest request = new ChatRequest(settings.systemPrompt(), history, toolSpecs,
                    settings.maxOutputTokens(), id());
            Router.Routed routed;
            try {
                routed = router.chat(settings.candidates(), request, this::streamed, budget, recorder, cancel);
            } catch (ProviderException e) {
                keepPartial(e);
                Outcome.Status status = switch (e.kind()) {
                    case CANCELLED -> Outcome.Status.INTERRUPTED;
                    case AUTH, CONFIG -> Outcome.Status.CONFIG;
                    default -> Outcome.Status.FAILED;
                };
                String partialText = e.partial() == null ? "" : e.partial().message().text();
                return finish(status, partialText.isEmpty() ? lastText : partialText,
                        status == Outcome.Status.INTERRUPTED ? "interrupted" : e.getMessage(), turns, recorder, start, model);
            } catch (BudgetExceededException e) {
                return finish(Outcome.Status.BUDGET_EXCEEDED, lastText, e.getMessage()
                        + ": raise --max-budget-usd to go on", turns, recorder, start, model);
            }
            if (!routed.model().toString().equals(model) || turns == 1) {
                ObjectNode served = Json.object();
                served.put("model", routed.model().toString());
                persist(() -> transcript.append("model", served));
            }
            model = routed.model().toString();
            Message assistant = routed.response().message();
            append(assistant);
            events.emit(new Event.AssistantMessage(assistant, model));
            if (!assistant.text().isBlank()) {
                lastText = assistant.text();
            }
            List<ContentBlock.ToolUse> calls = assistant.toolUses();
            if (calls.isEmpty()) {
                return finish(Outcome.Status.SUCCESS, assistant.text(), null, turns, recorder, start, model);
            }
            List<ContentBlock> results = new ArrayList<>();
            for (ContentBlock.ToolUse call : calls) {
                if (cancel.isCancelled()) {
                    results.add(new ContentBlock.ToolResult(call.id(), "Not run: the user interrupted the turn.", true));
                } else {
                    results.add(executor.execute(call, toolContext));
                }
            }
            append(new Message(Role.USER, results));
        }
    }

    /** Closes the transcript; the session's messages stay in memory. */
    @Override
    public void close() {
        transcript.close();
    }

    private void streamed(StreamEvent e) {
        switch (e) {
            case StreamEvent.TextDelta t -> events.emit(new Event.TextDelta(t.text()));
            case StreamEvent.ReasoningDelta r -> events.emit(new Event.ReasoningDelta(r.text()));
            case StreamEvent.ToolCallStarted ignored -> { }
            case StreamEvent.ToolCallCompleted ignored -> { }
        }
    }

    /** What the model said before a failure stays in the conversation (its unfinished tool calls do not). */
    private void keepPartial(ProviderException e) {
        if (e.partial() == null) {
            return;
        }
        List<ContentBlock> kept = e.partial().message().content().stream()
                .filter(b -> b instanceof ContentBlock.Text || b instanceof ContentBlock.Reasoning)
                .toList();
        if (!kept.isEmpty()) {
            append(new Message(Role.ASSISTANT, kept));
        }
    }

    private void append(Message m) {
        history.add(m);
        persist(() -> transcript.appendMessage(m));
    }

    /**
     * Writes to the transcript. When that fails (a full disk), the conversation goes on in memory and the
     * user is told once that it is no longer saved: losing the answer would be worse.
     */
    private void persist(Runnable write) {
        if (transcriptFailed) {
            return;
        }
        try {
            write.run();
        } catch (java.io.UncheckedIOException e) {
            transcriptFailed = true;
            events.emit(new Event.Notice(Event.NoticeKind.WARNING, "the session is no longer being saved: "
                    + e.getMessage()));
        }
    }

    private void fileChanged(Path path, String before, String after) {
        String rel = settings.workspace().relative(path);
        events.emit(new Event.FileChanged(rel, UnifiedDiff.of(rel, before, after)));
    }

    private Outcome finish(Outcome.Status status, String result, String error, int turns, UsageRecorder rec,
                           long start, String model) {
        Outcome o = new Outcome(status, result, error, turns, rec.usage, rec.costUsd, clock.millis() - start,
                rec.apiMillis, model);
        ObjectNode end = Json.object();
        end.put("status", status.name().toLowerCase(java.util.Locale.ROOT));
        end.put("num_turns", turns);
        end.put("cost_usd", rec.costUsd);
        end.put("model", model);
        if (error != null) {
            end.put("error", error);
        }
        persist(() -> transcript.append("turn_end", end));
        events.emit(new Event.TurnFinished(o));
        return o;
    }
}
