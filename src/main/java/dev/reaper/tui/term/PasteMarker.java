package dev.reaper.tui.term;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;

/** The start or end of a bracketed paste: what arrives between them was pasted, not typed. */
public final class PasteMarker extends KeyStroke {

    public static final PasteMarker START = new PasteMarker(true);
    public static final PasteMarker END = new PasteMarker(false);

    private final boolean start;

    private PasteMarker(boolean start) {
        super(KeyType.Unknown);
        this.start = start;
    }

    public boolean isStart() {
        return start;
    }

    @Override
    public String toString() {
        return start ? "PasteStart" : "PasteEnd";
    }
}
