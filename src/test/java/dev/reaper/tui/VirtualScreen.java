package dev.reaper.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import dev.reaper.tui.state.TuiState;
import dev.reaper.tui.view.Canvas;
import dev.reaper.tui.view.ScreenView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/** Lanterna's virtual terminal behind a real screen, read back as text or as ANSI for snapshots. */
final class VirtualScreen {

    final DefaultVirtualTerminal terminal;
    final TerminalScreen screen;

    VirtualScreen(int width, int height) {
        terminal = new DefaultVirtualTerminal(new TerminalSize(width, height));
        try {
            screen = new TerminalScreen(terminal);
            screen.startScreen();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Draws the state as the TUI does and sends it to the terminal. */
    ScreenView.Frame draw(TuiState state, long now) {
        TerminalSize size = screen.getTerminalSize();
        ScreenView.Frame f = ScreenView.draw(new Canvas(screen.newTextGraphics(), state.theme), state, size.getColumns(),
                size.getRows(), now);
        try {
            screen.refresh(com.googlecode.lanterna.screen.Screen.RefreshType.DELTA);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return f;
    }

    /** What the terminal shows, one line per row, trailing blanks removed. */
    String text() {
        TerminalSize size = terminal.getTerminalSize();
        StringBuilder sb = new StringBuilder();
        for (int row = 0; row < size.getRows(); row++) {
            StringBuilder line = new StringBuilder();
            for (int col = 0; col < size.getColumns(); col++) {
                TextCharacter c = terminal.getBufferCharacter(col, row);
                if (c.isDoubleWidth()) {
                    line.append(c.getCharacterString());
                    col++;
                } else {
                    line.append(c.getCharacterString());
                }
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    /** The same with colours and attributes as 24-bit SGR sequences: {@code cat} the file to see the frame. */
    String ansi() {
        TerminalSize size = terminal.getTerminalSize();
        StringBuilder sb = new StringBuilder();
        for (int row = 0; row < size.getRows(); row++) {
            String last = null;
            for (int col = 0; col < size.getColumns(); col++) {
                TextCharacter c = terminal.getBufferCharacter(col, row);
                String sgr = sgr(c);
                if (!Objects.equals(sgr, last)) {
                    sb.append(sgr);
                    last = sgr;
                }
                sb.append(c.getCharacterString());
                if (c.isDoubleWidth()) {
                    col++;
                }
            }
            sb.append("\u001b[0m\n");
        }
        return sb.toString();
    }

    private static String sgr(TextCharacter c) {
        StringBuilder s = new StringBuilder("\u001b[0");
        if (c.getModifiers().contains(SGR.BOLD)) {
            s.append(";1");
        }
        if (c.getModifiers().contains(SGR.ITALIC)) {
            s.append(";3");
        }
        if (c.getModifiers().contains(SGR.UNDERLINE)) {
            s.append(";4");
        }
        if (c.getModifiers().contains(SGR.REVERSE)) {
            s.append(";7");
        }
        s.append(color(";38;2;", c.getForegroundColor())).append(color(";48;2;", c.getBackgroundColor()));
        return s.append('m').toString();
    }

    private static String color(String prefix, TextColor color) {
        if (color instanceof TextColor.RGB rgb) {
            return prefix + rgb.getRed() + ";" + rgb.getGreen() + ";" + rgb.getBlue();
        }
        return "";
    }
}
