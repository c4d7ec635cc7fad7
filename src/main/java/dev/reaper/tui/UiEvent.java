package dev.reaper.tui;

import com.googlecode.lanterna.input.KeyStroke;
import dev.reaper.agent.Approver;
import dev.reaper.agent.Comparison;
import dev.reaper.protocol.Event;
import dev.reaper.protocol.Outcome;
import java.util.concurrent.CompletableFuture;

/** Everything the UI thread reacts to, put on its queue by the input reader, the agent and timers. */
sealed interface UiEvent {

    record Key(KeyStroke key) implements UiEvent {}

    /** Text pasted into the terminal (bracketed paste), whole. */
    record Paste(String text) implements UiEvent {}

    record Agent(Event event) implements UiEvent {}

    /** A tool call waits for the user's answer. */
    record Approval(Approver.Request request, CompletableFuture<Approver.Answer> answer) implements UiEvent {}

    record PromptDone(Outcome outcome) implements UiEvent {}

    record CompareDelta(int index, String text) implements UiEvent {}

    record CompareDone(int index, Comparison.Result result) implements UiEvent {}

    /** Work finished on another thread, to be applied on the UI thread. */
    record Task(Runnable run) implements UiEvent {}

    /** Input ended (the terminal went away). */
    record Closed() implements UiEvent {}
}
