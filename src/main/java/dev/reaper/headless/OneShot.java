package dev.reaper.headless;

import dev.reaper.agent.EventSink;
import dev.reaper.agent.Session;
import dev.reaper.json.Json;
import dev.reaper.protocol.Cancellation;
import dev.reaper.protocol.Event;
import dev.reaper.protocol.Op;
import dev.reaper.protocol.Outcome;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one prompt to completion without a terminal UI and prints it in the chosen format. Never asks
 * the user anything: the session is opened with a non-interactive approver.
 */
public final class OneShot {

    private final OutputFormat format;
    private final PrintWriter out;
    private final AtomicReference<String> sessionId = new AtomicReference<>("");
    private final EventSink sink;

    public OneShot(OutputFormat format, PrintWriter out, PrintWriter err, boolean color, boolean verbose) {
        this.format = format;
        this.out = out;
        TextRenderer progress = new TextRenderer(err, color, verbose);
        this.sink = switch (format) {
            case STREAM_JSON -> new StreamJsonRenderer(out, sessionId::get);
            case TEXT, JSON -> progress;
        };
    }

    /** Where the session should send its events. */
    public EventSink sink() {
        return sink;
    }

    public Outcome run(Session session, boolean resumed, String model, String permissionMode, Op.UserInput input,
                       Cancellation cancel) {
        sessionId.set(session.id());
        sink.emit(new Event.SessionStarted(session.id(), model, session.workspaceRoot(), session.toolNames(),
                permissionMode, resumed));
        Outcome outcome = session.run(input, cancel);
        switch (format) {
            case TEXT -> {
                String text = outcome.result() == null ? "" : outcome.result().strip();
                if (!text.isEmpty()) {
                    out.println(text);
                }
            }
            case JSON -> out.println(Json.write(ResultJson.of(outcome, session.id())));
            case STREAM_JSON -> { } // the result line was streamed with TurnFinished
        }
        out.flush();
        return outcome;
    }
}
