package dev.reaper.tui.term;

import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.MouseCaptureMode;
import com.googlecode.lanterna.terminal.ansi.UnixTerminal;
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
 * wheel and clicks are reported after {@link #captureMouse}.
 */
public final class TtyTerminal implements AutoCloseable {

    private static final String PASTE_ON = "\u001b[?2004h";
    private static final String PASTE_OFF = "\u001b[?2004l";

    private final UnixTerminal terminal;
    private final TerminalScreen screen;
    private final CountingOutputStream out;
    private final Thread restoreHook = new Thread(this::restore, "reaper-terminal-restore");
    private boolean closed;

    private TtyTerminal(UnixTerminal terminal, CountingOutputStream out) throws IOException {
        this.terminal = terminal;
        this.out = out;
        this.screen = new TerminalScreen(terminal);
    }

    public static TtyTerminal open(InputStream in, OutputStream raw) throws IOException {
        // buffered: Lanterna writes each cell on its own and flushes once a frame
        CountingOutputStream out = new CountingOutputStream(new java.io.BufferedOutputStream(raw, 1 << 16));
        UnixTerminal terminal = new ReaperUnixTerminal(in, out, StandardCharsets.UTF_8);
        terminal.getInputDecoder().addProfile(new ExtraKeys(true));
        TtyTerminal t = new TtyTerminal(terminal, out);
        Runtime.getRuntime().addShutdownHook(t.restoreHook);
        t.screen.startScreen();
        t.write(PASTE_ON);
        return t;
    }

    public TerminalScreen screen() {
        return screen;
    }

    /** Asks the terminal to report the mouse wheel and clicks (the user then selects text with Shift held). */
    public void captureMouse(boolean on) {
        if (!on) {
            return;
        }
        try {
            terminal.setMouseCaptureMode(MouseCaptureMode.CLICK_RELEASE);
        } catch (IOException e) {
            // no mouse, then
        }
    }

    /** Bytes written to the terminal so far. */
    public long bytesWritten() {
        return out.count();
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

    /** Counts what goes through to the terminal. */
    private static final class CountingOutputStream extends java.io.FilterOutputStream {
        private final java.util.concurrent.atomic.AtomicLong count = new java.util.concurrent.atomic.AtomicLong();

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count.incrementAndGet();
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count.addAndGet(len);
            if (isPositionRequest(b, off, len)) {
                out.flush(); // Lanterna waits for the answer without flushing first
            }
        }

        /** ESC [ 6 n: the cursor position request Lanterna sends to learn the terminal's size. */
        private static boolean isPositionRequest(byte[] b, int off, int len) {
            return len >= 4 && b[off + len - 4] == 0x1b && b[off + len - 3] == '[' && b[off + len - 2] == '6'
                    && b[off + len - 1] == 'n';
        }

        long count() {
            return count.get();
        }
    }
}
