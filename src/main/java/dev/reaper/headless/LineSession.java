package dev.reaper.headless;

import dev.reaper.agent.Approver;
import dev.reaper.agent.EventSink;
import dev.reaper.agent.Session;
import dev.reaper.edit.UnifiedDiff;
import dev.reaper.policy.PermissionMode;
import dev.reaper.protocol.Cancellation;
import dev.reaper.protocol.Event;
import dev.reaper.protocol.Op;
import dev.reaper.protocol.Outcome;
import dev.reaper.router.ModelRef;
import dev.reaper.tools.FileEdit;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The interactive session without a full-screen terminal ({@code TERM=dumb}, {@code --plain}, output
 * redirected): one line per prompt, the answer streamed to stdout as it comes, tool calls and diffs on
 * stderr, and approvals asked on stderr and answered with a line ({@code y}, {@code a}, {@code n}).
 */
public final class LineSession {

    private final BufferedReader in;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Style style;
    private final TextRenderer progress;
    private double sessionCost;
    private boolean midLine;

    public LineSession(BufferedReader in, PrintWriter out, PrintWriter err, boolean color) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.style = new Style(color);
        this.progress = new TextRenderer(err, color, false);
    }

    /** Where the session sends its events: the answer streams to stdout, the rest goes to stderr. */
    public EventSink sink() {
        return event -> {
            switch (event) {
                case Event.TextDelta t -> {
                    out.print(t.text());
                    out.flush();
                    midLine = !t.text().endsWith("\n");
                }
                case Event.AssistantMessage a -> endLine();
                case Event.RequestFinished r -> sessionCost += r.costUsd();
                default -> {
                    endLine();
                    progress.emit(event);
                }
            }
        };
    }

    private void endLine() {
        if (midLine) {
            out.println();
            out.flush();
            midLine = false;
        }
    }

    /** Asks on stderr and reads the answer from the input; no answer (end of input) denies. */
    public Approver approver() {
        return request -> {
            endLine();
            err.println(style.yellow("? " + request.tool() + ": " + request.reason()));
            for (String t : request.targets()) {
                err.println("    " + t);
            }
            for (FileEdit e : request.edits()) {
                err.print(style.diff(UnifiedDiff.of(e.path().toString(), e.before(), e.after())));
            }
            err.print(style.bold("  allow? [y]es, [a]lways in this project, [n]o: "));
            err.flush();
            String line = readLine();
            return switch (line == null ? "n" : line.strip().toLowerCase(Locale.ROOT)) {
                case "y", "yes" -> Approver.Answer.allow();
                case "a", "always" -> Approver.Answer.allowAlways();
                default -> Approver.Answer.deny("the user declined");
            };
        };
    }

    /**
     * Reads prompts until end of input or {@code /quit}. {@code track} is told of each turn's
     * cancellation (Ctrl-C cancels it) and of null when it ends.
     */
    public void run(Session session, Optional<String> first, Consumer<Cancellation> track) {
        err.println(style.dim("Reaper " + session.models().get(0) + " · " + session.workspaceRoot()
                + " · /help for commands, ctrl+d to quit"));
        String line = first.orElse(null);
        while (true) {
            if (line == null) {
                err.print(style.bold("› "));
                err.flush();
                line = readLine();
                if (line == null) {
                    err.println();
                    return;
                }
            }
            String t = line.strip();
            line = null;
            if (t.isEmpty()) {
                continue;
            }
            if (t.startsWith("/") && !t.startsWith("//")) {
                if (!command(session, t, track)) {
                    return;
                }
                continue;
            }
            Cancellation cancel = new Cancellation();
            track.accept(cancel);
            Outcome o;
            try {
                o = session.run(new Op.UserInput(t, List.of()), cancel);
            } finally {
                track.accept(null);
            }
            endLine();
            if (o.isError()) {
                err.println(style.red(o.status() == Outcome.Status.INTERRUPTED ? "interrupted" : o.error()));
            }
        }
    }

    /** Runs a slash command; false when it ends the session. */
    private boolean command(Session session, String line, Consumer<Cancellation> track) {
        String[] parts = line.substring(1).split("\\s+", 2);
        String name = parts[0].toLowerCase(Locale.ROOT);
        String args = parts.length > 1 ? parts[1].strip() : "";
        try {
            switch (name) {
                case "quit", "exit", "q" -> {
                    return false;
                }
                case "help" -> err.println("""
                          /model [provider/model,...]  show or set the model (fallbacks after commas)
                          /permissions [mode]          show or set: default, acceptEdits, plan, bypassPermissions
                          /undo                        restore the files of the last turn and rewind it
                          /compact                     summarise the conversation to free context
                          /cost                        what this session cost so far
                          /quit                        leave (ctrl+d too)
                        The full-screen interface has more: run reaper in a terminal without --plain.""");
                case "model" -> {
                    if (!args.isEmpty()) {
                        List<ModelRef> models = new ArrayList<>();
                        for (String m : args.split(",")) {
                            models.add(ModelRef.parse(m.strip()));
                        }
                        session.setModels(models);
                    }
                    err.println("model: " + String.join(",", session.models().stream().map(ModelRef::toString).toList()));
                }
                case "permissions" -> {
                    if (!args.isEmpty()) {
                        session.setPermissionMode(PermissionMode.parse(args));
                    }
                    err.println("permission mode: " + session.permissionMode().id());
                }
                case "undo" -> err.println(session.undo().orElse("nothing to undo"));
                case "compact" -> {
                    Cancellation cancel = new Cancellation();
                    track.accept(cancel);
                    try {
                        err.println(session.compact(cancel));
                    } finally {
                        track.accept(null);
                    }
                }
                case "cost" -> err.println(String.format(Locale.ROOT, "this session: $%.4f", sessionCost));
                default -> err.println(style.yellow("unknown or full-screen-only command /" + name + ": /help lists"
                        + " what works here"));
            }
        } catch (IllegalArgumentException | IOException e) {
            err.println(style.red(e.getMessage()));
        }
        err.flush();
        return true;
    }

    private String readLine() {
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
