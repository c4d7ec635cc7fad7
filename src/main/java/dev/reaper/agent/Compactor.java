package dev.reaper.agent;

import dev.reaper.protocol.Cancellation;
import dev.reaper.protocol.ContentBlock;
import dev.reaper.protocol.Message;
import dev.reaper.protocol.Role;
import dev.reaper.router.BudgetGuard;
import dev.reaper.router.ChatRequest;
import dev.reaper.router.ModelRef;
import dev.reaper.router.Router;
import dev.reaper.router.RouterObserver;
import dev.reaper.router.StreamListener;
import dev.reaper.router.ToolSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a conversation inside the model's context window: when the history grows past most of the window,
 * everything before the current prompt is replaced by a summary the model writes of it. Token counts are
 * estimated from text length, never tokenised.
 */
final class Compactor {

    /** Compact when the estimate passes this share of the context window. */
    static final double THRESHOLD = 0.75;

    static final String INSTRUCTION = """
            Summarise the conversation so far so that the work can continue from your summary alone: the \
            user's goals and requests, decisions made and why, files read and changed (with paths), commands \
            run and what they showed, errors met, and what remains to do. Be factual and complete, but brief. \
            Do not call any tool: answer with the summary only.""";

    private Compactor() {}

    /** About 4 characters a token, over everything sent. */
    static long estimateTokens(String system, List<Message> history, List<ToolSpec> tools) {
        long chars = system == null ? 0 : system.length();
        for (ToolSpec t : tools) {
            chars += t.description().length() + t.inputSchemaJson().length();
        }
        for (Message m : history) {
            for (ContentBlock b : m.content()) {
                chars += switch (b) {
                    case ContentBlock.Text t -> t.text().length();
                    case ContentBlock.ToolUse u -> u.argumentsJson().length() + u.name().length();
                    case ContentBlock.ToolResult r -> r.content().length();
                    case ContentBlock.Reasoning r -> r.text().length();
                    case ContentBlock.Image i -> 6_000; // about 1,500 tokens for a typical screenshot
                    case ContentBlock.Opaque o -> o.json().length();
                };
            }
        }
        return chars / 4;
    }

    /** Index of the last prompt the user typed (not a message of tool results), or -1. */
    static int lastPrompt(List<Message> history) {
        for (int i = history.size() - 1; i >= 0; i--) {
            Message m = history.get(i);
            if (m.role() == Role.USER && !m.text().isBlank()) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Summarises {@code history[0..keepFrom)} and returns the new history: the summary, an acknowledgement,
     * then {@code history[keepFrom..]} unchanged. Throws what the router throws.
     */
    static List<Message> compact(Router router, List<ModelRef> models, String system, List<Message> history,
                                 List<ToolSpec> tools, int keepFrom, BudgetGuard budget, RouterObserver observer,
                                 Cancellation cancel) {
        List<Message> older = new ArrayList<>(history.subList(0, keepFrom));
        older.add(Message.user(INSTRUCTION));
        ChatRequest request = new ChatRequest(system, older, tools, 4_096, null);
        String summary = router.chat(models, request, StreamListener.NONE, budget, observer, cancel)
                .response().message().text().strip();
        if (summary.isEmpty()) {
            throw new IllegalStateException("the model wrote an empty summary");
        }
        List<Message> out = new ArrayList<>();
        out.add(Message.user("[The earlier part of this conversation was compacted. Summary:]\n\n" + summary));
        out.add(Message.assistant("Understood: I will continue from this summary."));
        out.addAll(history.subList(keepFrom, history.size()));
        return out;
    }
}
