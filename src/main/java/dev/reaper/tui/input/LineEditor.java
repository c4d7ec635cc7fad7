package dev.reaper.tui.input;

/**
 * The text being typed: several lines, a cursor, and the editing operations of the keymaps. The cursor
 * is an index into the text; lines are separated by '\n'.
 */
public final class LineEditor {

    private final StringBuilder text = new StringBuilder();
    private int cursor;

    public String text() {
        return text.toString();
    }

    public int cursor() {
        return cursor;
    }

    public boolean isEmpty() {
        return text.isEmpty();
    }

    public void set(String value) {
        text.setLength(0);
        text.append(value);
        cursor = text.length();
    }

    public void clear() {
        set("");
    }

    public void insert(String s) {
        text.insert(cursor, s);
        cursor += s.length();
    }

    public void backspace() {
        if (cursor > 0) {
            int n = Character.isLowSurrogate(text.charAt(cursor - 1)) && cursor > 1 ? 2 : 1;
            text.delete(cursor - n, cursor);
            cursor -= n;
        }
    }

    public void deleteChar() {
        if (cursor < text.length()) {
            int n = Character.isHighSurrogate(text.charAt(cursor)) && cursor + 1 < text.length() ? 2 : 1;
            text.delete(cursor, cursor + n);
        }
    }

    public void left() {
        if (cursor > 0) {
            cursor -= Character.isLowSurrogate(text.charAt(cursor - 1)) && cursor > 1 ? 2 : 1;
        }
    }

    public void right() {
        if (cursor < text.length()) {
            cursor += Character.isHighSurrogate(text.charAt(cursor)) && cursor + 1 < text.length() ? 2 : 1;
        }
    }

    public void wordLeft() {
        while (cursor > 0 && !Character.isLetterOrDigit(text.charAt(cursor - 1))) {
            cursor--;
        }
        while (cursor > 0 && Character.isLetterOrDigit(text.charAt(cursor - 1))) {
            cursor--;
        }
    }

    public void wordRight() {
        while (cursor < text.length() && !Character.isLetterOrDigit(text.charAt(cursor))) {
            cursor++;
        }
        while (cursor < text.length() && Character.isLetterOrDigit(text.charAt(cursor))) {
            cursor++;
        }
    }

    public void lineStart() {
        cursor = text.lastIndexOf("\n", cursor - 1) + 1;
    }

    public void lineEnd() {
        int nl = text.indexOf("\n", cursor);
        cursor = nl < 0 ? text.length() : nl;
    }

    public void deleteWord() {
        int end = cursor;
        wordLeft();
        text.delete(cursor, end);
    }

    /** Deletes to the end of the line, or the line break when already there. */
    public void killLine() {
        int nl = text.indexOf("\n", cursor);
        int end = nl < 0 ? text.length() : nl == cursor ? nl + 1 : nl;
        text.delete(cursor, end);
    }

    /** Moves up a line, keeping the column; false when already on the first line. */
    public boolean up() {
        int start = text.lastIndexOf("\n", cursor - 1) + 1;
        if (start == 0) {
            return false;
        }
        int col = cursor - start;
        int prevStart = text.lastIndexOf("\n", start - 2) + 1;
        cursor = Math.min(prevStart + col, start - 1);
        return true;
    }

    /** Moves down a line, keeping the column; false when already on the last line. */
    public boolean down() {
        int nl = text.indexOf("\n", cursor);
        if (nl < 0) {
            return false;
        }
        int col = cursor - (text.lastIndexOf("\n", cursor - 1) + 1);
        int nextEnd = text.indexOf("\n", nl + 1);
        cursor = Math.min(nl + 1 + col, nextEnd < 0 ? text.length() : nextEnd);
        return true;
    }

    /** The 0-based line and column (in chars) of the cursor. */
    public int[] position() {
        int line = 0;
        int start = 0;
        for (int i = 0; i < cursor; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                start = i + 1;
            }
        }
        return new int[] {line, cursor - start};
    }

    /** The word being typed at the cursor (after the last space or line start), for completion. */
    public String currentWord() {
        int i = cursor;
        while (i > 0 && !Character.isWhitespace(text.charAt(i - 1))) {
            i--;
        }
        return text.substring(i, cursor);
    }

    /** Replaces the word at the cursor (see {@link #currentWord}). */
    public void replaceCurrentWord(String replacement) {
        int i = cursor;
        while (i > 0 && !Character.isWhitespace(text.charAt(i - 1))) {
            i--;
        }
        text.replace(i, cursor, replacement);
        cursor = i + replacement.length();
    }
}
