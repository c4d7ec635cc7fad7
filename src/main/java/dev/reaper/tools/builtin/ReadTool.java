package dev.reaper.tools.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.policy.ToolKind;
import dev.reaper.tools.TextFiles;
import dev.reaper.tools.ToolContext;
import dev.reaper.tools.ToolFailure;
import dev.reaper.tools.ToolOutput;
import java.io.BufferedReader;
import java.io.IOException;
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
            if (TextFiles.isBinary(file)) {
                return ToolOutput.ok(shown + " is a binary file (" + Files.size(file) + " bytes); it is not shown");
            }
            var decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
            StringBuilder out = new StringBuilder();
            int lineNo = 0;
            int last = offset - 1;
            boolean cut = false;
            boolean replaced = false;
            try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lineNo++;
                    if (lineNo < offset || cut) {
                        continue;
                    }
                    if (lineNo >= (long) offset + limit || out.length() > MAX_CHARS) {
                        cut = true;
                        continue;
                    }
                    replaced |= line.indexOf('\uFFFD') >= 0;
                    if (line.length() > MAX_LINE) {
                        line = line.substring(0, MAX_LINE) + "… [line cut at " + MAX_LINE + " characters]";
                    }
                    out.append(String.format("%6d→", lineNo)).append(line).append('\n');
                    last = lineNo;
                }
            }
            if (lineNo == 0) {
                return ToolOutput.ok(shown + " is empty");
            }
            if (offset > lineNo) {
                throw new ToolFailure(shown + " has " + lineNo + " lines; offset " + offset + " is past its end");
            }
            if (cut) {
                out.append("[lines ").append(offset).append('-').append(last).append(" of ").append(lineNo)
                        .append("; read on with offset=").append(last + 1).append("]\n");
            }
            if (replaced) {
                out.append("[").append(shown).append(" is not valid UTF-8; undecodable bytes are shown as \uFFFD]\n");
            }
            return ToolOutput.ok(out.toString());
        } catch (NoSuchFileException e) {
            throw new ToolFailure("file not found: " + shown);
        } catch (IOException e) {
            throw new ToolFailure("cannot read " + shown + ": " + e.getMessage());
        }
    }
}
