package dev.reaper.protocol;

import java.util.List;

/**
 * What a session tells its front-ends. Every front-end (one-shot printer, TUI, servers) renders these and
 * nothing else. Delivery: text and reasoning deltas may be coalesced by a renderer; every other event is
 * delivered once, in order, and {@link TurnFinished} is always the last event of a turn.
 */
public sealed interface Event {

    record SessionStarted(String sessionId, String model, String cwd, List<String> tools,
                          String permissionMode, boolean resumed) implements Event {}

    record TextDelta(String text) implements Event {}

    record ReasoningDelta(String text) implements Event {}

    /** A complete assistant message, at the end of each model response. */
    record AssistantMessage(Message message, String model) implements Event {}

    record ToolStarted(String callId, String name, String argumentsJson) implements Event {}

    record ToolFinished(String callId, String name, String output, ToolStatus status) implements Event {}

    /** The model's plan for the task changed (the todo tool). */
    record PlanUpdated(List<PlanItem> items) implements Event {
        public PlanUpdated {
            items = List.copyOf(items);
        }
    }

    /** A file the agent created, changed or deleted, with its unified diff. */
    record FileChanged(String path, String diff) implements Event {}

    /** One model request done (or failed after using tokens): what it cost and how long it took. */
    record RequestFinished(String provider, String model, Usage usage, double costUsd, boolean priced,
                           long timeToFirstTokenMs, long durationMs) implements Event {}

    /**
     * The router weighed several candidate models for one request: which served, which were cancelled
     * once the answer was known, and why.
     */
    record Routed(String strategy, String served, List<String> cancelled, String reason) implements Event {
        public Routed {
            cancelled = List.copyOf(cancelled);
        }
    }

    /** Something the user should know that is not part of the conversation: retries, fallbacks, warnings. */
    record Notice(NoticeKind kind, String message) implements Event {}

    record TurnFinished(Outcome outcome) implements Event {}

    enum ToolStatus { OK, ERROR, DENIED }

    enum NoticeKind { INFO, RETRY, FALLBACK, WARNING, DENIED }
}
