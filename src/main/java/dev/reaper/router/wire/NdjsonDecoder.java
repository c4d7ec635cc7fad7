package dev.reaper.router.wire;

/** Newline-delimited JSON: one value per line, blank lines skipped, a last line without LF accepted. */
public final class NdjsonDecoder implements StreamDecoder {

    public interface Handler {
        void onLine(String json);

        default void onEnd(boolean midLine) {}
    }

    private final Handler handler;
    private final LineSplitter lines;

    public NdjsonDecoder(Handler handler) {
        this.handler = handler;
        this.lines = new LineSplitter(line -> {
            if (!line.isBlank()) {
                handler.onLine(line);
            }
        });
    }

    @Override
    public void feed(byte[] bytes, int offset, int length) {
        lines.feed(bytes, offset, length);
    }

    @Override
    public void end() {
        handler.onEnd(lines.end());
    }
}
