package dev.reaper.tui;

import dev.reaper.agent.Session;
import dev.reaper.protocol.Cancellation;
import dev.reaper.tui.command.CustomCommands;
import dev.reaper.tui.complete.FileIndex;
import dev.reaper.tui.input.History;
import dev.reaper.tui.keys.Keymaps;
import dev.reaper.tui.state.TuiState;
import dev.reaper.tui.theme.Themes;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/** What the parts of the TUI's controller share: the state, the services, and the running session. */
final class TuiContext {

    final TuiState state;
    final TuiServices services;
    final Consumer<UiEvent> post;
    final Themes themes;
    final Keymaps keymaps;
    final History history;
    final FileIndex files;
    final Clock clock;
    /** Writes raw escape sequences to the terminal (clipboard); set when the screen starts. */
    Consumer<String> terminal = sequence -> { };
    /** Approvals asked for while another dialog was open, oldest first. */
    final java.util.Deque<UiEvent.Approval> approvals = new java.util.ArrayDeque<>();
    /** The next frame repaints every cell (the terminal may have been drawn over). */
    boolean repaint;
    /** Runs prompts, one at a time, off the UI thread. */
    final ExecutorService agent = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("reaper-agent").factory());
    Map<String, CustomCommands.Command> custom;
    Session session;
    Cancellation turn;
    String queuedPrompt;
    boolean quit;
    long lastQuitPress;

    TuiContext(TuiState state, TuiServices services, Consumer<UiEvent> post, Themes themes, Keymaps keymaps,
               History history, FileIndex files, Clock clock) {
        this.state = state;
        this.services = services;
        this.post = post;
        this.themes = themes;
        this.keymaps = keymaps;
        this.history = history;
        this.files = files;
        this.clock = clock;
    }

    long now() {
        return clock.millis();
    }
}
