package dev.reaper.agent;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reaper.edit.UnifiedDiff;
import dev.reaper.json.Json;
import dev.reaper.policy.PermissionMode;
import dev.reaper.protocol.Cancellation;
import dev.reaper.protocol.ContentBlock;
import dev.reaper.protocol.Event;
import dev.reaper.protocol.Message;
import dev.reaper.protocol.Op;
import dev.reaper.protocol.Outcome;
import dev.reaper.protocol.PlanItem;
import dev.reaper.protocol.Role;
import dev.reaper.router.BudgetExceededException;
import dev.reaper.router.BudgetGuard;
import dev.reaper.router.ChatRequest;
import dev.reaper.router.ModelRef;
import dev.reaper.router.ProviderException;
import dev.reaper.router.Router;
import dev.reaper.router.StreamEvent;
import dev.reaper.router.ToolSpec;
import dev.reaper.store.MessageCodec;
import dev.reaper.store.Transcript;
import dev.reaper.store.UsageLedger;
import dev.reaper.tools.Tool;
import dev.reaper.tools.ToolContext;
import dev.reaper.tools.ToolRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A conversation with the model and the loop that runs each prompt: send the history, stream the
 * answer, run the tool calls it makes, send their results back, until the model stops, the turn limit
 * or the budget is reached, or the user interrupts. Every message is written to the transcript as it
 * happens, so the conversation on disk is always one that can be resumed. Before each prompt a
 * checkpoint is taken ({@link #undo}); when the history outgrows most of the context window, the part
 * before the current prompt is compacted into a summary.
 *
 * <p>Not thread-safe: one prompt at a time, from one thread; front-ends serialise their operations.
 */
public final class Session implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Session.class.getName());

    /**
     * How long the first request waits for the start section (the repo map) still being made: a small
     * workspace's map is ready by then, a large one's first build is not waited for.
     */
    static final Duration START_SECTION_WAIT = Duration.ofMillis(250);

    private final Supplier<Router> router;
    private final ToolRegistry tools;
    private final ToolExecutor executor;
    private final SessionSettings settings;
    private final Transcript transcript;
    private final Supplier<UsageLedger> ledger;
    private final BudgetGuard budget;
    private volatile Router.Policy policy;
    private final EventSink events;
    private final Clock clock;
    private final List<Message> history;
    private final Checkpoints checkpoints = new Checkpoints();
    private volatile List<ModelRef> models;
    private volatile String systemPrompt;
    private boolean transcriptFailed;

    public Session(Router router, ToolRegistry tools, ToolExecutor executor, SessionSettings settings,
                   Transcript transcript, UsageLedger ledger, BudgetGuard budget, EventSink events, Clock clock,
                   List<Message> history) {
        this(() -> router, tools, executor, settings, transcript, () -> ledger, budget, events, clock, history);
    }

    /**
     * With the router and the ledger got when the first request goes out, so opening a session does not
     * wait for them to be built (the HTTP client, the native SQLite library). The ledger may be null.
     */
    public Session(Supplier<Router> router, ToolRegistry tools, ToolExecutor executor, SessionSettings settings,
                   Transcript transcript, Supplier<UsageLedger> ledger, BudgetGuard budget, EventSink events,
                   Clock clock, List<Message> history) {
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
        this.models = settings.candidates();
    }

    /** The system prompt, settled at the first request: with the start section if it is ready by then. */
    private String systemPrompt() {
        String p = systemPrompt;
        if (p == null) {
            p = settings.systemPrompt().get() + settings.startSection().await(START_SECTION_WAIT).map(s -> "\n" + s)
                    .orElse("");
            systemPrompt = p;
        }
        return p;
    }

    /** The tools offered now: the registry is asked each time, as external servers' tool lists change. */
    private List<ToolSpec> toolSpecs() {
        return tools.all().stream().map(Session::spec).toList();
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

    /** The model and its fallbacks. */
    /** The routing policy this session chose ({@code /strategy}), if it overrides the router's. */
    public java.util.Optional<Router.Policy> policy() {
        return java.util.Optional.ofNullable(policy);
    }

    public void setPolicy(Router.Policy policy) {
        this.policy = policy;
    }

    public List<ModelRef> models() {
        return models;
    }

    /** Switches models for the prompts that follow (the TUI's /model). */
    public void setModels(List<ModelRef> candidates) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no model");
        }
        this.models = List.copyOf(candidates);
        ObjectNode rec = Json.object();
        rec.put("model", candidates.get(0).toString());
        persist(() -> transcript.append("model", rec));
    }

    public PermissionMode permissionMode() {
        return executor.mode();
    }

    public void setPermissionMode(PermissionMode mode) {
        executor.setMode(mode);
    }

    public BudgetGuard budget() {
        return budget;
    }

    /** The request this session would send for a prompt now: for sizing, and for comparing models. */
    public ChatRequest requestFor(String prompt) {
        List<Message> msgs = new ArrayList<>(history);
        msgs.add(Message.user(prompt));
        return new ChatRequest(systemPrompt(), msgs, toolSpecs(), settings.maxOutputTokens(), id());
    }

    /**
     * Adds a prompt and an answer obtained elsewhere (a multi-model comparison) to the conversation, and
     * continues with the model that gave it.
     */
    public void adopt(String prompt, String answer, ModelRef model) {
        checkpoints.begin(history.size());
        append(Message.user(prompt));
        append(Message.assistant(answer.isEmpty() ? "(no answer)" : answer));
        List<ModelRef> next = new ArrayList<>();
        next.add(model);
        models.stream().filter(m -> !m.equals(model)).forEach(next::add);
        setModels(next);
    }

    /**
     * Runs one prompt to its end. Never throws: provider and tool trouble, and anything unforeseen, end in
     * an outcome that says what happened, with the answer received so far.
     */
    public Outcome run(Op.UserInput input, Cancellation cancel) {
        long start = clock.millis();
        UsageRecorder recorder = new UsageRecorder(events, ledger.get(), id(), workspaceRoot(), clock);
        try {
            return runTurns(input, cancel, recorder, start);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "the turn failed", e);
            return finish(Outcome.Status.FAILED, lastAssistantText(), "internal error: " + e, 0, recorder, start,
                    models.get(0).toString());
        }
    }

    private Outcome runTurns(Op.UserInput input, Cancellation cancel, UsageRecorder recorder, long start) {
        checkpoints.begin(history.size());
        List<ContentBlock> content = new ArrayList<>();
        content.add(new ContentBlock.Text(input.text()));
        content.addAll(input.attachments());
        content.addAll(Mentions.attach(input.text(), settings.workspace().root(), settings.ignore(), executor::mayRead));
        append(new Message(Role.USER, content));
        ToolContext toolContext = new ToolContext(settings.workspace(), settings.ignore(), cancel, this::fileChanged,
                settings.toolEnvironment(), executor::mayRead, this::planUpdated);
        int turns = 0;
        String lastText = "";
        String model = models.get(0).toString();
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
            Router.Routed routed;
            try {
                compactIfNeeded(recorder, cancel);
                ChatRequest request = new ChatRequest(systemPrompt(), history, toolSpecs(),
                        settings.maxOutputTokens(), id());
                Router.Policy chosen = policy;
                routed = chosen == null ? router.get().chat(models, request, this::streamed, budget, recorder, cancel)
                        : router.get().chat(chosen, models, request, this::streamed, budget, recorder, cancel);
            } catch (ProviderException e) {
                keepPartial(e);
                Outcome.Status status = switch (e.kind()) {
                    case CANCELLED -> Outcome.Status.INTERRUPTED;
                    case AUTH, CONFIG -> Outcome.Status.CONFIG;
                    default -> Outcome.Status.FAILED;
                };
                String partialText = e.partial() == null ? "" : e.partial().message().text();
                return finish(status, partialText.isEmpty() ? lastText : partialText,
                        status == Outcome.Status.INTERRUPTED ? "interrupted" : e.getMessage(), turns, recorder, start,
                        model);
            } catch (BudgetExceededException e) {
                return finish(Outcome.Status.BUDGET_EXCEEDED, lastText, e.getMessage() + (e.limitName().equals("budget")
                        ? ": raise --max-budget-usd to go on"
                        : ": raise it in [budget] of config.toml (or with --budget) to go on"), turns, recorder, start,
                        model);
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

    /**
     * Puts back the files the last prompt's tools changed and removes that prompt and everything after it
     * from the conversation. Returns what was done, or empty when there is nothing to undo.
     */
    public Optional<String> undo() throws IOException {
        Optional<Checkpoints.Undone> done = checkpoints.undo();
        if (done.isEmpty()) {
            return Optional.empty();
        }
        Checkpoints.Undone u = done.get();
        int removed = history.size() - u.historySize();
        while (history.size() > u.historySize()) {
            history.remove(history.size() - 1);
        }
        ObjectNode rec = Json.object();
        rec.put("to", u.historySize());
        persist(() -> transcript.append("rewind", rec));
        for (Path p : u.restored()) {
            events.emit(new Event.FileChanged(settings.workspace().relative(p), "(restored by /undo)\n"));
        }
        for (Path p : u.removed()) {
            events.emit(new Event.FileChanged(settings.workspace().relative(p), "(removed by /undo)\n"));
        }
        return Optional.of("undid the last prompt: " + plural(u.restored().size(), "file") + " restored, "
                + plural(u.removed().size(), "file") + " removed, " + plural(removed, "message") + " dropped");
    }

    public boolean canUndo() {
        return !checkpoints.isEmpty();
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    /** Compacts now (/compact): the whole conversation before the last prompt becomes a summary. */
    public String compact(Cancellation cancel) {
        UsageRecorder recorder = new UsageRecorder(events, ledger.get(), id(), workspaceRoot(), clock);
        int keepFrom = history.size(); // on demand: everything so far
        if (keepFrom < 2) {
            return "nothing to compact yet";
        }
        int before = history.size();
        replaceHistory(Compactor.compact(router.get(), models, systemPrompt(), history, toolSpecs(), keepFrom,
                budget, recorder, cancel));
        return "compacted " + plural(before, "message") + " into a summary";
    }

    /** Before a request: compacts when the history would fill most of the context window. */
    private void compactIfNeeded(UsageRecorder recorder, Cancellation cancel) {
        long window = settings.contextWindow();
        if (window <= 0) {
            return;
        }
        long estimate = Compactor.estimateTokens(systemPrompt(), history, toolSpecs());
        if (estimate < window * Compactor.THRESHOLD) {
            return;
        }
        int keepFrom = Compactor.lastPrompt(history);
        if (keepFrom <= 0) {
            return; // the current prompt alone is that large: nothing older to summarise
        }
        int before = history.size();
        try {
            replaceHistory(Compactor.compact(router.get(), models, systemPrompt(), history, toolSpecs(), keepFrom,
                    budget, recorder, cancel));
            events.emit(new Event.Notice(Event.NoticeKind.INFO, "the conversation neared the context window ("
                    + estimate + " of " + window + " tokens): " + plural(keepFrom, "earlier message")
                    + " of " + before + " were compacted into a summary"));
        } catch (ProviderException | IllegalStateException e) {
            if (e instanceof ProviderException p && p.kind() == ProviderException.Kind.CANCELLED) {
                throw p;
            }
            events.emit(new Event.Notice(Event.NoticeKind.WARNING, "compacting the conversation failed ("
                    + e.getMessage() + "); going on without it"));
        }
    }

    private void replaceHistory(List<Message> compacted) {
        history.clear();
        history.addAll(compacted);
        ObjectNode rec = Json.object();
        ArrayNode msgs = rec.putArray("messages");
        compacted.forEach(m -> msgs.add(MessageCodec.encode(m)));
        persist(() -> transcript.append("compact", rec));
    }

    /** Closes the transcript; the session's messages stay in memory. */
    @Override
    public void close() {
        transcript.close();
    }

    private String lastAssistantText() {
        for (int i = history.size() - 1; i >= 0; i--) {
            if (history.get(i).role() == Role.ASSISTANT && !history.get(i).text().isBlank()) {
                return history.get(i).text();
            }
        }
        return "";
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
        checkpoints.beforeChange(path);
        String rel = settings.workspace().relative(path);
        events.emit(new Event.FileChanged(rel, UnifiedDiff.of(rel, before, after)));
    }

    private void planUpdated(List<PlanItem> items) {
        events.emit(new Event.PlanUpdated(items));
    }

    private Outcome finish(Outcome.Status status, String result, String error, int turns, UsageRecorder rec,
                           long start, String model) {
        Outcome o = new Outcome(status, result, error, turns, rec.usage, rec.costUsd, clock.millis() - start,
                rec.apiMillis, model);
        ObjectNode end = Json.object();
        end.put("status", status.name().toLowerCase(Locale.ROOT));
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
