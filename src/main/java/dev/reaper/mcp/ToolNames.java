package dev.reaper.mcp;

/**
 * The names MCP tools go by in Reaper: {@code mcp__SERVER__TOOL}, as Claude Code names them, so permission
 * rules written for one work in the other. Providers accept {@code [a-zA-Z0-9_-]} up to 64 characters; other
 * characters become {@code _} and longer names are cut.
 */
public final class ToolNames {

    static final int MAX = 64;

    private ToolNames() {}

    public static String of(String server, String tool) {
        String name = "mcp__" + clean(server) + "__" + clean(tool);
        return name.length() <= MAX ? name : name.substring(0, MAX);
    }

    static String clean(String s) {
        return s.replaceAll("[^a-zA-Z0-9_-]", "_");
    }
}
