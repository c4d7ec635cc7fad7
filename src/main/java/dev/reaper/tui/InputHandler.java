package dev.reaper.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.input.MouseAction;
import com.googlecode.lanterna.input.MouseActionType;
import dev.reaper.agent.Approver;
import dev.reaper.edit.Hunks;
import dev.reaper.tools.FileEdit;
import dev.reaper.tui.keys.Action;
import dev.reaper.tui.keys.KeyNames;
import dev.reaper.tui.keys.Keymap;
import dev.reaper.tui.state.ChatEntry;
import dev.reaper.tui.state.Dialog;
import dev.reaper.tui.state.TuiState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Keys and mouse: dialogs and the popup take keys first; then the keymap turns key sequences into actions
 * (in the input mode of the keymap); an unbound printable key is typed.
 */
final class InputHandler {

    static final long QUIT_WINDOW_MS = 2000;

    private final TuiContext ctx;
    private final PromptRunner prompts;
    private final Commands commands;
    private final Completion completion;
    private final List<String> pending = new ArrayList<>();
    /** Rows of the chat area and the entry on each, from the last frame (for clicks). */
    List<ChatEntry> rows = List.of();
    int chatTop;
    int pageSize = 20;

    InputHandler(TuiContext ctx, PromptRunner prompts, Commands commands, Completion completion) {
        this.ctx = ctx;
        this.prompts = prompts;
        this.commands = commands;
        this.completion = completion;
    }

    void key(KeyStroke k) {
        if (k instanceof MouseAction m) {
            mouse(m);
            return;
        }
        TuiState s = ctx.state;
        if (s.dialog != null) {
            dialogKey(k);
            return;
        }
        if (s.search != null && searchKey(k)) {
            return;
        }
        if (s.popup != null && popupKey(k)) {
            return;
        }
        String name = KeyNames.of(k);
        if (name == null) {
            return;
        }
        pending.add(name);
        Keymap.Match m = s.keymap.lookup(s.inputMode, pending);
        switch (m) {
            case Keymap.Match.Bound b -> {
                pending.clear();
                perform(b.action());
            }
            case Keymap.Match.Pending p -> { }
            case Keymap.Match.Unbound u -> {
                List<String> keys = List.copyOf(pending);
                pending.clear();
                if (keys.size() > 1) {
                    key(k); // the sequence went nowhere: the last key on its own
                    return;
                }
                if (k.getKeyType() == KeyType.Character && !k.isCtrlDown() && !k.isAltDown()
                        && s.inputMode.equals(Keymap.INSERT)) {
                    type(String.valueOf(k.getCharacter()));
                }
            }
        }
    }

    /** Pasted text: into the picker's filter when one is open, else into the input as typed, newlines and all. */
    void paste(String text) {
        String clean = text.replace("\r\n", "\n").replace('\r', '\n').replaceAll("[\\p{Cc}&&[^\n\t]]", "");
        if (ctx.state.dialog instanceof Dialog.Picker p) {
            p.filter.append(clean.replace('\n', ' '));
            p.selected = 0;
        } else if (ctx.state.dialog == null) {
            ctx.state.inputMode = Keymap.INSERT;
            type(clean);
        }
    }

    /** Text typed or pasted into the input. */
    void type(String text) {
        ctx.state.input.insert(text);
        ctx.state.scroll = 0;
        completion.update(false);
    }

    void perform(Action a) {
        TuiState s = ctx.state;
        if (a != Action.QUIT) {
            ctx.lastQuitPress = 0;
        }
        switch (a) {
            case SUBMIT -> submit();
            case NEWLINE -> type("\n");
            case INTERRUPT -> {
                if (s.running) {
                    prompts.interrupt();
                    s.say("interrupting…", ctx.now());
                } else if (s.popup != null) {
                    s.popup = null;
                }
            }
            case QUIT -> quit();
            case COMPLETE, COMPLETE_CODE -> {
                if (s.popup != null) {
                    completion.accept();
                } else {
                    completion.update(true);
                }
            }
            case HISTORY_PREV -> {
                if (!s.input.up()) {
                    ctx.history.previous(s.input.text()).ifPresent(s.input::set);
                }
            }
            case HISTORY_NEXT -> {
                if (!s.input.down()) {
                    ctx.history.next().ifPresent(s.input::set);
                }
            }
            case HISTORY_SEARCH -> {
                s.search = new StringBuilder();
                s.searchMatch = -1;
            }
            case CURSOR_LEFT -> s.input.left();
            case CURSOR_RIGHT -> s.input.right();
            case WORD_LEFT -> s.input.wordLeft();
            case WORD_RIGHT -> s.input.wordRight();
            case LINE_START -> s.input.lineStart();
            case LINE_END -> s.input.lineEnd();
            case BACKSPACE -> {
                s.input.backspace();
                completion.update(false);
            }
            case DELETE_CHAR -> s.input.deleteChar();
            case DELETE_WORD -> s.input.deleteWord();
            case KILL_LINE -> s.input.killLine();
            case CLEAR_INPUT -> {
                s.input.clear();
                s.popup = null;
            }
            case SCROLL_UP -> s.scroll += 3;
            case SCROLL_DOWN -> s.scroll = Math.max(0, s.scroll - 3);
            case PAGE_UP -> s.scroll += pageSize;
            case PAGE_DOWN -> s.scroll = Math.max(0, s.scroll - pageSize);
            case SCROLL_TOP -> s.scroll = Integer.MAX_VALUE / 2;
            case SCROLL_BOTTOM -> s.scroll = 0;
            case TOGGLE_TOOLS -> {
                s.expandAll = !s.expandAll;
                s.chat.forEach(ChatEntry::touch);
            }
            case TOGGLE_DIFF -> togglePane(TuiState.Pane.DIFF);
            case TOGGLE_PLAN -> togglePane(TuiState.Pane.PLAN);
            case TOGGLE_COST -> togglePane(TuiState.Pane.COST);
            case DIFF_LAYOUT -> {
                s.sideBySide = !s.sideBySide;
                if (s.pane == TuiState.Pane.NONE) {
                    s.pane = TuiState.Pane.DIFF;
                }
            }
            case PANE_UP -> s.paneScroll += pageSize / 2;
            case PANE_DOWN -> s.paneScroll = Math.max(0, s.paneScroll - pageSize / 2);
            case REDRAW -> {
                s.chat.forEach(ChatEntry::touch);
                ctx.repaint = true;
            }
            case COPY_LAST -> commands.copy(false);
            case SESSIONS -> commands.run("/sessions");
            case MODELS -> commands.run("/model");
            case FOCUS_ASSISTANT, INSERT_MODE -> s.inputMode = Keymap.INSERT;
            case EXPLAIN -> leader("/explain");
            case REFACTOR -> leader("/refactor");
            case TESTS -> leader("/tests");
            case REVIEW -> commands.run("/review");
            case NORMAL_MODE -> {
                if (s.popup != null) {
                    s.popup = null;
                } else {
                    s.inputMode = Keymap.NORMAL;
                    s.input.left();
                }
            }
            case APPEND_MODE -> {
                s.input.right();
                s.inputMode = Keymap.INSERT;
            }
            case INSERT_LINE_START -> {
                s.input.lineStart();
                s.inputMode = Keymap.INSERT;
            }
            case APPEND_LINE_END -> {
                s.input.lineEnd();
                s.inputMode = Keymap.INSERT;
            }
            case OPEN_LINE -> {
                s.input.lineEnd();
                s.input.insert("\n");
                s.inputMode = Keymap.INSERT;
            }
            case COMMAND_MODE -> {
                s.input.set("/");
                s.inputMode = Keymap.INSERT;
                completion.update(false);
            }
        }
    }

    /** A leader action on what is typed: "/explain src/a.py" when a path is in the input, else the command alone. */
    private void leader(String command) {
        TuiState s = ctx.state;
        String typed = s.input.text().strip();
        s.inputMode = Keymap.INSERT;
        if (typed.isEmpty()) {
            s.input.set(command + " ");
            completion.update(true);
        } else {
            s.input.clear();
            commands.run(command + " " + typed.replaceFirst("^@", ""));
        }
    }

    private void togglePane(TuiState.Pane pane) {
        ctx.state.pane = ctx.state.pane == pane ? TuiState.Pane.NONE : pane;
        ctx.state.paneScroll = 0;
    }

    private void quit() {
        TuiState s = ctx.state;
        long now = ctx.now();
        if (now - ctx.lastQuitPress < QUIT_WINDOW_MS) {
            ctx.quit = true;
            return;
        }
        ctx.lastQuitPress = now;
        if (s.running) {
            prompts.interrupt();
        } else if (!s.input.isEmpty()) {
            s.input.clear();
            s.popup = null;
        }
        s.say("press ctrl+c again to quit", now);
    }

    private void submit() {
        TuiState s = ctx.state;
        String text = s.input.text();
        if (text.isBlank()) {
            return;
        }
        s.input.clear();
        s.popup = null;
        ctx.history.add(text);
        String t = text.strip();
        if (t.startsWith("/") && !t.startsWith("//")) {
            commands.run(t);
        } else if (t.startsWith("!")) {
            shell(t.substring(1).strip());
        } else {
            prompts.submit(t);
        }
    }

    /** {@code !command}: runs it, shows its output, and hands the output to the next prompt. */
    private void shell(String command) {
        if (command.isEmpty()) {
            return;
        }
        ChatEntry.Shell entry = new ChatEntry.Shell(command);
        ctx.state.chat.add(entry);
        ctx.state.scroll = 0;
        Thread.ofVirtual().start(() -> {
            String out = ctx.services.shell(command, new dev.reaper.protocol.Cancellation());
            ctx.post.accept(new UiEvent.Task(() -> {
                entry.output = out;
                entry.touch();
                ctx.state.pendingContext.add("<shell command=\"" + command.replace("\"", "'") + "\">\n" + out
                        + "\n</shell>");
            }));
        });
    }

    private boolean popupKey(KeyStroke k) {
        TuiState s = ctx.state;
        switch (k.getKeyType()) {
            case ArrowUp -> s.popup.selected = Math.max(0, s.popup.selected - 1);
            case ArrowDown -> s.popup.selected = Math.min(s.popup.items.size() - 1, s.popup.selected + 1);
            case Tab -> completion.accept();
            case Enter -> {
                // a command line runs once completed; in a prompt, Enter completes the word unless it is complete
                boolean complete = s.input.currentWord().equals(s.popup.items.get(s.popup.selected).text());
                completion.accept();
                if (complete || s.input.text().startsWith("/")) {
                    submit();
                }
            }
            case Escape -> s.popup = null;
            default -> {
                return false;
            }
        }
        return true;
    }

    private boolean searchKey(KeyStroke k) {
        TuiState s = ctx.state;
        switch (k.getKeyType()) {
            case Character -> {
                if (k.isCtrlDown() && k.getCharacter() == 'r') {
                    s.searchMatch = ctx.history.search(s.search.toString(), s.searchMatch < 0 ? ctx.history.size()
                            : s.searchMatch).orElse(s.searchMatch);
                } else if (!k.isCtrlDown() && !k.isAltDown()) {
                    s.search.append(k.getCharacter());
                    s.searchMatch = ctx.history.search(s.search.toString(), ctx.history.size()).orElse(-1);
                } else {
                    return false;
                }
            }
            case Backspace -> {
                if (!s.search.isEmpty()) {
                    s.search.setLength(s.search.length() - 1);
                }
                s.searchMatch = ctx.history.search(s.search.toString(), ctx.history.size()).orElse(-1);
            }
            case Enter, Tab -> {
                if (s.searchMatch >= 0) {
                    s.input.set(ctx.history.get(s.searchMatch));
                }
                s.search = null;
            }
            case Escape -> s.search = null;
            default -> {
                s.search = null;
                return false;
            }
        }
        if (s.search != null && s.searchMatch >= 0) {
            s.input.set(ctx.history.get(s.searchMatch));
        }
        return true;
    }

    private void mouse(MouseAction m) {
        TuiState s = ctx.state;
        if (m.getActionType() == MouseActionType.SCROLL_UP) {
            s.scroll += 3;
        } else if (m.getActionType() == MouseActionType.SCROLL_DOWN) {
            s.scroll = Math.max(0, s.scroll - 3);
        } else if (m.getActionType() == MouseActionType.CLICK_DOWN && s.dialog == null) {
            int row = m.getPosition().getRow() - chatTop;
            if (row >= 0 && row < rows.size() && rows.get(row) != null) {
                ChatEntry e = rows.get(row);
                if (e instanceof ChatEntry.Tool t) {
                    t.expanded = !t.expanded;
                    t.touch();
                } else if (e instanceof ChatEntry.Shell sh) {
                    sh.expanded = !sh.expanded;
                    sh.touch();
                }
            }
        }
    }

    private void dialogKey(KeyStroke k) {
        TuiState s = ctx.state;
        switch (s.dialog) {
            case Dialog.Approval a -> approvalKey(a, k);
            case Dialog.Picker p -> pickerKey(p, k);
            case Dialog.Info i -> {
                if (k.getKeyType() == KeyType.Escape || k.getKeyType() == KeyType.Enter
                        || (k.getKeyType() == KeyType.Character && k.getCharacter() == 'q')) {
                    s.dialog = null;
                }
            }
            case Dialog.Compare c -> {
                if (k.getKeyType() == KeyType.Escape) {
                    if (ctx.turn != null) {
                        ctx.turn.cancel();
                    }
                    s.dialog = null;
                } else if (k.getKeyType() == KeyType.ArrowDown) {
                    c.scroll++;
                } else if (k.getKeyType() == KeyType.ArrowUp) {
                    c.scroll = Math.max(0, c.scroll - 1);
                } else if (c.done() && k.getKeyType() == KeyType.Character && Character.isDigit(k.getCharacter())) {
                    int i = k.getCharacter() - '1';
                    if (i >= 0 && i < c.models.size()) {
                        commands.adopt(c, i);
                    }
                }
            }
        }
    }

    private void approvalKey(Dialog.Approval a, KeyStroke k) {
        TuiState s = ctx.state;
        int total = a.hunkCount();
        if (k.getKeyType() == KeyType.Escape) {
            answer(a, Approver.Answer.deny("the user declined"));
            return;
        }
        if (k.getKeyType() == KeyType.ArrowDown) {
            if (total > 1) {
                a.selected = Math.min(total - 1, a.selected + 1);
            }
            a.scroll++;
            return;
        }
        if (k.getKeyType() == KeyType.ArrowUp) {
            a.selected = Math.max(0, a.selected - 1);
            a.scroll = Math.max(0, a.scroll - 1);
            return;
        }
        if (k.getKeyType() == KeyType.Enter && total > 1) {
            answer(a, chosen(a));
            return;
        }
        if (k.getKeyType() != KeyType.Character) {
            return;
        }
        switch (Character.toLowerCase(k.getCharacter())) {
            case 'y' -> answer(a, a.rejected.isEmpty() ? Approver.Answer.allow() : chosen(a));
            case 'a' -> answer(a, Approver.Answer.allowAlways());
            case 'n' -> answer(a, Approver.Answer.deny("the user declined"));
            case ' ' -> {
                String key = keyOf(a, a.selected);
                if (key != null && !a.rejected.remove(key)) {
                    a.rejected.add(key);
                }
            }
            default -> { }
        }
        if (s.dialog == a) {
            return;
        }
    }

    /** "file:hunk" of the n-th hunk overall. */
    private static String keyOf(Dialog.Approval a, int n) {
        int i = 0;
        for (int f = 0; f < a.hunks.size(); f++) {
            for (int h = 0; h < a.hunks.get(f).size(); h++, i++) {
                if (i == n) {
                    return f + ":" + h;
                }
            }
        }
        return null;
    }

    /** The user's version of the change: rejected hunks left out. */
    private static Approver.Answer chosen(Dialog.Approval a) {
        if (a.rejected.isEmpty()) {
            return Approver.Answer.allow();
        }
        List<FileEdit> edits = new ArrayList<>();
        for (int f = 0; f < a.request.edits().size(); f++) {
            FileEdit e = a.request.edits().get(f);
            Set<Integer> keep = new HashSet<>();
            for (int h = 0; h < a.hunks.get(f).size(); h++) {
                if (!a.rejected.contains(f + ":" + h)) {
                    keep.add(h);
                }
            }
            String after = a.hunks.get(f).isEmpty() ? e.after() : Hunks.apply(e.before(), e.after(), keep);
            edits.add(new FileEdit(e.path(), e.before(), after));
        }
        return Approver.Answer.partly(edits);
    }

    private void answer(Dialog.Approval a, Approver.Answer answer) {
        a.answer.complete(answer);
        ctx.state.dialog = null;
    }

    private void pickerKey(Dialog.Picker p, KeyStroke k) {
        TuiState s = ctx.state;
        switch (k.getKeyType()) {
            case Escape -> {
                s.dialog = null;
                p.onDismiss.run();
            }
            case ArrowUp -> p.selected = Math.max(0, p.selected - 1);
            case ArrowDown -> p.selected++;
            case Enter -> {
                List<Dialog.Picker.Item> visible = p.visible();
                if (!visible.isEmpty()) {
                    s.dialog = null;
                    p.onPick.accept(visible.get(Math.min(p.selected, visible.size() - 1)));
                }
            }
            case Backspace -> {
                if (!p.filter.isEmpty()) {
                    p.filter.setLength(p.filter.length() - 1);
                }
            }
            case Character -> {
                if (k.isCtrlDown() && k.getCharacter() == 'd' && p.onDelete != null) {
                    List<Dialog.Picker.Item> visible = p.visible();
                    if (!visible.isEmpty()) {
                        p.onDelete.accept(visible.get(Math.min(p.selected, visible.size() - 1)));
                    }
                } else if (!k.isCtrlDown() && !k.isAltDown()) {
                    p.filter.append(k.getCharacter());
                    p.selected = 0;
                }
            }
            default -> { }
        }
    }
}
