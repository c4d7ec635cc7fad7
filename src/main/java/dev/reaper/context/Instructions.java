package dev.reaper.context;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The user's instructions for the model: the global {@code AGENTS.md} in the config folder, then
 * {@code AGENTS.md} files from the workspace root down to the current directory. {@code CLAUDE.md} is
 * read where a directory has no {@code AGENTS.md}. Each file is capped, so a huge one cannot crowd out
 * the conversation.
 */
public final class Instructions {

    static final int MAX_BYTES = 32 * 1024;

    /** One instruction file and its text. */
    public record Source(Path path, String text) {}

    private Instructions() {}

    public static List<Source> load(Workspace workspace, Path userConfigDir) {
        List<Source> out = new ArrayList<>();
        if (userConfigDir != null) {
            read(userConfigDir, out);
        }
        List<Path> dirs = new ArrayList<>();
        for (Path p = workspace.cwd(); p != null && p.startsWith(workspace.root()); p = p.getParent()) {
            dirs.add(0, p);
        }
        for (Path d : dirs) {
            read(d, out);
        }
        return out;
    }

    private static void read(Path dir, List<Source> out) {
        for (String name : List.of("AGENTS.md", "CLAUDE.md")) {
            Path f = dir.resolve(name);
            if (Files.isRegularFile(f)) {
                try {
                    byte[] bytes = Files.readAllBytes(f);
                    String text = new String(bytes, 0, Math.min(bytes.length, MAX_BYTES), StandardCharsets.UTF_8);
                    if (bytes.length > MAX_BYTES && text.endsWith("\uFFFD")) {
                        text = text.substring(0, text.length() - 1); // a character cut in two by the cap
                    }
                    if (bytes.length > MAX_BYTES) {
                        text += "\n[... " + name + " cut at " + MAX_BYTES / 1024 + " KB]";
                    }
                    out.add(new Source(f, text.strip()));
                } catch (IOException e) {
                    // unreadable: skip it
                }
                return;
            }
        }
    }
}
