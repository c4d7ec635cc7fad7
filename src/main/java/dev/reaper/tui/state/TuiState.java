package dev.reaper.tui.state;

import dev.reaper.protocol.PlanItem;
import dev.reaper.tui.input.LineEditor;
import dev.reaper.tui.keys.Keymap;
import dev.reaper.tui.theme.Theme;
import java.util.ArrayList;
import java.util.List;

/** Everything the screen shows. Owned by the UI thread; views read it, the controller changes it. */
public final class TuiState {

    /** The pane beside the chat, if any. */
    public enum Pane { NONE, DIFF, COST, PLAN }

    /** A file change as the diff pane lists it. */
    public record FileDiff(String path, String diff) {}

    public final List<ChatEntry> chat = new ArrayList<>();
    public final LineEditor input = new LineEditor();
    public final CostState cost = new CostState();
    public final List<FileDiff> diffs = new ArrayList<>();
    public List<PlanItem> plan = List.of();

    public Theme theme;
    public Keymap keymap;
    public String inputMode = Keymap.INSERT;

    public String sessionId = "";
    public String model = "";
    public String permissionMode = "default";
    public String workspace = "";
    /** The run's budget in US dollars, 0 for none. */
    public double budgetLimit;

    public boolean running;
    public long runningSince;
    /** Lines scrolled up from the bottom of the chat; 0 follows new output. */
    public int scroll;
    public int paneScroll;
    public Pane pane = Pane.NONE;
    public boolean sideBySide;
    public boolean expandAll;

    public Popup popup;
    public Dialog dialog;

    /** A message in the status bar, shown until {@code statusUntil} (ms). */
    public String status = "";
    public long statusUntil;

    /** Ctrl+R: the query, and the history index of the current match (-1 none). */
    public StringBuilder search;
    public int searchMatch = -1;

    /** Context gathered for the next prompt ({@code !command} output). */
    public final List<String> pendingContext = new ArrayList<>();

    public void say(String message, long now) {
        status = message;
        statusUntil = now + 4000;
    }
}
