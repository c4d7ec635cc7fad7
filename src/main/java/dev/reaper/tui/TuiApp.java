package dev.reaper.tui;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.VirtualTerminal;
import dev.reaper.agent.Approver;
import dev.reaper.policy.PermissionMode;
import dev.reaper.tui.command.CustomCommands;
import dev.reaper.tui.complete.FileIndex;
import dev.reaper.tui.input.History;
import dev.reaper.tui.keys.Keymaps;
import dev.reaper.tui.state.ChatEntry;
import dev.reaper.tui.state.Dialog;
import dev.reaper.tui.state.TuiState;
import dev.reaper.tui.term.PasteMarker;
import dev.reaper.tui.theme.ThemeException;
import dev.reaper.tui.theme.Themes;
import dev.reaper.tui.view.Canvas;
import dev.reaper.tui.view.ScreenView;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The full-screen UI: one thread owns the state and draws it; the input reader, the agent and timers only
 * put events on its queue, so streaming never blocks typing. Events are applied as they come and frames
 * are drawn at most about 60 times a second, each sending only the cells that changed.
 */
public final class TuiApp {

    private static final Logger LOG = Logger.getLogger(TuiApp.class.getName());
    static final long FRAME_NANOS = TimeUnit.MILLISECONDS.toNanos(16);
    private static final long SPINNER_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long AGENT_STOP_SECONDS = 5;
    private static final long POLL_MILLIS = 5;

    /**
     * How the user started the session.
     *
     * @param prompt   sent as soon as the screen is up
     * @param warnings shown in the chat (configuration keys not understood, and the like)
     */
    public record Options(Optional<String> resumeId, Optional<String> model, Optional<PermissionMode> mode,
                          Optional<String> prompt, List<String> warnings) {}

    private final BlockingQueue<UiEvent> queue = new LinkedBlockingQueue<>();
    private final TuiContext ctx;
    private final PromptRunner prompts;
    private final Commands commands;
    private final InputHandler input;
    private final List<String> startupNotes = new java.util.ArrayList<>();
    private TerminalScreen screen;
    private long lastFrame;
    private boolean dirty = true;
    private final FrameStats stats = new FrameStats();
    private volatile boolean stopped;
    private Runnable afterFirstFrame = () -> { };

    public TuiApp(TuiServices services, Clock clock) {
        TuiState state = new TuiState();
        Themes themes = new Themes(services.configDir().resolve("themes"));
        Keymaps keymaps = new Keymaps(services.configDir().resolve("keymaps"));
        ctx = new TuiContext(state, services, queue::add, themes, keymaps,
                new History(services.stateDir().resolve("history.jsonl")),
                new FileIndex(services.workspaceRoot(), services.ignore()), clock);
        ctx.custom = CustomCommands.load(List.of(services.workspaceRoot().resolve(".reaper/commands"),
                services.configDir().resolve("commands")));
        state.theme = Themes.defaultTheme();
        state.keymap = Keymaps.defaultKeymap();
        try {
            state.theme = themes.load(services.configuredTheme().orElse(Themes.DEFAULT));
        } catch (ThemeException e) {
            startupNotes.add(e.getMessage() + " (using " + Themes.DEFAULT + ")");
        }
        try {
            state.keymap = keymaps.load(services.configuredKeymap().orElse(Keymaps.DEFAULT));
        } catch (ThemeException e) {
            startupNotes.add(e.getMessage() + " (using " + Keymaps.DEFAULT + ")");
        }
        state.workspace = services.workspaceRoot().toString();
        state.budgetLimit = services.budgetLimit().orElse(0);
        prompts = new PromptRunner(ctx);
        commands = new Commands(ctx, prompts);
        input = new InputHandler(ctx, prompts, commands, new Completion(ctx));
        services.chooser(this::choose);
    }

    /** Shows choices in a picker once no other dialog is open (a help text gives way); see {@link Chooser}. */
    private CompletableFuture<Optional<Integer>> choose(String title, String question, List<String> choices) {
        CompletableFuture<Optional<Integer>> picked = new CompletableFuture<>();
        queue.add(new UiEvent.Task(() -> {
            TuiState s = ctx.state;
            if (s.dialog != null && !(s.dialog instanceof Dialog.Info)) {
                s.chat.add(new ChatEntry.Note(title + ": not asked, another dialog is open", ChatEntry.Note.Kind.WARNING));
                picked.complete(Optional.empty());
                return;
            }
            List<Dialog.Picker.Item> items = new java.util.ArrayList<>();
            for (int i = 0; i < choices.size(); i++) {
                items.add(new Dialog.Picker.Item(choices.get(i), "", String.valueOf(i)));
            }
            Dialog.Picker p = new Dialog.Picker(title, items,
                    item -> picked.complete(Optional.of(Integer.parseInt(item.value()))), null);
            p.onDismiss = () -> picked.complete(Optional.empty());
            p.header = question;
            s.dialog = p;
            s.popup = null;
        }));
        return picked;
    }

    /** Opens the session (new, or resumed as {@code o} says). Throws what opening throws. */
    public void open(Options o) {
        TuiServices.Opened opened = ctx.services.open(o.resumeId(), o.model(), o.mode(), prompts.approver(),
                e -> queue.add(new UiEvent.Agent(e)));
        ctx.session = opened.session();
        TuiState s = ctx.state;
        s.sessionId = ctx.session.id();
        s.model = ctx.session.models().get(0).toString();
        s.permissionMode = ctx.session.permissionMode().id();
        if (opened.resumed()) {
            commands.reloadChat();
            s.chat.add(new ChatEntry.Note("resumed session " + s.sessionId.substring(0, 8), ChatEntry.Note.Kind.INFO));
        }
        opened.repairs().forEach(r -> s.chat.add(new ChatEntry.Note(r, ChatEntry.Note.Kind.WARNING)));
        o.warnings().forEach(w -> s.chat.add(new ChatEntry.Note(w, ChatEntry.Note.Kind.WARNING)));
        startupNotes.forEach(n -> s.chat.add(new ChatEntry.Note(n, ChatEntry.Note.Kind.ERROR)));
        o.prompt().filter(p -> !p.isBlank()).ifPresent(p -> queue.add(new UiEvent.Task(() -> prompts.submit(p))));
    }

    /** The open session's id. */
    public String sessionId() {
        return ctx.session.id();
    }

    /** Work that can wait until the screen is up (warming up the HTTP client, fetching model lists). */
    public void afterFirstFrame(Runnable work) {
        afterFirstFrame = work;
    }

    /** Asks the UI to quit as if the user had; safe from any thread (a signal handler). */
    public void quit() {
        queue.add(new UiEvent.Closed());
    }

    /** How long the frames drawn so far took. */
    public FrameStats frameStats() {
        return stats;
    }

    /**
     * Runs until the user quits or input ends, on a started screen. {@code raw} writes escape sequences the
     * screen does not know (the clipboard). On return the running turn has stopped and the session is closed.
     */
    public void run(TerminalScreen screen, Consumer<String> raw) {
        run(screen, raw, null);
    }

    /**
     * Like {@link #run(TerminalScreen, Consumer)}, opening the session with {@code toOpen} once the first
     * frame is on the screen (null: already open). Throws what opening throws; the caller gives the
     * terminal back before reporting it.
     */
    public void run(TerminalScreen screen, Consumer<String> raw, Options toOpen) {
        this.screen = screen;
        ctx.terminal = raw;
        screen.getTerminal().addResizeListener((terminal, size) -> queue.add(new UiEvent.Task(() -> { })));
        startReader();
        try {
            if (toOpen != null) {
                draw();
                open(toOpen);
                dirty = true;
            }
            afterFirstFrame.run();
            Thread.ofVirtual().name("reaper-files").start(ctx.files::files);
            loop();
        } finally {
            stopped = true;
            stopAgent();
        }
    }

    private void loop() {
        while (!ctx.quit) {
            long wait = dirty ? Math.max(0, lastFrame + FRAME_NANOS - System.nanoTime())
                    : ctx.state.running ? SPINNER_NANOS : IDLE_NANOS;
            UiEvent e;
            try {
                e = queue.poll(wait, TimeUnit.NANOSECONDS);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return;
            }
            if (e != null) {
                handle(e);
                for (UiEvent next = queue.poll(); next != null && !ctx.quit; next = queue.poll()) {
                    handle(next);
                }
                dirty = true;
            } else if (!dirty) {
                dirty = ctx.state.running || statusExpired();
            }
            if (dirty && !ctx.quit && System.nanoTime() - lastFrame >= FRAME_NANOS) {
                draw();
            }
        }
    }

    private boolean statusExpired() {
        TuiState s = ctx.state;
        if (!s.status.isEmpty() && ctx.now() >= s.statusUntil) {
            s.status = "";
            return true;
        }
        return false;
    }

    /** Applies one event; a failure is shown in the chat and the UI goes on. */
    void handle(UiEvent event) {
        TuiState s = ctx.state;
        try {
            switch (event) {
                case UiEvent.Key k -> input.key(k.key());
                case UiEvent.Paste p -> input.paste(p.text());
                case UiEvent.Agent a -> prompts.onEvent(a.event());
                case UiEvent.Approval a -> {
                    if (ctx.turn != null && ctx.turn.isCancelled()) {
                        a.answer().complete(Approver.Answer.deny("the user interrupted the turn"));
                    } else {
                        ctx.approvals.add(a);
                    }
                }
                case UiEvent.PromptDone d -> prompts.done(d.outcome());
                case UiEvent.CompareDelta d -> {
                    if (s.dialog instanceof Dialog.Compare c) {
                        c.texts.get(d.index()).append(d.text());
                    }
                }
                case UiEvent.CompareDone d -> {
                    if (s.dialog instanceof Dialog.Compare c) {
                        c.results.set(d.index(), d.result());
                    }
                }
                case UiEvent.Task t -> t.run().run();
                case UiEvent.Closed c -> ctx.quit = true;
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "handling " + event.getClass().getSimpleName(), e);
            s.chat.add(new ChatEntry.Note("internal error: " + e, ChatEntry.Note.Kind.ERROR));
        }
        // an approval waits for the user: it replaces a picker or a help text, not another approval or a comparison
        if (!ctx.approvals.isEmpty() && (s.dialog == null || s.dialog instanceof Dialog.Picker
                || s.dialog instanceof Dialog.Info)) {
            UiEvent.Approval a = ctx.approvals.poll();
            if (s.dialog instanceof Dialog.Picker p) {
                p.onDismiss.run();
            }
            s.dialog = new Dialog.Approval(a.request(), a.answer());
            s.popup = null;
        }
    }

    private void draw() {
        long start = System.nanoTime();
        try {
            TerminalSize resized = screen.doResizeIfNecessary();
            TerminalSize size = screen.getTerminalSize();
            Canvas canvas = new Canvas(screen.newTextGraphics(), ctx.state.theme);
            ScreenView.Frame f = ScreenView.draw(canvas, ctx.state, size.getColumns(), size.getRows(), ctx.now());
            input.rows = f.entryAtRow();
            input.chatTop = f.chat().row();
            input.pageSize = Math.max(1, f.chat().height() - 2);
            screen.setCursorPosition(ctx.state.dialog == null && ctx.state.search == null
                    ? new TerminalPosition(f.cursorCol(), f.cursorRow()) : null);
            boolean full = resized != null || ctx.repaint;
            ctx.repaint = false;
            screen.refresh(full ? Screen.RefreshType.COMPLETE : Screen.RefreshType.DELTA);
            stats.add(System.nanoTime() - start);
        } catch (IOException e) {
            // the terminal is gone: input will end and the loop with it
            LOG.log(Level.FINE, "drawing failed", e);
        }
        lastFrame = System.nanoTime();
        dirty = false;
    }

    /** Reads keys on its own thread; a bracketed paste is gathered into one event. */
    private void startReader() {
        Thread.ofPlatform().daemon().name("reaper-input").start(() -> {
            StringBuilder paste = null;
            try {
                // a virtual terminal holds its lock while blocked reading, so it is polled instead
                boolean poll = screen.getTerminal() instanceof VirtualTerminal;
                while (!stopped) {
                    KeyStroke k = poll ? screen.pollInput() : screen.readInput();
                    if (k == null) {
                        if (poll) {
                            Thread.sleep(POLL_MILLIS);
                        }
                        continue;
                    }
                    if (k.getKeyType() == KeyType.EOF) {
                        break;
                    }
                    if (k instanceof PasteMarker m) {
                        if (m.isStart()) {
                            paste = new StringBuilder();
                        } else if (paste != null) {
                            queue.add(new UiEvent.Paste(paste.toString()));
                            paste = null;
                        }
                    } else if (paste != null) {
                        appendPasted(paste, k);
                    } else {
                        queue.add(new UiEvent.Key(k));
                    }
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "input ended", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            queue.add(new UiEvent.Closed());
        });
    }

    private static void appendPasted(StringBuilder paste, KeyStroke k) {
        switch (k.getKeyType()) {
            case Character -> paste.append(k.isCtrlDown() && k.getCharacter() == 'j' ? '\n' : k.getCharacter());
            case Enter -> paste.append('\n');
            case Tab -> paste.append('\t');
            default -> { }
        }
    }

    /** Stops the running turn, answers what waits for the user, and closes the session. */
    private void stopAgent() {
        if (ctx.turn != null) {
            ctx.turn.cancel();
        }
        if (ctx.state.dialog instanceof Dialog.Approval a) {
            a.answer.complete(Approver.Answer.deny("the user quit"));
        }
        ctx.approvals.forEach(a -> a.answer().complete(Approver.Answer.deny("the user quit")));
        ctx.agent.shutdown();
        try {
            if (!ctx.agent.awaitTermination(AGENT_STOP_SECONDS, TimeUnit.SECONDS)) {
                ctx.agent.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ctx.session != null) {
            ctx.session.close();
        }
    }
}
