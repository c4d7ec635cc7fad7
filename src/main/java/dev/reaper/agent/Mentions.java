package dev.reaper.agent;

import dev.reaper.context.IgnoreRules;
import dev.reaper.protocol.ContentBlock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Files a prompt mentions as {@code @path} go with it, each in a {@code <file>} block, whatever the front
 * end. A mention outside the workspace, of a file {@code .gitignore} or {@code .reaperignore} leaves out,
 * or of one the deny rules keep from reading, attaches nothing but a note saying why; binary and large
 * files are named, to be read with the read tool.
 */
final class Mentions {

    static final Pattern MENTION = Pattern.compile("(?<=^|\\s)@([^\\s@]+)");
    static final int MAX_BYTES = 200_000;

    private Mentions() {}

    static List<ContentBlock> attach(String prompt, Path root, IgnoreRules ignore, Predicate<String> mayRead) {
        Set<String> seen = new LinkedHashSet<>();
        List<ContentBlock> out = new ArrayList<>();
        Matcher m = MENTION.matcher(prompt);
        while (m.find()) {
            String rel = m.group(1).replaceAll("[.,;:!?)\"']+$", "");
            Path p = root.resolve(rel).normalize();
            if (!seen.add(rel) || !Files.isRegularFile(p)) {
                continue; // not a file: an @ in prose, or a name the model can look for
            }
            if (!p.startsWith(root)) {
                out.add(note(rel, "outside the workspace: not attached"));
            } else if (ignore.isIgnored(p, false)) {
                out.add(note(rel, "ignored by .gitignore or .reaperignore: not attached"));
            } else if (!mayRead.test(root.relativize(p).toString().replace('\\', '/'))) {
                out.add(note(rel, "the permission rules deny reading it: not attached"));
            } else {
                out.add(read(rel, p));
            }
        }
        return out;
    }

    private static ContentBlock read(String rel, Path p) {
        try {
            if (Files.size(p) > MAX_BYTES) {
                return note(rel, "larger than " + MAX_BYTES / 1000 + " KB: read it with the read tool");
            }
            byte[] bytes = Files.readAllBytes(p);
            if (new String(bytes, 0, Math.min(bytes.length, 8000), StandardCharsets.ISO_8859_1).indexOf('\0') >= 0) {
                return note(rel, "binary: not attached");
            }
            return new ContentBlock.Text("<file path=\"" + rel + "\">\n" + new String(bytes, StandardCharsets.UTF_8)
                    + "\n</file>");
        } catch (IOException e) {
            return note(rel, "unreadable (" + e.getMessage() + ")");
        }
    }

    private static ContentBlock note(String rel, String why) {
        return new ContentBlock.Text("<file path=\"" + rel + "\">(" + why + ")</file>");
    }
}
