package dev.reaper.tui;

import dev.reaper.agent.Approver;
import dev.reaper.protocol.Cancellation;
import dev.reaper.protocol.ContentBlock;
import dev.reaper.protocol.Event;
import dev.reaper.protocol.Op;
import dev.reaper.protocol.Outcome;
import dev.reaper.tui.state.ChatEntry;
import dev.reaper.tui.state.Dialog;
import dev.reaper.tui.state.TuiState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Runs prompts on the agent thread and turns the session's events into chat entries. Tool calls that need
 * approval wait on a dialog the UI thread shows; interrupting the turn answers it with a denial.
 */
final class PromptRunner {


    private final TuiContext ctx;

    PromptRunner(TuiContext ctx) {
        this.ctx = ctx;
    }

    /** The approver the session uses: it asks on the UI thread and waits. */
    Approver approver() {
        return request -> {
            CompletableFuture<Approver.Answer> answer = new CompletableFuture<>();
            ctx.post.accept(new UiEvent.Approval(request, answer));
            try {
                return answer.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Approver.Answer.deny("the user interrupted the turn");
            } catch (ExecutionException e) {
                return Approver.Answer.deny("the approval failed: " + e.getCause());
            }
        };
    }

    void submit(String prompt) {
        submit(prompt, List.of());
    }

    /** Sends a prompt with attachments of its own (images), besides the context the user added. */
    void submit(String prompt, List<ContentBlock> extra) {
        TuiState s = ctx.state;
        if (s.running) {
            if (!extra.isEmpty()) {
                s.chat.add(new ChatEntry.Note("a turn is running: send this prompt again when it ends",
                        ChatEntry.Note.Kind.WARNING));
                return;
            }
            ctx.queuedPrompt = prompt;
            s.say("queued: it runs when this turn ends", ctx.now());
            return;
        }
        List<ContentBlock> attachments = new ArrayList<>(extra); // @path mentions are attached by the session
        for (String c : s.pendingContext) {
            attachments.add(new ContentBlock.Text(c));
        }
        s.pendingContext.clear();
        s.chat.add(new ChatEntry.User(prompt));
        start();
        Cancellation cancel = ctx.turn;
        ctx.agent.submit(() -> {
            Outcome o = ctx.session.run(new Op.UserInput(prompt, attachments), cancel);
            ctx.post.accept(new UiEvent.PromptDone(o));
        });
    }

    /** Marks a turn as running; the returned cancellation stops it. */
    void start() {
        TuiState s = ctx.state;
        s.running = true;
        s.runningSince = ctx.now();
        s.scroll = 0;
        s.cost.startTurn(ctx.now());
        ctx.turn = new Cancellation();
    }

    /** Esc: stops the stream and the tools; a pending approval is denied. */
    void interrupt() {
        if (ctx.turn != null) {
            ctx.turn.cancel();
        }
        if (ctx.state.dialog instanceof Dialog.Approval a) {
            a.answer.complete(Approver.Answer.deny("the user interrupted the turn"));
            ctx.state.dialog = null;
        }
        for (UiEvent.Approval waiting : ctx.approvals) {
            waiting.answer().complete(Approver.Answer.deny("the user interrupted the turn"));
        }
        ctx.approvals.clear();
        ctx.queuedPrompt = null;
    }

    void done(Outcome o) {
        TuiState s = ctx.state;
        s.running = false;
        s.cost.turnMillis = o.durationMs();
        if (o.isError()) {
            s.chat.add(new ChatEntry.Note(o.status() == Outcome.Status.INTERRUPTED ? "interrupted" : o.error(),
                    o.status() == Outcome.Status.INTERRUPTED ? ChatEntry.Note.Kind.WARNING : ChatEntry.Note.Kind.ERROR));
        }
        endStreaming();
        if (ctx.queuedPrompt != null) {
            String next = ctx.queuedPrompt;
            ctx.queuedPrompt = null;
            submit(next);
        }
    }

    private void endStreaming() {
        for (ChatEntry e : ctx.state.chat) {
            if (e instanceof ChatEntry.Assistant a && a.streaming) {
                a.streaming = false;
                a.touch();
            }
        }
    }

    /** Applies one agent event to the state. */
    void onEvent(Event event) {
        TuiState s = ctx.state;
        switch (event) {
            case Event.TextDelta t -> assistant().append(t.text());
            case Event.ReasoningDelta r -> assistant().appendReasoning(r.text());
            case Event.AssistantMessage a -> {
                ChatEntry.Assistant last = lastStreaming();
                if (last != null) {
                    last.streaming = false;
                    last.model = a.model();
                    if (last.text.isEmpty() && last.reasoning.isEmpty()) {
                        s.chat.remove(last);
                    }
                    last.touch();
                }
                s.model = a.model();
            }
            case Event.ToolStarted t -> {
                endStreaming();
                s.chat.add(new ChatEntry.Tool(t.callId(), t.name(), t.argumentsJson()));
            }
            case Event.ToolFinished f -> {
                for (int i = s.chat.size() - 1; i >= 0; i--) {
                    if (s.chat.get(i) instanceof ChatEntry.Tool t && t.callId.equals(f.callId())) {
                        t.output = f.output();
                        t.status = f.status();
                        t.touch();
                        break;
                    }
                }
            }
            case Event.FileChanged c -> {
                s.diffs.add(new TuiState.FileDiff(c.path(), c.diff()));
                ctx.files.refresh();
            }
            case Event.PlanUpdated p -> s.plan = p.items();
            case Event.RequestFinished r -> s.cost.request(r);
            case Event.Notice n -> s.chat.add(new ChatEntry.Note(n.message(),
                    n.kind() == Event.NoticeKind.INFO ? ChatEntry.Note.Kind.INFO : ChatEntry.Note.Kind.WARNING));
            case Event.TurnFinished f -> s.cost.turnMillis = f.outcome().durationMs();
            case Event.Routed r -> s.chat.add(new ChatEntry.Note(dev.reaper.protocol.RoutingText.of(r), ChatEntry.Note.Kind.INFO));
            case Event.SessionStarted ignored -> { }
        }
    }

    private ChatEntry.Assistant lastStreaming() {
        List<ChatEntry> chat = ctx.state.chat;
        for (int i = chat.size() - 1; i >= 0; i--) {
            if (chat.get(i) instanceof ChatEntry.Assistant a && a.streaming) {
                return a;
            }
            if (chat.get(i) instanceof ChatEntry.Tool || chat.get(i) instanceof ChatEntry.User) {
                return null;
            }
        }
        return null;
    }

    private ChatEntry.Assistant assistant() {
        ChatEntry.Assistant a = lastStreaming();
        if (a == null) {
            a = new ChatEntry.Assistant();
            ctx.state.chat.add(a);
        }
        return a;
    }
}
