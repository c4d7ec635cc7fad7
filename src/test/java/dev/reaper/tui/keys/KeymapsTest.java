package dev.reaper.tui.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeymapsTest {

    @TempDir
    Path dir;

    static Keymap.Match in(Keymap k, String mode, String keys) {
        return k.lookup(mode, List.of(keys.split(" ")));
    }

    static Keymap.Match.Bound bound(Action a) {
        return new Keymap.Match.Bound(a);
    }

    @Test
    void theDefaultKeymapBindsEnterCtrlJAndLeaderSequences() {
        Keymap k = Keymaps.defaultKeymap();
        assertThat(k.isVim()).isFalse();
        assertThat(in(k, Keymap.INSERT, "enter")).isEqualTo(bound(Action.SUBMIT));
        assertThat(in(k, Keymap.INSERT, "ctrl+j")).isEqualTo(bound(Action.NEWLINE));
        assertThat(in(k, Keymap.INSERT, "alt+enter")).isEqualTo(bound(Action.NEWLINE));
        assertThat(in(k, Keymap.INSERT, "ctrl+x")).isEqualTo(new Keymap.Match.Pending());
        assertThat(in(k, Keymap.INSERT, "ctrl+x a i")).isEqualTo(bound(Action.FOCUS_ASSISTANT));
        assertThat(in(k, Keymap.INSERT, "ctrl+x d")).isEqualTo(bound(Action.DIFF_LAYOUT));
        assertThat(in(k, Keymap.INSERT, "q")).isEqualTo(new Keymap.Match.Unbound());
        assertThat(k.keysFor(Keymap.INSERT, Action.NEWLINE)).isEqualTo("alt+enter");
    }

    @Test
    void vimHasNormalModeMotionsAndTheSixLeaderActions() throws Exception {
        Keymap k = new Keymaps(null).load("vim");
        assertThat(k.isVim()).isTrue();
        assertThat(in(k, Keymap.INSERT, "escape")).isEqualTo(bound(Action.NORMAL_MODE));
        assertThat(in(k, Keymap.NORMAL, "g")).isEqualTo(new Keymap.Match.Pending());
        assertThat(in(k, Keymap.NORMAL, "g g")).isEqualTo(bound(Action.SCROLL_TOP));
        assertThat(in(k, Keymap.NORMAL, "d d")).isEqualTo(bound(Action.CLEAR_INPUT));
        assertThat(in(k, Keymap.NORMAL, "i")).isEqualTo(bound(Action.INSERT_MODE));
        for (var e : List.of(List.of("i", Action.FOCUS_ASSISTANT), List.of("c", Action.COMPLETE_CODE),
                List.of("r", Action.REFACTOR), List.of("t", Action.TESTS), List.of("e", Action.EXPLAIN),
                List.of("v", Action.REVIEW))) {
            assertThat(in(k, Keymap.NORMAL, "space a " + e.get(0))).isEqualTo(bound((Action) e.get(1)));
        }
    }

    @Test
    void everyActionHasAKeyInTheBuiltInKeymaps() throws Exception {
        Set<Action> vimOnly = EnumSet.of(Action.NORMAL_MODE, Action.INSERT_MODE, Action.APPEND_MODE,
                Action.INSERT_LINE_START, Action.APPEND_LINE_END, Action.OPEN_LINE, Action.COMMAND_MODE);
        Keymap emacs = Keymaps.defaultKeymap();
        Keymap vim = new Keymaps(null).load("vim");
        for (Action a : Action.values()) {
            boolean inVim = !vim.keysFor(Keymap.INSERT, a).isEmpty() || !vim.keysFor(Keymap.NORMAL, a).isEmpty();
            assertThat(inVim).as("vim binds %s", a.key()).isTrue();
            if (!vimOnly.contains(a)) {
                assertThat(emacs.keysFor(Keymap.INSERT, a)).as("default binds %s", a.key()).isNotEmpty();
            }
        }
    }

    @Test
    void aUserKeymapRebindsWhatItNamesAndKeepsTheRest() throws Exception {
        Files.writeString(dir.resolve("mine.toml"), """
                [bindings]
                toggle_plan = "ctrl+p"
                submit = "ctrl+s"
                newline = "enter"
                """);
        Keymap k = new Keymaps(dir).load("mine");
        assertThat(k.name()).isEqualTo("mine");
        assertThat(in(k, Keymap.INSERT, "ctrl+p")).isEqualTo(bound(Action.TOGGLE_PLAN));
        assertThat(in(k, Keymap.INSERT, "ctrl+t")).isEqualTo(new Keymap.Match.Unbound());
        assertThat(in(k, Keymap.INSERT, "enter")).isEqualTo(bound(Action.NEWLINE));
        assertThat(in(k, Keymap.INSERT, "ctrl+s")).isEqualTo(bound(Action.SUBMIT));
        assertThat(in(k, Keymap.INSERT, "ctrl+r")).isEqualTo(bound(Action.HISTORY_SEARCH));
        assertThat(in(k, Keymap.INSERT, "ctrl+x a i")).isEqualTo(bound(Action.FOCUS_ASSISTANT));
    }

    @Test
    void aNewLeaderMovesEveryLeaderSequence() throws Exception {
        Files.writeString(dir.resolve("lead.toml"), "leader = \"ctrl+a\"\n[bindings]\nline_start = \"home\"\n");
        Keymap k = new Keymaps(dir).load("lead");
        assertThat(in(k, Keymap.INSERT, "ctrl+a a e")).isEqualTo(bound(Action.EXPLAIN));
        assertThat(in(k, Keymap.INSERT, "ctrl+x")).isEqualTo(new Keymap.Match.Unbound());
    }

    @Test
    void aVimUserKeymapStartsFromVim() throws Exception {
        Files.writeString(dir.resolve("myvim.toml"), "mode = \"vim\"\n[normal]\nscroll_down = \"J\"\n");
        Keymap k = new Keymaps(dir).load("myvim");
        assertThat(k.isVim()).isTrue();
        assertThat(in(k, Keymap.NORMAL, "J")).isEqualTo(bound(Action.SCROLL_DOWN));
        assertThat(in(k, Keymap.NORMAL, "j")).isEqualTo(new Keymap.Match.Unbound());
        assertThat(in(k, Keymap.NORMAL, "g g")).isEqualTo(bound(Action.SCROLL_TOP));
    }

    @Test
    void withoutInheritanceOnlyTheFilesBindingsExist() throws Exception {
        Files.writeString(dir.resolve("bare.toml"), "inherit = false\n[bindings]\nsubmit = \"enter\"\n");
        Keymap k = new Keymaps(dir).load("bare");
        assertThat(in(k, Keymap.INSERT, "enter")).isEqualTo(bound(Action.SUBMIT));
        assertThat(in(k, Keymap.INSERT, "ctrl+r")).isEqualTo(new Keymap.Match.Unbound());
    }

    @Test
    void errorsNameTheFileAndTheLine() throws IOException {
        Files.writeString(dir.resolve("a.toml"), "[bindings]\nsubmit = \"enter\"\nlaunch_rockets = \"ctrl+l\"\n");
        assertThatThrownBy(() -> new Keymaps(dir).load("a")).hasMessageContaining("a.toml line 3")
                .hasMessageContaining("unknown action 'launch_rockets'");
        Files.writeString(dir.resolve("b.toml"), "[bindings]\n\nsubmit = \"hyper+enter\"\n");
        assertThatThrownBy(() -> new Keymaps(dir).load("b")).hasMessageContaining("b.toml line 3")
                .hasMessageContaining("hyper");
        Files.writeString(dir.resolve("c.toml"), "inherit = false\n[bindings]\nsubmit = \"enter\"\nnewline = [\"enter\"]\n");
        assertThatThrownBy(() -> new Keymaps(dir).load("c")).hasMessageContaining("c.toml line 4")
                .hasMessageContaining("already bound to submit");
        Files.writeString(dir.resolve("d.toml"), "leader = \"\"\n");
        assertThatThrownBy(() -> new Keymaps(dir).load("d")).hasMessageContaining("d.toml line 1");
        Files.writeString(dir.resolve("e.toml"), "[bindings\nsubmit = \"enter\"\n");
        assertThatThrownBy(() -> new Keymaps(dir).load("e")).hasMessageContaining("e.toml line 1");
    }
}
