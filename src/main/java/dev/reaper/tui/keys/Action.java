package dev.reaper.tui.keys;

import java.util.Locale;
import java.util.Optional;

/** Everything a key can be bound to. Keymap files name them in lower case ({@code history_search}). */
public enum Action {
    SUBMIT, NEWLINE, INTERRUPT, QUIT, COMPLETE,
    HISTORY_PREV, HISTORY_NEXT, HISTORY_SEARCH,
    CURSOR_LEFT, CURSOR_RIGHT, WORD_LEFT, WORD_RIGHT, LINE_START, LINE_END,
    BACKSPACE, DELETE_CHAR, DELETE_WORD, KILL_LINE, CLEAR_INPUT,
    SCROLL_UP, SCROLL_DOWN, PAGE_UP, PAGE_DOWN, SCROLL_TOP, SCROLL_BOTTOM,
    TOGGLE_TOOLS, TOGGLE_DIFF, TOGGLE_PLAN, TOGGLE_COST, DIFF_LAYOUT, PANE_UP, PANE_DOWN, REDRAW, COPY_LAST, SESSIONS, MODELS,
    FOCUS_ASSISTANT, COMPLETE_CODE, REFACTOR, TESTS, EXPLAIN, REVIEW,
    NORMAL_MODE, INSERT_MODE, APPEND_MODE, INSERT_LINE_START, APPEND_LINE_END, OPEN_LINE, COMMAND_MODE;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Action> of(String key) {
        for (Action a : values()) {
            if (a.key().equals(key)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
