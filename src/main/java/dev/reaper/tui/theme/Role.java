package dev.reaper.tui.theme;

import java.util.Locale;

/** A colour a theme defines: what it is used for, not what it looks like. */
public enum Role {
    BACKGROUND, FOREGROUND, MUTED, ACCENT, BORDER, SELECTION, HEADER_BG, STATUS_BG, INPUT_BG, POPUP_BG,
    POPUP_SELECTED, USER, ASSISTANT, TOOL, ERROR, WARNING, SUCCESS, LINK, HEADING, CODE, CODE_BG, QUOTE,
    DIFF_ADD, DIFF_ADD_BG, DIFF_REMOVE, DIFF_REMOVE_BG, DIFF_HUNK,
    KEYWORD(true), STRING(true), COMMENT(true), NUMBER(true), TYPE(true), FUNCTION(true), CONSTANT(true),
    OPERATOR(true);

    private final boolean syntax;

    Role() {
        this(false);
    }

    Role(boolean syntax) {
        this.syntax = syntax;
    }

    /** Syntax roles live in the theme's [syntax] table, the others in [colors]. */
    public boolean isSyntax() {
        return syntax;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
