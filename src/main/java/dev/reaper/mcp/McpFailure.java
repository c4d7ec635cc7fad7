package dev.reaper.mcp;

/** Something went wrong talking to an MCP server; the message names the server and says what. */
public final class McpFailure extends Exception {

    public McpFailure(String message) {
        super(message);
    }
}
