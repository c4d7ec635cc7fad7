package dev.reaper.tui.term;

import com.googlecode.lanterna.input.BasicCharacterPattern;
import com.googlecode.lanterna.input.CharacterPattern;
import com.googlecode.lanterna.input.KeyDecodingProfile;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.List;

/**
 * Keys Lanterna's decoder does not tell apart once the terminal stops turning CR into LF: Enter
 * ({@code \r}), Ctrl+J ({@code \n}), Alt+Enter ({@code ESC \r}), and the bracketed-paste markers. Added
 * after Lanterna's own patterns, these win where both match.
 */
final class ExtraKeys implements KeyDecodingProfile {

    private static final char ESC = 0x1b;

    private final boolean lineFeedIsCtrlJ;

    /** @param lineFeedIsCtrlJ the terminal no longer maps CR to LF, so LF can only be Ctrl+J */
    ExtraKeys(boolean lineFeedIsCtrlJ) {
        this.lineFeedIsCtrlJ = lineFeedIsCtrlJ;
    }

    @Override
    public List<CharacterPattern> getPatterns() {
        return List.of(
                new BasicCharacterPattern(new KeyStroke(KeyType.Enter), '\r'),
                new BasicCharacterPattern(lineFeedIsCtrlJ ? new KeyStroke('j', true, false) : new KeyStroke(KeyType.Enter),
                        '\n'),
                new BasicCharacterPattern(new KeyStroke(KeyType.Enter, false, true), ESC, '\r'),
                new BasicCharacterPattern(new KeyStroke(KeyType.Enter, false, true), ESC, '\n'),
                new BasicCharacterPattern(PasteMarker.START, ESC, '[', '2', '0', '0', '~'),
                new BasicCharacterPattern(PasteMarker.END, ESC, '[', '2', '0', '1', '~'));
    }
}
