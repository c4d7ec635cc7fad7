package dev.reaper.router;

import dev.reaper.protocol.ContentBlock;

/** Live events of one model response, for rendering while it streams. The final message is in {@link ChatResponse}. */
public sealed interface StreamEvent {

    record TextDelta(String text) implements StreamEvent {}

    record ReasoningDelta(String text) implements StreamEvent {}

    record ToolCallStarted(String id, String name) implements StreamEvent {}

    /** A complete tool call. {@code serverSide} calls were run by the provider and need no local execution. */
    record ToolCallCompleted(ContentBlock.ToolUse call, boolean serverSide) implements StreamEvent {}
}
