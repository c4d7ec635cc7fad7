package dev.reaper.router.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits bytes into lines at CR, LF or CRLF, also when a CRLF or a multi-byte UTF-8 character is split
 * across reads. Boundaries are found in bytes and each complete line is decoded once, so split
 * characters never turn into U+FFFD. A last line without a terminator is delivered by {@link #end()}.
 */
public final class LineSplitter {

    /** Receives complete lines, without their terminators. */
    @FunctionalInterface
    public interface LineHandler {
        void onLine(String line);
    }

    private final LineHandler handler;
    private byte[] buf = new byte[256];
    private int len;
    private boolean skipLf;

    public LineSplitter(LineHandler handler) {
        this.handler = handler;
    }

    public void feed(byte[] bytes, int offset, int length) {
        int end = offset + length;
        int start = offset;
        for (int i = offset; i < end; i++) {
            byte b = bytes[i];
            if (skipLf) {
                skipLf = false;
                if (b == '\n') {
                    start = i + 1;
                    continue;
                }
            }
            if (b == '\n' || b == '\r') {
                append(bytes, start, i - start);
                emit();
                skipLf = b == '\r';
                start = i + 1;
            }
        }
        append(bytes, start, end - start);
    }

    /** Delivers a last unterminated line, if any. Returns true when there was one. */
    public boolean end() {
        if (len > 0) {
            emit();
            return true;
        }
        return false;
    }

    /** True when bytes of an unfinished line are buffered. */
    public boolean hasPartialLine() {
        return len > 0;
    }

    private void append(byte[] bytes, int from, int count) {
        if (count <= 0) {
            return;
        }
        if (len + count > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + count));
        }
        System.arraycopy(bytes, from, buf, len, count);
        len += count;
    }

    private void emit() {
        String line = new String(buf, 0, len, StandardCharsets.UTF_8);
        len = 0;
        if (buf.length > 64 * 1024) {
            buf = new byte[256];
        }
        handler.onLine(line);
    }
}
