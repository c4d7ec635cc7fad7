package dev.reaper.tui.theme;

/** A theme or keymap file Reaper cannot use; the message names the file and the line. */
public final class ThemeException extends Exception {

    public ThemeException(String message) {
        super(message);
    }
}
