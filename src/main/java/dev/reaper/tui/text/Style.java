package dev.reaper.tui.text;

import dev.reaper.tui.theme.Role;

/**
 * How a piece of text looks, in theme roles (so switching theme needs no new layout). A null background
 * means the background of whatever the text is drawn on.
 */
public record Style(Role fg, Role bg, boolean bold, boolean italic, boolean underline, boolean reverse) {

    public static final Style PLAIN = new Style(Role.FOREGROUND, null, false, false, false, false);

    public static Style of(Role fg) {
        return new Style(fg, null, false, false, false, false);
    }

    public Style withBg(Role background) {
        return new Style(fg, background, bold, italic, underline, reverse);
    }

    public Style withFg(Role foreground) {
        return new Style(foreground, bg, bold, italic, underline, reverse);
    }

    public Style asBold() {
        return new Style(fg, bg, true, italic, underline, reverse);
    }

    public Style asItalic() {
        return new Style(fg, bg, bold, true, underline, reverse);
    }

    public Style asUnderline() {
        return new Style(fg, bg, bold, italic, true, reverse);
    }

    public Style asReversed() {
        return new Style(fg, bg, bold, italic, underline, true);
    }
}
