package dev.reaper.tui.state;

import dev.reaper.protocol.Event;
import dev.reaper.tui.text.StyledLine;
import java.util.List;

/**
 * One item of the conversation as the TUI shows it. Entries are mutable while they stream; each keeps
 * its rendered lines for the width they were laid out at, so a long session is laid out once.
 */
public abstract sealed class ChatEntry permits ChatEntry.User, ChatEntry.Assistant, ChatEntry.Tool,
        ChatEntry.Note, ChatEntry.Shell, ChatEntry.Report {

    private List<StyledLine> cached;
    private int cachedWidth = -1;
    private int version;
    private int cachedVersion = -1;

    /** Marks the entry changed: it will be laid out again. */
    public void touch() {
        version++;
    }

    public List<StyledLine> cached(int width) {
        return width == cachedWidth && version == cachedVersion ? cached : null;
    }

    public void cache(int width, List<StyledLine> lines) {
        cached = lines;
        cachedWidth = width;
        cachedVersion = version;
    }

    public static final class User extends ChatEntry {
        public final String text;

        public User(String text) {
            this.text = text;
        }
    }

    /** An answer; its text grows while it streams. */
    public static final class Assistant extends ChatEntry {
        public final StringBuilder text = new StringBuilder();
        public final StringBuilder reasoning = new StringBuilder();
        public String model;
        public boolean streaming = true;
        /** While streaming: the lines of text[0, stableEnd) at stableWidth, laid out once (see the renderer). */
        public List<StyledLine> stableLines = List.of();
        public int stableEnd;
        public int stableWidth = -1;

        public void append(String delta) {
            text.append(delta);
            touch();
        }

        public void appendReasoning(String delta) {
            reasoning.append(delta);
            touch();
        }
    }

    /** A tool call, folded to one line until expanded. */
    public static final class Tool extends ChatEntry {
        public final String callId;
        public final String name;
        public final String arguments;
        public String output;
        public Event.ToolStatus status;
        public boolean expanded;

        public Tool(String callId, String name, String arguments) {
            this.callId = callId;
            this.name = name;
            this.arguments = arguments;
        }
    }

    /** Something Reaper says: retries, fallbacks, errors, command results. */
    public static final class Note extends ChatEntry {
        public final String text;
        public final Kind kind;

        public enum Kind { INFO, WARNING, ERROR }

        public Note(String text, Kind kind) {
            this.text = text;
            this.kind = kind;
        }
    }

    /** A {@code !command} the user ran, and its output. */
    public static final class Shell extends ChatEntry {
        public final String command;
        public String output;
        public boolean expanded = true;

        public Shell(String command) {
            this.command = command;
        }
    }

    /** What a command showed the user ({@code /map}): a title, and its text once it is ready. */
    public static final class Report extends ChatEntry {
        public final String title;
        public String text;

        public Report(String title) {
            this.title = title;
        }
    }
}
