package dev.reaper.tools.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.context.FileWalker;
import dev.reaper.policy.ToolKind;
import dev.reaper.tools.TextFiles;
import dev.reaper.tools.ToolContext;
import dev.reaper.tools.ToolFailure;
import dev.reaper.tools.ToolOutput;
import dev.reaper.tools.Truncate;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** {@code grep {pattern, path?, glob?}}: regular-expression search over workspace files. */
public final class GrepTool extends BuiltinTool {

    static final int MAX_MATCHES = 200;
    static final int MAX_LINE = 300;
    static final long MAX_FILE = 4L * 1024 * 1024;

    public GrepTool() {
        super("grep");
    }

    @Override
    public ToolKind kind() {
        return ToolKind.READ;
    }

    @Override
    public ToolOutput run(JsonNode args, ToolContext context) throws ToolFailure {
        Pattern regex;
        try {
            regex = Pattern.compile(args.path("pattern").asText());
        } catch (PatternSyntaxException e) {
            throw new ToolFailure("invalid regular expression: " + e.getDescription() + " near index " + e.getIndex());
        }
        Path base = resolve(args.path("path").asText("."), context);
        String glob = args.path("glob").asText(null);
        PathMatcher filter = glob == null ? null : GlobTool.matcher(glob);
        StringBuilder out = new StringBuilder();
        int[] matches = {0};
        Path root = Files.isDirectory(base) ? base : base.getParent();
        try {
            if (!Files.exists(base)) {
                throw new ToolFailure("not found: " + shown(base, context));
            }
            if (Files.isRegularFile(base)) {
                search(base, regex, context, out, matches);
            } else {
                FileWalker.walk(base, context.ignore(), context.cancel()::isCancelled, (file, attrs) -> {
                    if (attrs.isSymbolicLink()) {
                        return true; // reading through it could leave the workspace; ripgrep skips them too
                    }
                    if (filter != null && !GlobTool.matches(filter, glob, root.relativize(file))) {
                        return true;
                    }
                    if (attrs.size() <= MAX_FILE && context.mayRead(file)) {
                        search(file, regex, context, out, matches);
                    }
                    return matches[0] < MAX_MATCHES;
                });
            }
        } catch (IOException e) {
            throw new ToolFailure("cannot search " + shown(base, context) + ": " + e.getMessage());
        }
        if (matches[0] == 0) {
            return ToolOutput.ok("No matches for " + regex.pattern());
        }
        if (matches[0] >= MAX_MATCHES) {
            out.append("[stopped at ").append(MAX_MATCHES).append(" matches; narrow the pattern or the path]\n");
        }
        return ToolOutput.ok(out.toString());
    }

    private static void search(Path file, Pattern regex, ToolContext context, StringBuilder out, int[] matches) {
        try {
            if (TextFiles.isBinary(file)) {
                return;
            }
            var decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
            try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder))) {
                String line;
                int n = 0;
                String shown = shown(file, context);
                while ((line = in.readLine()) != null && matches[0] < MAX_MATCHES) {
                    n++;
                    if (regex.matcher(line).find()) {
                        matches[0]++;
                        String text = line.length() > MAX_LINE ? Truncate.head(line, MAX_LINE) + "…" : line;
                        out.append(shown).append(':').append(n).append(':').append(text).append('\n');
                    }
                }
            }
        } catch (IOException e) {
            // unreadable file: skip it
        }
    }
}
