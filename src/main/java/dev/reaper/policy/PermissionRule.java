package dev.reaper.policy;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One rule, written as Claude Code writes them: {@code bash}, {@code bash(git diff:*)} (a command and
 * anything after it), {@code bash(npm test)} (exactly), {@code edit(src/**)} (a path glob relative to the
 * workspace), {@code read}, {@code mcp__server__tool}. {@code edit} rules cover every tool that edits
 * files, {@code read} rules every tool that only reads. {@code mcp__server} and {@code mcp__server__*} cover
 * every tool of one MCP server; a name ending in {@code *} covers every tool whose name starts with the rest.
 */
public final class PermissionRule {

    private static final Pattern SYNTAX = Pattern.compile("^([A-Za-z0-9_\\-]+\\*?)(?:\\((.*)\\))?$");

    private final String text;
    private final String tool;
    private final String pattern;
    private final List<PathMatcher> pathMatchers;

    private PermissionRule(String text, String tool, String pattern) {
        this.text = text;
        this.tool = tool;
        this.pattern = pattern;
        this.pathMatchers = pattern == null || tool.equals("bash") ? List.of() : pathMatchers(text, pattern);
    }

    /**
     * Java's {@code **}{@code /} needs at least one directory; as in gitignore (and Claude Code's rules) it
     * may also stand for none, so {@code read(**}{@code /.env)} covers the {@code .env} at the root too.
     */
    private static List<PathMatcher> pathMatchers(String text, String glob) {
        List<PathMatcher> out = new ArrayList<>();
        for (String variant : withAndWithoutDirectoryWildcards(glob)) {
            try {
                out.add(FileSystems.getDefault().getPathMatcher("glob:" + variant));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("permission rule '" + text + "' has an invalid path pattern: "
                        + e.getMessage(), e);
            }
        }
        return List.copyOf(out);
    }

    private static Set<String> withAndWithoutDirectoryWildcards(String glob) {
        int at = glob.indexOf("**/");
        if (at < 0) {
            return Set.of(glob);
        }
        Set<String> out = new LinkedHashSet<>();
        for (String rest : withAndWithoutDirectoryWildcards(glob.substring(at + 3))) {
            out.add(glob.substring(0, at + 3) + rest);
            out.add(glob.substring(0, at) + rest);
        }
        return out;
    }

    public static PermissionRule parse(String text) {
        var m = SYNTAX.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("permission rule '" + text
                    + "' is not of the form tool or tool(pattern), e.g. bash(git diff:*) or edit(src/**)");
        }
        String tool = m.group(1).toLowerCase(Locale.ROOT);
        String pattern = m.group(2);
        if (pattern != null && (pattern.isBlank() || pattern.equals("*") || pattern.equals("**"))) {
            pattern = null;
        }
        return new PermissionRule(text.strip(), tool, pattern);
    }

    /** Whether this rule speaks of the tool at all (its name, or its kind for edit and read rules). */
    public boolean appliesTo(String toolName, ToolKind kind) {
        String name = toolName.toLowerCase(Locale.ROOT);
        if (tool.equals(name)) {
            return true;
        }
        if (tool.endsWith("*")) {
            return name.startsWith(tool.substring(0, tool.length() - 1));
        }
        if (tool.startsWith("mcp__") && tool.indexOf("__", 5) < 0 && name.startsWith(tool + "__")) {
            return true; // a whole server, as Claude Code reads mcp__server
        }
        return (tool.equals("edit") && kind == ToolKind.EDIT) || (tool.equals("read") && kind == ToolKind.READ);
    }

    /**
     * Whether the rule matches one target: a shell command for bash, a workspace-relative path for file
     * tools. A rule without a pattern matches every target.
     */
    public boolean matches(String target) {
        if (pattern == null) {
            return true;
        }
        if (tool.equals("bash")) {
            String cmd = squash(target);
            if (pattern.endsWith(":*")) {
                String prefix = squash(pattern.substring(0, pattern.length() - 2));
                return cmd.equals(prefix) || cmd.startsWith(prefix + " ");
            }
            if (pattern.contains("*")) {
                return Pattern.compile(globToRegex(squash(pattern))).matcher(cmd).matches();
            }
            return cmd.equals(squash(pattern));
        }
        if (target.isEmpty()) {
            return false;
        }
        Path path = Path.of(target);
        return pathMatchers.stream().anyMatch(m -> m.matches(path));
    }

    /**
     * For deny rules on shell lines that cannot be split (substitutions): whether the rule's command
     * appears anywhere in the line. Errs towards denying.
     */
    public boolean mentionedIn(String line) {
        if (pattern == null) {
            return true;
        }
        if (!tool.equals("bash")) {
            return matches(line);
        }
        String p = pattern.endsWith(":*") ? pattern.substring(0, pattern.length() - 2) : pattern;
        String squashed = squash(line);
        for (String piece : p.split("\\*")) {
            if (!piece.isBlank() && !squashed.contains(squash(piece))) {
                return false;
            }
        }
        return true;
    }

    /** Words of a command compared as the shell splits them: {@code rm  -rf} is {@code rm -rf}. */
    private static String squash(String command) {
        return command.strip().replaceAll("\\s+", " ");
    }

    private static String globToRegex(String glob) {
        StringBuilder sb = new StringBuilder();
        for (String part : glob.split("\\*", -1)) {
            if (!sb.isEmpty()) {
                sb.append(".*");
            }
            sb.append(Pattern.quote(part));
        }
        return sb.toString();
    }

    public boolean hasPattern() {
        return pattern != null;
    }

    @Override
    public String toString() {
        return text;
    }
}
