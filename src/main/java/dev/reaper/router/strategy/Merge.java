package dev.reaper.router.strategy;

import dev.reaper.protocol.Cancellation;
import dev.reaper.protocol.ContentBlock;
import dev.reaper.protocol.Message;
import dev.reaper.router.ChatRequest;
import dev.reaper.router.ChatResponse;
import dev.reaper.router.Dispatch;
import dev.reaper.router.ModelRef;
import dev.reaper.router.ProviderException;
import dev.reaper.router.Router;
import dev.reaper.router.RouterObserver;
import dev.reaper.router.StreamListener;
import dev.reaper.router.Strategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Asks {@code k} candidates at once, then has a model combine the best parts of their answers with a
 * merge prompt, streamed to the caller. Answers that call tools are actions, not prose, and are not
 * spliced: then the best one is picked by the {@link RuleScorer}, and the decision says so.
 */
public final class Merge implements Strategy {

    private final int k;
    private final Duration deadline;
    private final Optional<ModelRef> merger;
    private final RuleScorer rules = new RuleScorer();

    /** @param merger the model that writes the merged answer; the first candidate when empty */
    public Merge(int k, Duration deadline, Optional<ModelRef> merger) {
        this.k = Gathering.width("merge", k);
        this.deadline = deadline;
        this.merger = merger;
    }

    @Override
    public String name() {
        return "merge";
    }

    @Override
    public Router.Routed route(Dispatch dispatch, List<ModelRef> candidates, ChatRequest request,
                               StreamListener listener, Cancellation cancel) {
        Gathering.Asked asked = Gathering.askSeveral(dispatch, candidates, k, request, listener, deadline, cancel);
        if (asked.fallback() != null) {
            return asked.fallback();
        }
        Gathering.Result got = asked.got();
        boolean actions = got.answers().stream().anyMatch(a -> a.response().message().content().stream()
                .anyMatch(b -> b instanceof ContentBlock.ToolUse));
        if (got.answers().size() == 1 || actions) {
            Scorer.Verdict v = got.answers().size() == 1 ? new Scorer.Verdict(0, "the only answer")
                    : rules.pick(request, got.answers(), dispatch, cancel);
            ModelRef winner = got.answers().get(v.best()).model();
            ChatResponse r = Gathering.deliver(got, v.best(), listener);
            dispatch.decided(new RouterObserver.Decision(name(), candidates, winner, got.cancelled(),
                    (actions ? "answers call tools, so the best was picked instead of merged: " : "") + v.reason()));
            return new Router.Routed(r, winner);
        }
        ModelRef writer = merger.orElse(got.answers().get(0).model());
        ChatRequest merge = mergeRequest(request, got.answers());
        ChatResponse merged;
        try {
            merged = dispatch.send(writer, merge, listener, cancel);
        } catch (ProviderException | dev.reaper.router.BudgetExceededException e) {
            if (e instanceof ProviderException pe && (pe.kind() == ProviderException.Kind.CANCELLED
                    || (pe.partial() != null && !pe.partial().message().content().isEmpty()))) {
                throw e; // stopped, or the merged answer had started to show
            }
            // the answers are paid for: the best of them rather than nothing
            Scorer.Verdict v = rules.pick(request, got.answers(), dispatch, cancel);
            ModelRef winner = got.answers().get(v.best()).model();
            ChatResponse r = Gathering.deliver(got, v.best(), listener);
            dispatch.decided(new RouterObserver.Decision(name(), candidates, winner, got.cancelled(),
                    "the merge by " + writer + " failed (" + e.getMessage() + "); picked instead: " + v.reason()));
            return new Router.Routed(r, winner);
        }
        List<ModelRef> from = got.answers().stream().map(Scorer.Answer::model).toList();
        dispatch.decided(new RouterObserver.Decision(name(), candidates, writer, got.cancelled(),
                "merged the answers of " + from + " with " + writer));
        return new Router.Routed(merged, writer);
    }

    /** The conversation so far, plus the answers and the instruction to combine them. */
    static ChatRequest mergeRequest(ChatRequest request, List<Scorer.Answer> answers) {
        StringBuilder sb = new StringBuilder("Several assistants answered my last message. Their answers follow.\n");
        for (int i = 0; i < answers.size(); i++) {
            sb.append("\n<answer ").append(i + 1).append(">\n").append(answers.get(i).response().message().text())
                    .append("\n</answer ").append(i + 1).append(">\n");
        }
        sb.append("\nWrite the one answer I should get: keep what is correct and useful in any of them, drop what"
                + " is wrong or repeated, and resolve disagreements by what is right. Answer me directly and do"
                + " not mention that there were several answers.");
        List<Message> messages = new ArrayList<>(request.messages());
        messages.add(Message.user(sb.toString()));
        // the tools stay offered: a history with tool calls needs them declared, and the writer may act
        return new ChatRequest(request.system(), messages, request.tools(), request.maxTokens(), request.sessionId());
    }
}
