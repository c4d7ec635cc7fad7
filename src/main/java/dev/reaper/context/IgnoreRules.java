package dev.reaper.context;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * gitignore semantics for a workspace: {@code .gitignore} files in every directory, {@code
 * .git/info/exclude}, and Reaper's own {@code .reaperignore} (same syntax). Later and deeper patterns win;
 * {@code !} re-includes; a trailing {@code /} matches directories only; a pattern with a slash is anchored
 * to its file's directory. {@code .git} itself is always ignored.
 */
public final class IgnoreRules {

    private static final List<String> IGNORE_FILES = List.of(".gitignore", ".reaperignore");

    private final Path root;
    /** The rules of each directory, by its path relative to the root ({@code ""} for the root). */
    private final Map<String, List<Rule>> byDirectory = new ConcurrentHashMap<>();

    public IgnoreRules(Path root) {
        this.root = root.toAbsolutePath().normalize();
        List<Rule> top = new ArrayList<>(read(this.root.resolve(".git/info/exclude"), ""));
        top.addAll(rulesOf(this.root, ""));
        byDirectory.put("", top);
    }

    /** Whether a path under the root is ignored; paths outside the root never are. */
    public boolean isIgnored(Path path, boolean directory) {
        Path abs = path.toAbsolutePath().normalize();
        if (!abs.startsWith(root) || abs.equals(root)) {
            return false;
        }
        Path rel = root.relativize(abs);
        // A file inside an ignored directory is ignored, whatever its own patterns say.
        Path dir = root;
        for (int i = 0; i < rel.getNameCount(); i++) {
            Path name = rel.getName(i);
            boolean last = i == rel.getNameCount() - 1;
            Path child = dir.resolve(name);
            if (name.toString().equals(".git")) {
                return true;
            }
            if (decide(root.relativize(child).toString().replace('\\', '/'), !last || directory)) {
                return true;
            }
            dir = child;
        }
        return false;
    }

    /**
     * Whether an entry is ignored when its directory is known not to be, as in a walk that does not enter
     * ignored directories: only the entry itself is decided, so a walk costs the depth of each path once
     * rather than once per ancestor.
     */
    public boolean isIgnoredEntry(Path path, boolean directory) {
        Path abs = path.toAbsolutePath().normalize();
        if (!abs.startsWith(root) || abs.equals(root)) {
            return false;
        }
        Path name = abs.getFileName();
        if (name != null && name.toString().equals(".git")) {
            return true;
        }
        return decide(root.relativize(abs).toString().replace('\\', '/'), directory);
    }

    private boolean decide(String relPath, boolean directory) {
        boolean ignored = false;
        int dirEnd = 0; // relPath[0, dirEnd) is the directory whose rules apply ("" first)
        while (true) {
            List<Rule> rules = rules(dirEnd == 0 ? "" : relPath.substring(0, dirEnd));
            if (!rules.isEmpty()) {
                String sub = dirEnd == 0 ? relPath : relPath.substring(dirEnd + 1);
                for (Rule r : rules) {
                    if (r.matches(sub, directory)) {
                        ignored = !r.negated;
                    }
                }
            }
            int next = relPath.indexOf('/', dirEnd == 0 ? 0 : dirEnd + 1);
            if (next < 0) {
                return ignored;
            }
            dirEnd = next;
        }
    }

    private List<Rule> rules(String dirRel) {
        return byDirectory.computeIfAbsent(dirRel, d -> rulesOf(root.resolve(d), d));
    }

    private static List<Rule> rulesOf(Path dir, String dirRel) {
        List<Rule> out = new ArrayList<>();
        for (String f : IGNORE_FILES) {
            out.addAll(read(dir.resolve(f), dirRel));
        }
        return out;
    }

    private static List<Rule> read(Path file, String dirRel) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            List<Rule> out = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                Rule r = Rule.parse(line);
                if (r != null) {
                    out.add(r);
                }
            }
            return out;
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of(); // unreadable or not UTF-8: nothing to honour
        }
    }

    private record Rule(Pattern pattern, boolean negated, boolean directoryOnly) {

        static Rule parse(String raw) {
            String line = raw;
            if (line.isBlank() || line.startsWith("#")) {
                return null;
            }
            while (line.endsWith(" ") && !line.endsWith("\\ ")) {
                line = line.substring(0, line.length() - 1);
            }
            boolean negated = line.startsWith("!");
            if (negated) {
                line = line.substring(1);
            } else if (line.startsWith("\\!") || line.startsWith("\\#")) {
                line = line.substring(1);
            }
            boolean dirOnly = line.endsWith("/");
            if (dirOnly) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isEmpty()) {
                return null;
            }
            boolean anchored = line.contains("/");
            if (line.startsWith("/")) {
                line = line.substring(1);
            }
            String regex = toRegex(line);
            String full = anchored ? "^" + regex + "$" : "^(?:.*/)?" + regex + "$";
            return new Rule(Pattern.compile(full), negated, dirOnly);
        }

        boolean matches(String relPath, boolean directory) {
            if (directoryOnly && !directory) {
                return false;
            }
            return pattern.matcher(relPath).matches();
        }

        private static String toRegex(String glob) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < glob.length(); i++) {
                char c = glob.charAt(i);
                if (c == '*') {
                    if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                        boolean slashAfter = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
                        if (slashAfter) {
                            sb.append("(?:.*/)?");
                            i += 2;
                        } else {
                            sb.append(".*");
                            i += 1;
                        }
                    } else {
                        sb.append("[^/]*");
                    }
                } else if (c == '?') {
                    sb.append("[^/]");
                } else if (c == '[') {
                    int close = glob.indexOf(']', i + 1);
                    if (close > i) {
                        String cls = glob.substring(i + 1, close);
                        if (cls.startsWith("!")) {
                            cls = "^" + cls.substring(1);
                        }
                        sb.append('[').append(cls.replace("\\", "\\\\")).append(']');
                        i = close;
                    } else {
                        sb.append("\\[");
                    }
                } else if (c == '\\' && i + 1 < glob.length()) {
                    sb.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
                } else {
                    sb.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return sb.toString();
        }
    }
}
