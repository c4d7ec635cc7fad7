package dev.reaper.router.wire;

/**
 * Server-sent events (WHATWG HTML "event stream" syntax) parsed from bytes. Accepts {@code data:} with
 * or without one space, CR/LF/CRLF line ends, comments, {@code id:} and {@code retry:} (ignored),
 * several {@code data:} lines (joined with LF) and a missing final blank line. Lines that are not
 * fields at all are passed to {@link Handler#onStrayLine} (Gemini sends raw JSON error bodies so).
 */
public final class SseDecoder implements StreamDecoder {

    public interface Handler {
        /** One dispatched event: its {@code event:} name (null when absent) and its data. */
        void onEvent(String event, String data);

        /** A line with no field name, such as a raw JSON error body inside an event stream. */
        default void onStrayLine(String line) {}

        /** Input ended. {@code midLine} is true when the last bytes did not end a line. */
        default void onEnd(boolean midLine) {}
    }

    private final Handler handler;
    private final LineSplitter lines;
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;
    private String event;

    public SseDecoder(Handler handler) {
        this.handler = handler;
        this.lines = new LineSplitter(this::onLine);
    }

    @Override
    public void feed(byte[] bytes, int offset, int length) {
        lines.feed(bytes, offset, length);
    }

    @Override
    public void end() {
        boolean midLine = lines.end();
        dispatch();
        handler.onEnd(midLine);
    }

    private void onLine(String line) {
        if (line.isEmpty()) {
            dispatch();
            return;
        }
        if (line.charAt(0) == ':') {
            return; // comment
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = "";
        if (colon >= 0) {
            int from = colon + 1;
            if (from < line.length() && line.charAt(from) == ' ') {
                from++;
            }
            value = line.substring(from);
        }
        switch (field) {
            case "data" -> {
                if (hasData) {
                    data.append('\n');
                }
                data.append(value);
                hasData = true;
            }
            case "event" -> event = value;
            case "id", "retry" -> { }
            default -> {
                if (colon < 0 || !isFieldName(field)) {
                    handler.onStrayLine(line);
                }
            }
        }
    }

    private static boolean isFieldName(String field) {
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_')) {
                return false;
            }
        }
        return !field.isEmpty();
    }

    private void dispatch() {
        if (hasData) {
            String d = data.toString();
            String e = event;
            data.setLength(0);
            hasData = false;
            event = null;
            handler.onEvent(e, d);
        } else {
            event = null;
        }
    }
}
