package dev.reaper.tui.term;

import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.MouseCaptureMode;
import com.googlecode.lanterna.terminal.ansi.UnixLikeTerminal;
import com.googlecode.lanterna.terminal.ansi.UnixTerminal;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The process's terminal, taken over for the full-screen UI and given back on every exit path: a normal
 * close, an exception (the caller's try-with-resources) and a signal (a shutdown hook). Lanterna's own
 * factory is not used: it would guess at a terminal; the caller has already decided there is one.
 *
 * <p>Ctrl+C arrives as a key; Enter, Ctrl+J and Alt+Enter are told apart; pastes are bracketed; the mouse
 * wheel and clicks are reported when {@code mouse} is on.
 */
public final class TtyTerminal implements AutoCloseable {

    private static final String PASTE_ON = "\u001b[?2004h";
    private static final String PASTE_OFF = "\u001b[?2004l";

    private final UnixTerminal terminal;
    private final TerminalScreen screen;
    private final OutputStream out;
    private final Thread restoreHook = new Thread(this::restore, "reaper-terminal-restore");
    private boolean closed;

    private TtyTerminal(UnixTerminal terminal, OutputStream out) throws IOException {
        this.terminal = terminal;
        this.out = out;
        this.screen = new TerminalScreen(terminal);
    }

    public static TtyTerminal open(InputStream in, OutputStream out, boolean mouse) throws IOException {
        UnixTerminal terminal = new UnixTerminal(in, out, StandardCharsets.UTF_8, UnixLikeTerminal.CtrlCBehaviour.TRAP);
        // Enter sends CR and Ctrl+J sends LF only if the terminal stops mapping one to the other;
        // Ctrl+S and Ctrl+Q reach the keymap instead of pausing output. Lanterna restores all of it.
        terminal.getInputDecoder().addProfile(new ExtraKeys(stty("-icrnl", "-ixon")));
        if (mouse) {
            terminal.setMouseCaptureMode(MouseCaptureMode.CLICK_RELEASE);
        }
        TtyTerminal t = new TtyTerminal(terminal, out);
        Runtime.getRuntime().addShutdownHook(t.restoreHook);
        t.screen.startScreen();
        t.write(PASTE_ON);
        return t;
    }

    public TerminalScreen screen() {
        return screen;
    }

    /** Writes an escape sequence the screen does not know (the OSC 52 clipboard) straight to the terminal. */
    public void write(String sequence) {
        try {
            out.write(sequence.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            // the terminal is gone; the session goes on until input ends
        }
    }

    @Override
    public void close() {
        restore();
        try {
            Runtime.getRuntime().removeShutdownHook(restoreHook);
        } catch (IllegalStateException e) {
            // shutting down already: the hook runs or has run
        }
    }

    private synchronized void restore() {
        if (closed) {
            return;
        }
        closed = true;
        write(PASTE_OFF);
        try {
            // no input drain: the input thread may be blocked reading, and the keys are not wanted anyway
            screen.stopScreen(false);
        } catch (IOException | RuntimeException e) {
            // restoring the line settings below matters more
        }
        try {
            terminal.close();
        } catch (IOException | RuntimeException e) {
            // nothing more can be done for the terminal
        }
    }

    private static boolean stty(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "stty";
        System.arraycopy(args, 0, command, 1, args.length);
        try {
            Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/tty")))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false; // Enter still works (as LF); only Ctrl+J and Enter look the same
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
