package dev.reaper.tools.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.policy.ToolKind;
import dev.reaper.tools.ToolContext;
import dev.reaper.tools.ToolFailure;
import dev.reaper.tools.ToolOutput;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code list {path?}}: the entries of one directory. */
public final class ListTool extends BuiltinTool {

    static final int MAX_ENTRIES = 1000;

    public ListTool() {
        super("list");
    }

    @Override
    public ToolKind kind() {
        return ToolKind.READ;
    }

    @Override
    public ToolOutput run(JsonNode args, ToolContext context) throws ToolFailure {
        Path dir = resolve(args.path("path").asText("."), context);
        String shown = shown(dir, context);
        if (!Files.isDirectory(dir)) {
            throw new ToolFailure(Files.exists(dir) ? shown + " is a file; use read" : "not found: " + shown);
        }
        List<String> dirs = new ArrayList<>();
        List<String> files = new ArrayList<>();
        int ignored = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                if (p.getFileName().toString().equals(".git")) {
                    continue; // git's own store: never listed, and not something a .gitignore excluded
                }
                boolean isDir = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
                if (!isDir && !context.mayRead(p)) {
                    continue; // kept from reading by a deny rule: not even its name is shown
                }
                if (context.ignore().isIgnored(p, isDir)) {
                    ignored++;
                    continue;
                }
                String name = p.getFileName().toString();
                if (isDir) {
                    dirs.add(name + "/");
                } else if (Files.isSymbolicLink(p)) {
                    files.add(name + " -> " + Files.readSymbolicLink(p));
                } else {
                    files.add(name + "  " + size(Files.size(p)));
                }
            }
        } catch (IOException e) {
            throw new ToolFailure("cannot list " + shown + ": " + e.getMessage());
        }
        dirs.sort(String::compareTo);
        files.sort(String::compareTo);
        List<String> all = new ArrayList<>(dirs);
        all.addAll(files);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(all.size(), MAX_ENTRIES); i++) {
            out.append(all.get(i)).append('\n');
        }
        if (all.size() > MAX_ENTRIES) {
            out.append("[").append(all.size() - MAX_ENTRIES).append(" more entries]\n");
        }
        if (all.isEmpty()) {
            out.append(shown).append(" is empty\n");
        }
        if (ignored > 0) {
            out.append("[").append(ignored).append(" ignored by .gitignore]\n");
        }
        return ToolOutput.ok(out.toString());
    }

    private static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return (bytes / 1024) + " KB";
        }
        return (bytes / (1024 * 1024)) + " MB";
    }
}
