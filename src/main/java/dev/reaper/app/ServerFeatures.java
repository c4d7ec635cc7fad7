package dev.reaper.app;

import dev.reaper.mcp.server.McpServer;
import dev.reaper.policy.PermissionMode;

/** What {@code reaper mcp serve} offers: the workspace tools, its files as resources, the task modes as prompts. */
public final class ServerFeatures {

    /** What the server tells clients about itself. */
    public static final String INSTRUCTIONS = "Reaper's workspace tools: read, search and edit files, run commands"
            + " and look at git history in the workspace the server was started in; its files as file:// resources;"
            + " prompts to explain code, write tests and review changes. Edits and commands follow the permission"
            + " mode the server was started with.";

    private ServerFeatures() {}

    public static McpServer.Features of(Reaper app, PermissionMode mode) {
        ServerTools tools = ServerTools.of(app, mode);
        return of(tools);
    }

    static McpServer.Features of(ServerTools tools) {
        ServerResources files = new ServerResources(tools);
        return new McpServer.Features(tools, files, new ServerPrompts(tools, files));
    }
}
