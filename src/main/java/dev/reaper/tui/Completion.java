package dev.reaper.tui;

import dev.reaper.policy.PermissionMode;
import dev.reaper.store.SessionMeta;
import dev.reaper.tui.command.CustomCommands;
import dev.reaper.tui.command.PromptCommands;
import dev.reaper.tui.command.SlashCommand;
import dev.reaper.tui.state.Popup;
import dev.reaper.tui.state.TuiState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Fills the completion popup for the word at the cursor: slash commands, {@code @path} mentions (fuzzy over
 * the workspace), and command arguments (models, sessions, themes, keymaps, modes, paths).
 */
final class Completion {

    private final TuiContext ctx;

    Completion(TuiContext ctx) {
        this.ctx = ctx;
    }

    /** Whether the cursor is in a command's first argument: models and sessions are only completed there. */
    private static boolean firstArgument(String beforeCursor) {
        return beforeCursor.indexOf(' ') == beforeCursor.lastIndexOf(' ');
    }

    /** Opens, updates or closes the popup for the text now typed. {@code forced}: asked for with Tab. */
    void update(boolean forced) {
        TuiState s = ctx.state;
        String text = s.input.text();
        String word = s.input.currentWord();
        List<Popup.Item> items = new ArrayList<>();
        boolean firstWord = text.substring(0, s.input.cursor()).indexOf(' ') < 0;
        if (text.startsWith("/") && firstWord && !text.contains("\n")) {
            String prefix = word.substring(1).toLowerCase(Locale.ROOT);
            for (SlashCommand c : SlashCommand.BUILT_IN) {
                if (c.name().startsWith(prefix)) {
                    items.add(new Popup.Item("/" + c.name(), c.description()));
                }
            }
            for (CustomCommands.Command c : ctx.custom.values()) {
                if (c.name().startsWith(prefix)) {
                    items.add(new Popup.Item("/" + c.name(), c.description()));
                }
            }
            for (PromptCommands.Command c : ctx.services.promptCommands().commands()) {
                if (c.name().toLowerCase(Locale.ROOT).startsWith(prefix)) {
                    items.add(new Popup.Item("/" + c.name(), (c.usage().isEmpty() ? "" : c.usage() + " · ")
                            + c.description()));
                }
            }
        } else if (word.startsWith("@")) {
            for (String f : ctx.files.match(word.substring(1), 50)) {
                items.add(new Popup.Item("@" + f, ""));
            }
        } else if (text.startsWith("/") && !firstWord && firstArgument(text.substring(0, s.input.cursor()))) {
            String command = text.substring(1, text.indexOf(' ')).toLowerCase(Locale.ROOT);
            SlashCommand.Completion kind = SlashCommand.BUILT_IN.stream().filter(c -> c.name().equals(command))
                    .map(SlashCommand::completion).findFirst().orElse(SlashCommand.Completion.NONE);
            String w = word.toLowerCase(Locale.ROOT);
            switch (kind) {
                case MODELS -> {
                    String last = w.contains(",") ? w.substring(w.lastIndexOf(',') + 1) : w;
                    String head = word.contains(",") ? word.substring(0, word.lastIndexOf(',') + 1) : "";
                    ctx.services.modelIds().stream().filter(m -> m.toLowerCase(Locale.ROOT).contains(last)).limit(50)
                            .forEach(m -> items.add(new Popup.Item(head + m, "")));
                }
                case SESSIONS -> {
                    for (SessionMeta m : ctx.services.sessions()) {
                        if (m.id().startsWith(w) || m.title().toLowerCase(Locale.ROOT).contains(w)) {
                            items.add(new Popup.Item(m.id().substring(0, 8), m.title()));
                        }
                    }
                }
                case THEMES -> ctx.themes.names().stream().filter(n -> n.startsWith(w))
                        .forEach(n -> items.add(new Popup.Item(n, "")));
                case KEYMAPS -> ctx.keymaps.names().stream().filter(n -> n.startsWith(w))
                        .forEach(n -> items.add(new Popup.Item(n, "")));
                case MODES -> {
                    for (PermissionMode m : PermissionMode.values()) {
                        if (m.id().toLowerCase(Locale.ROOT).startsWith(w)) {
                            items.add(new Popup.Item(m.id(), ""));
                        }
                    }
                }
                case FILES -> ctx.files.match(word, 50).forEach(f -> items.add(new Popup.Item(f, "")));
                case NONE -> { }
            }
            if (!forced && word.isEmpty()) {
                items.clear();
            }
        }
        s.popup = items.isEmpty() ? null : new Popup(items);
    }

    /** Puts the selected candidate in place of the word at the cursor. */
    void accept() {
        TuiState s = ctx.state;
        if (s.popup == null) {
            return;
        }
        Popup.Item item = s.popup.items.get(s.popup.selected);
        s.input.replaceCurrentWord(item.text() + " ");
        s.popup = null;
    }
}
