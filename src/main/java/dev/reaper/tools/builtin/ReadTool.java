package dev.reaper.tools.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.policy.ToolKind;
import dev.reaper.tools.TextFiles;
import dev.reaper.tools.ToolContext;
import dev.reaper.tools.ToolFailure;
import dev.reaper.tools.ToolOutput;
import dev.reaper.tools.Truncate;
import java.io.IOException;
import java.io.Reader;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** {@code read {path, offset?, limit?}}: numbered lines of a text file, a window at a time. */
public final class ReadTool extends BuiltinTool {

    static final int DEFAULT_LIMIT = 2000;
    static final int MAX_LINE = 2000;
    static final int MAX_CHARS = 100_000;

    public ReadTool() {
        super("read");
    }

    @Override
    public ToolKind kind() {
        return ToolKind.READ;
    }

    @Override
    public ToolOutput run(JsonNode args, ToolContext context) throws ToolFailure {
        Path file = resolve(args.path("path").asText(), context);
        String shown = shown(file, context);
        int offset = args.path("offset").asInt(1);
        int limit = args.path("limit").asInt(DEFAULT_LIMIT);
        try {
            if (Files.isDirectory(file)) {
                throw new ToolFailure(shown + " is a directory; use list to see its entries");
            }
            if (!Files.exists(file)) {
                throw new ToolFailure("file not found: " + shown);
            }
            if (!Files.isRegularFile(file)) {
                throw new ToolFailure(shown + " is not a regular file (a device, socket or pipe); it cannot be read");
            }
            if (TextFiles.isBinary(file)) {
                return ToolOutput.ok(shown + " is a binary file (" + Files.size(file) + " bytes); it is not shown");
            }
            Window w = window(file, offset, limit);
            if (w.lines == 0 && w.text.isEmpty()) {
                return ToolOutput.ok(shown + " is empty");
            }
            if (w.text.isEmpty()) {
                throw new ToolFailure(shown + " has " + w.lines + " lines; offset " + offset + " is past its end");
            }
            StringBuilder out = new StringBuilder(w.text);
            if (w.more) {
                out.append("[lines ").append(offset).append('-').append(w.last).append(w.total > 0 ? " of " + w.total : "")
                        .append("; read on with offset=").append(w.last + 1).append("]\n");
            }
            if (w.replaced) {
                out.append("[").append(shown).append(" is not valid UTF-8; undecodable bytes are shown as \uFFFD]\n");
            }
            return ToolOutput.ok(out.toString());
        } catch (NoSuchFileException e) {
            throw new ToolFailure("file not found: " + shown);
        } catch (IOException e) {
            throw new ToolFailure("cannot read " + shown + ": " + e.getMessage());
        }
    }

    /** The numbered lines of a window, and what lies beyond it. {@code total} is 0 when not counted. */
    private record Window(String text, int lines, int last, long total, boolean more, boolean replaced) {}

    /**
     * Reads lines {@code offset..offset+limit-1}, holding at most {@link #MAX_LINE} chars of any line in
     * memory (a 1 GB single-line file costs no more than a short one), then counts the remaining lines by
     * scanning bytes, up to a limit.
     */
    private static Window window(Path file, int offset, int limit) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder();
        long lineNo = 0;
        int last = offset - 1;
        boolean replaced = false;
        boolean lineCut = false;
        boolean more = false;
        long end = (long) offset + limit;
        try (Reader in = new InputStreamReader(Files.newInputStream(file), decoder)) {
            char[] buf = new char[8192];
            int n;
            boolean pending = false;
            long afterWindow = 0; // line breaks already seen past the window
            boolean tailPending = false; // whether text after the last of those breaks was seen
            outer:
            while ((n = in.read(buf)) != -1) {
                for (int i = 0; i < n; i++) {
                    char c = buf[i];
                    if (c == '\n') {
                        lineNo++;
                        if (lineNo >= offset) {
                            if (lineNo >= end || out.length() > MAX_CHARS) {
                                more = true;
                                for (int k = i + 1; k < n; k++) {
                                    afterWindow += buf[k] == '\n' ? 1 : 0;
                                    tailPending = buf[k] != '\n';
                                }
                                break outer;
                            }
                            replaced |= line.indexOf("\uFFFD") >= 0;
                            out.append(String.format("%6d→", lineNo)).append(line)
                                    .append(lineCut ? "… [line cut at " + MAX_LINE + " characters]" : "").append('\n');
                            last = (int) lineNo;
                        }
                        line.setLength(0);
                        lineCut = false;
                        pending = false;
                    } else {
                        pending = true;
                        if (lineNo + 1 >= offset && lineNo + 1 < end) {
                            if (line.length() < MAX_LINE) {
                                line.append(c);
                            } else {
                                lineCut = true;
                            }
                        }
                    }
                }
            }
            if (!more && pending) { // a last line without a line break
                lineNo++;
                if (lineNo >= offset && lineNo < end) {
                    replaced |= line.indexOf("\uFFFD") >= 0;
                    out.append(String.format("%6d→", lineNo)).append(Truncate.head(line.toString(), MAX_LINE))
                            .append(lineCut ? "… [line cut at " + MAX_LINE + " characters]" : "").append('\n');
                    last = (int) lineNo;
                } else if (lineNo >= end) {
                    more = true;
                }
            }
            long total = 0;
            if (more) {
                total = countRemaining(in, lineNo + afterWindow, tailPending);
            }
            return new Window(out.toString(), (int) Math.min(Integer.MAX_VALUE, lineNo), last, total, more, replaced);
        }
    }

    /** Lines left after {@code seen}, counted up to 64 M chars; 0 (not counted) when the file is larger. */
    private static long countRemaining(Reader in, long seen, boolean pendingText) throws IOException {
        long lines = seen;
        long budget = 64L * 1024 * 1024;
        char[] b = new char[65536];
        int n;
        boolean pending = pendingText;
        while ((n = in.read(b)) != -1) {
            budget -= n;
            if (budget < 0) {
                return 0;
            }
            for (int i = 0; i < n; i++) {
                if (b[i] == '\n') {
                    lines++;
                    pending = false;
                } else {
                    pending = true;
                }
            }
        }
        return lines + (pending ? 1 : 0);
    }
}
