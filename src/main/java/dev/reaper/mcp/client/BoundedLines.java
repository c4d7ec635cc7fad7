package dev.reaper.mcp.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/**
 * Lines of UTF-8 text (ended by \n, \r\n or \r) read with a limit on their length, so that a peer writing one
 * endless line fails the connection with a clear reason instead of filling Reaper's memory.
 */
final class BoundedLines {

    /** The longest message Reaper takes from a server: room for tool results with large images. */
    static final int DEFAULT_MAX_CHARS = 32 * 1024 * 1024;

    /** A line (a message) over the limit: reading the connection again would only meet it again. */
    static final class TooLong extends IOException {
        TooLong(int maxChars) {
            super("a message is longer than " + maxChars + " characters");
        }
    }

    private final Reader in;
    private final int maxChars;
    private final char[] buffer = new char[8192];
    private int pos;
    private int end;
    private boolean afterCr;

    BoundedLines(InputStream in, int maxChars) {
        this.in = new InputStreamReader(in, StandardCharsets.UTF_8);
        this.maxChars = maxChars;
    }

    /**
     * The next line without its ending, or null at the end of the stream.
     *
     * @throws IOException when the line is longer than the limit (saying so), or reading fails
     */
    String next() throws IOException {
        StringBuilder line = null;
        while (true) {
            if (pos == end) {
                end = in.read(buffer);
                pos = 0;
                if (end < 0) {
                    end = 0;
                    return line == null ? null : line.toString();
                }
            }
            if (afterCr) {
                afterCr = false;
                if (buffer[pos] == '\n') {
                    pos++;
                    continue;
                }
            }
            int start = pos;
            while (pos < end && buffer[pos] != '\n' && buffer[pos] != '\r') {
                pos++;
            }
            if (line == null) {
                line = new StringBuilder();
            }
            if ((long) line.length() + (pos - start) > maxChars) {
                throw new TooLong(maxChars);
            }
            line.append(buffer, start, pos - start);
            if (pos < end) {
                afterCr = buffer[pos] == '\r';
                pos++;
                return line.toString();
            }
        }
    }
}
