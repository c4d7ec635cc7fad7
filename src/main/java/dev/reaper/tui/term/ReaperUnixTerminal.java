package dev.reaper.tui.term;

import com.googlecode.lanterna.terminal.ansi.UnixTerminal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;

/**
 * Lanterna's Unix terminal with its line settings made in one {@code stty} call instead of four (each is a
 * process start, on the way to the first frame). Ctrl+C reaches Reaper as a key; Enter sends CR and
 * Ctrl+J LF, so the two can be told apart; Ctrl+S and Ctrl+Q reach the keymap instead of pausing output.
 * Lanterna saves the settings first and restores them all on close.
 */
final class ReaperUnixTerminal extends UnixTerminal {

    ReaperUnixTerminal(InputStream in, OutputStream out, Charset charset) throws IOException {
        super(in, out, charset, CtrlCBehaviour.TRAP);
    }

    @Override
    protected void canonicalMode(boolean enabled) throws IOException {
        if (enabled) {
            runSTTYCommand("icanon");
        } else {
            runSTTYCommand("-icanon", "min", "1", "-echo", "intr", "undef", "-icrnl", "-ixon");
        }
    }

    @Override
    protected void keyEchoEnabled(boolean enabled) throws IOException {
        if (enabled) {
            runSTTYCommand("echo");
        }
    }

    @Override
    protected void keyStrokeSignalsEnabled(boolean enabled) throws IOException {
        if (enabled) {
            runSTTYCommand("intr", "^C");
        }
    }
}
