package dev.reaper.tui.command;

import java.util.List;

/**
 * A slash command the TUI understands: its name, what it does, and what its argument completes to.
 */
public record SlashCommand(String name, String args, String description, Completion completion) {

    /** What the argument of a command is completed from. */
    public enum Completion { NONE, MODELS, SESSIONS, THEMES, KEYMAPS, MODES, FILES }

    public static final List<SlashCommand> BUILT_IN = List.of(
            new SlashCommand("help", "", "commands and keys", Completion.NONE),
            new SlashCommand("model", "[provider/model]", "switch model (a picker without argument)", Completion.MODELS),
            new SlashCommand("compare", "a/x,b/y prompt", "ask several models at once, side by side", Completion.MODELS),
            new SlashCommand("strategy", "[name]", "how requests use the candidate models: single, cascade, race,"
                    + " speculate, merge", Completion.NONE),
            new SlashCommand("cost", "", "show or hide the cost pane", Completion.NONE),
            new SlashCommand("diff", "", "show or hide the diff pane", Completion.NONE),
            new SlashCommand("plan", "", "show or hide the plan pane", Completion.NONE),
            new SlashCommand("undo", "", "restore the files of the last prompt and forget it", Completion.NONE),
            new SlashCommand("compact", "", "summarise the conversation to free the context window", Completion.NONE),
            new SlashCommand("clear", "", "start a new session", Completion.NONE),
            new SlashCommand("sessions", "", "open, resume or delete stored sessions", Completion.NONE),
            new SlashCommand("resume", "[id]", "resume a session", Completion.SESSIONS),
            new SlashCommand("theme", "[name]", "switch theme", Completion.THEMES),
            new SlashCommand("keymap", "[name]", "switch keymap", Completion.KEYMAPS),
            new SlashCommand("permissions", "[mode]", "show or switch the permission mode", Completion.MODES),
            new SlashCommand("copy", "[code]", "copy the last answer (or its last code block) to the clipboard",
                    Completion.NONE),
            new SlashCommand("explain", "[path]", "explain code", Completion.FILES),
            new SlashCommand("refactor", "[path] goal", "refactor code toward a goal", Completion.FILES),
            new SlashCommand("tests", "[path]", "write tests", Completion.FILES),
            new SlashCommand("review", "", "review the uncommitted changes", Completion.NONE),
            new SlashCommand("map", "[focus]", "the repo map: the most used files and their definitions, or those"
                    + " around the files and names given", Completion.FILES),
            new SlashCommand("quit", "", "leave Reaper", Completion.NONE));
}
