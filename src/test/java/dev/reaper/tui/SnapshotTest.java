package dev.reaper.tui;

import dev.reaper.agent.Approver;
import dev.reaper.agent.Comparison;
import dev.reaper.edit.UnifiedDiff;
import dev.reaper.protocol.Event;
import dev.reaper.protocol.PlanItem;
import dev.reaper.protocol.Usage;
import dev.reaper.router.ModelRef;
import dev.reaper.tools.FileEdit;
import dev.reaper.tui.keys.Keymap;
import dev.reaper.tui.keys.Keymaps;
import dev.reaper.tui.state.ChatEntry;
import dev.reaper.tui.state.Dialog;
import dev.reaper.tui.state.Popup;
import dev.reaper.tui.state.TuiState;
import dev.reaper.tui.theme.ThemeException;
import dev.reaper.tui.theme.Themes;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import dev.reaper.tui.view.ScreenView;

/**
 * Every pane, dialog and theme drawn on Lanterna's virtual terminal and compared with its snapshot in
 * {@code src/test/resources/golden/tui}: the text for the layout, ANSI for the themes ({@code cat} one to
 * see it).
 */
class SnapshotTest {

    static final long NOW = 1_700_000_000_000L;

    static TuiState state() {
        TuiState s = new TuiState();
        s.theme = Themes.defaultTheme();
        s.keymap = Keymaps.defaultKeymap();
        s.workspace = "/home/ada/shop";
        s.model = "anthropic/claude-sonnet-4-5";
        s.sessionId = "3f2a9c1e-0000-4000-8000-000000000000";
        return s;
    }

    static final String ANSWER = """
            ## Why the total is wrong

            The discount is applied **twice**: once in `Cart.total()` and again in *checkout*. See
            [the pricing notes](https://example.com/pricing).

            1. Remove the second call
            2. Add a test for carts with a coupon

            | case | before | after |
            |------|-------:|------:|
            | no coupon | 10.00 | 10.00 |
            | coupon | 8.10 | 9.00 |

            ```java
            public int total(List<Item> items) {
                // sum the prices, then discount once
                return discount(items.stream().mapToInt(Item::price).sum(), 0.1);
            }
            ```

            > Tests pass after the change.
            """;

    /** A conversation with every kind of entry. */
    static TuiState conversation() {
        TuiState s = state();
        s.chat.add(new ChatEntry.User("why is the total wrong when a coupon is used? look at @src/Cart.java"));
        ChatEntry.Tool read = new ChatEntry.Tool("c1", "read", "{\"path\":\"src/Cart.java\"}");
        read.output = "1\tpublic class Cart {\n2\t  int total() { ... }\n3\t}";
        read.status = Event.ToolStatus.OK;
        s.chat.add(read);
        ChatEntry.Tool grep = new ChatEntry.Tool("c2", "grep", "{\"pattern\":\"discount\\\\(\"}");
        grep.output = "src/Cart.java:12: return discount(sum, 0.1);\nsrc/Checkout.java:40: total = discount(total, 0.1);";
        grep.status = Event.ToolStatus.OK;
        grep.expanded = true;
        s.chat.add(grep);
        ChatEntry.Tool bash = new ChatEntry.Tool("c3", "bash", "{\"command\":\"mvn -q test\"}");
        bash.output = "[exit code 1] 1 test failed";
        bash.status = Event.ToolStatus.ERROR;
        s.chat.add(bash);
        ChatEntry.Assistant a = new ChatEntry.Assistant();
        a.append(ANSWER);
        a.streaming = false;
        a.model = "anthropic/claude-sonnet-4-5";
        s.chat.add(a);
        s.chat.add(new ChatEntry.Note("retrying anthropic in 2 s (529 overloaded)", ChatEntry.Note.Kind.WARNING));
        ChatEntry.Shell sh = new ChatEntry.Shell("git status --short");
        sh.output = " M src/Cart.java\n?? notes.txt\n[exit code 0]";
        s.chat.add(sh);
        s.cost.request(new Event.RequestFinished("anthropic", "claude-sonnet-4-5", new Usage(12_400, 830, 9_000, 0, 0),
                0.0512, true, 640, 4200));
        s.cost.turnMillis = 5300;
        return s;
    }

    static final String BEFORE = "class Cart {\n  int total() {\n    return discount(sum(), 0.1);\n  }\n\n  int sum() {\n"
            + "    return 0;\n  }\n}\n";
    static final String AFTER = "class Cart {\n  int total() {\n    return sum();\n  }\n\n  int sum() {\n"
            + "    return items.stream().mapToInt(Item::price).sum();\n  }\n}\n";

    static TuiState withDiff() {
        TuiState s = conversation();
        s.diffs.add(new TuiState.FileDiff("src/Cart.java", UnifiedDiff.of("src/Cart.java", BEFORE, AFTER)));
        return s;
    }

    static String draw(TuiState s, int width, int height) {
        VirtualScreen v = new VirtualScreen(width, height);
        v.draw(s, NOW);
        return v.text();
    }

    @Test
    void welcome() {
        Golden.check("welcome.txt", draw(state(), 100, 24));
    }

    @Test
    void conversation80() {
        Golden.check("conversation-80.txt", draw(conversation(), 80, 60));
    }

    @Test
    void conversationNarrow() {
        Golden.check("conversation-44.txt", draw(conversation(), 44, 40));
    }

    @Test
    void scrolledBack() {
        TuiState s = conversation();
        s.scroll = 12;
        Golden.check("scrolled.txt", draw(s, 80, 24));
    }

    @Test
    void streamingTurn() {
        TuiState s = state();
        s.chat.add(new ChatEntry.User("explain the build"));
        ChatEntry.Assistant a = new ChatEntry.Assistant();
        a.appendReasoning("The user wants the build explained.\nLook at pom.xml first.");
        a.append("The build is a single Maven module that");
        s.chat.add(a);
        s.running = true;
        s.runningSince = NOW - 3_400;
        s.cost.startTurn(NOW - 3_400);
        s.input.set("and the tests?");
        Golden.check("streaming.txt", draw(s, 80, 20));
    }

    @Test
    void diffPaneUnified() {
        TuiState s = withDiff();
        s.pane = TuiState.Pane.DIFF;
        Golden.check("diff-unified.txt", draw(s, 120, 30));
    }

    @Test
    void diffPaneSideBySide() {
        TuiState s = withDiff();
        s.pane = TuiState.Pane.DIFF;
        s.sideBySide = true;
        Golden.check("diff-side-by-side.txt", draw(s, 140, 30));
    }

    @Test
    void costPane() {
        TuiState s = conversation();
        s.budgetLimit = 0.20;
        s.cost.request(new Event.RequestFinished("anthropic", "claude-sonnet-4-5", new Usage(14_100, 420, 12_000, 0, 0),
                0.0301, true, 510, 2900));
        s.pane = TuiState.Pane.COST;
        Golden.check("cost-pane.txt", draw(s, 110, 30));
    }

    @Test
    void planPane() {
        TuiState s = conversation();
        s.plan = List.of(new PlanItem("Find where the discount is applied", PlanItem.Status.COMPLETED),
                new PlanItem("Remove the second discount in Checkout", PlanItem.Status.IN_PROGRESS),
                new PlanItem("Add a test for coupons", PlanItem.Status.PENDING));
        s.pane = TuiState.Pane.PLAN;
        Golden.check("plan-pane.txt", draw(s, 110, 24));
    }

    @Test
    void approvalOfAnEditWithOneHunkRejected() {
        TuiState s = conversation();
        String before = BEFORE + "\n".repeat(8) + "// end\n";
        String after = AFTER + "\n".repeat(8) + "// end of Cart\n";
        Dialog.Approval a = new Dialog.Approval(new Approver.Request("edit", List.of("src/Cart.java"), "{}",
                "editing files needs approval in default mode",
                List.of(new FileEdit(Path.of("/home/ada/shop/src/Cart.java"), before, after))), new CompletableFuture<>());
        a.rejected.add("0:1");
        a.selected = 1;
        s.dialog = a;
        Golden.check("approval-edit.txt", draw(s, 90, 34));
    }

    @Test
    void approvalOfACommand() {
        TuiState s = conversation();
        s.dialog = new Dialog.Approval(new Approver.Request("bash", List.of("rm -rf build && mvn -q package"),
                "{\"command\":\"rm -rf build && mvn -q package\"}", "running commands needs approval in default mode",
                List.of()), new CompletableFuture<>());
        Golden.check("approval-command.txt", draw(s, 90, 24));
    }

    @Test
    void modelPicker() {
        TuiState s = conversation();
        Dialog.Picker p = new Dialog.Picker("model", List.of(
                new Dialog.Picker.Item("anthropic/claude-sonnet-4-5", "200k context  $3.00/$15.00 per M", "a"),
                new Dialog.Picker.Item("anthropic/claude-haiku-4-5", "200k context  $1.00/$5.00 per M", "b"),
                new Dialog.Picker.Item("openai/gpt-5", "400k context  $1.25/$10.00 per M", "c"),
                new Dialog.Picker.Item("ollama/qwen2.5-coder:7b", "", "d")), item -> { }, null);
        p.filter.append("claude");
        p.selected = 1;
        s.dialog = p;
        Golden.check("picker-model.txt", draw(s, 90, 24));
    }

    @Test
    void comparison() {
        TuiState s = conversation();
        Dialog.Compare c = new Dialog.Compare("name this function", List.of(ModelRef.parse("anthropic/claude-sonnet-4-5"),
                ModelRef.parse("openai/gpt-5")));
        c.texts.get(0).append("`applyDiscountOnce` says what it does and what it guards against.");
        c.texts.get(1).append("I would call it `discountedTotal`.");
        c.results.set(0, new Comparison.Result(ModelRef.parse("anthropic/claude-sonnet-4-5"), c.texts.get(0).toString(),
                new Usage(900, 20, 0, 0, 0), 0.0030, true, 420, 900, null));
        c.results.set(1, new Comparison.Result(ModelRef.parse("openai/gpt-5"), c.texts.get(1).toString(),
                new Usage(900, 14, 0, 0, 0), 0.0013, true, 610, 1300, null));
        s.dialog = c;
        Golden.check("compare.txt", draw(s, 100, 24));
    }

    @Test
    void helpText() {
        TuiState s = state();
        s.dialog = new Dialog.Info("help", List.of("Commands", "  /help        show this", "  /quit        leave"));
        Golden.check("info.txt", draw(s, 80, 16));
    }

    @Test
    void completionPopup() {
        TuiState s = conversation();
        s.input.set("/th");
        s.popup = new Popup(List.of(new Popup.Item("/theme", "switch the colour theme"),
                new Popup.Item("/tests", "write tests for a file")));
        Golden.check("popup.txt", draw(s, 80, 20));
    }

    @Test
    void multiLineInputAndHistorySearch() {
        TuiState s = state();
        s.input.set("first line\nsecond line\nthird");
        Golden.check("input-multiline.txt", draw(s, 60, 14));
        s.search = new StringBuilder("coup");
        s.searchMatch = 2;
        Golden.check("history-search.txt", draw(s, 60, 14));
    }

    @Test
    void vimNormalMode() throws ThemeException {
        TuiState s = state();
        s.keymap = new Keymaps(null).load("vim");
        s.inputMode = Keymap.NORMAL;
        s.input.set("fix the build");
        Golden.check("vim-normal.txt", draw(s, 60, 10));
    }

    /** Every scene on terminals too small for it: drawn cut, never thrown. */
    @ParameterizedTest
    @CsvSource({"1,1", "2,2", "8,3", "20,5", "30,8", "59,12", "60,4"})
    void tinyTerminalsAreDrawnWithoutFailing(int width, int height) {
        List<TuiState> scenes = new java.util.ArrayList<>(List.of(state(), conversation(), withDiff()));
        TuiState diff = withDiff();
        diff.pane = TuiState.Pane.DIFF;
        diff.sideBySide = true;
        scenes.add(diff);
        TuiState cost = conversation();
        cost.pane = TuiState.Pane.COST;
        cost.budgetLimit = 1;
        scenes.add(cost);
        TuiState approval = conversation();
        approval.dialog = new Dialog.Approval(new Approver.Request("edit", List.of("a"), "{}", "editing needs approval",
                List.of(new FileEdit(Path.of("/home/ada/shop/a"), BEFORE, AFTER))), new CompletableFuture<>());
        scenes.add(approval);
        TuiState picker = conversation();
        picker.dialog = new Dialog.Picker("model", List.of(new Dialog.Picker.Item("a/b", "detail", "a/b")), i -> { },
                null);
        scenes.add(picker);
        TuiState compare = conversation();
        compare.dialog = new Dialog.Compare("p", List.of(ModelRef.parse("a/b"), ModelRef.parse("c/d"),
                ModelRef.parse("e/f")));
        scenes.add(compare);
        TuiState popup = conversation();
        popup.input.set("/t");
        popup.popup = new Popup(List.of(new Popup.Item("/theme", "switch the colour theme")));
        scenes.add(popup);
        for (TuiState s : scenes) {
            VirtualScreen v = new VirtualScreen(width, height);
            ScreenView.Frame f = v.draw(s, NOW);
            org.assertj.core.api.Assertions.assertThat(v.text().lines().count()).isEqualTo(height);
            org.assertj.core.api.Assertions.assertThat(f.cursorRow()).isLessThan(Math.max(1, height));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ghost", "synthwave", "nord"})
    void themes(String name) throws ThemeException {
        TuiState s = withDiff();
        s.theme = new Themes(null).load(name);
        s.pane = TuiState.Pane.DIFF;
        VirtualScreen v = new VirtualScreen(110, 44);
        v.draw(s, NOW);
        Golden.check("theme-" + name + ".ansi", v.ansi());
    }
}
