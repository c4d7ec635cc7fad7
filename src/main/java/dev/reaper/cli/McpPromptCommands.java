package dev.reaper.cli;

import dev.reaper.mcp.McpFailure;
import dev.reaper.mcp.McpServers;
import dev.reaper.mcp.PromptMessages;
import dev.reaper.mcp.client.McpClient;
import dev.reaper.protocol.Cancellation;
import dev.reaper.tui.command.PromptCommands;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The MCP servers' prompts as the TUI's slash commands: a thin adapter over {@link McpServers}. */
final class McpPromptCommands implements PromptCommands {

    private final Supplier<McpServers> servers;

    /** @param servers the workspace's servers, asked for only when a command is listed or run */
    McpPromptCommands(Supplier<McpServers> servers) {
        this.servers = servers;
    }

    @Override
    public List<Command> commands() {
        McpServers s;
        try {
            s = servers.get();
        } catch (RuntimeException e) {
            return List.of(); // a bad configuration is reported when the session starts its servers
        }
        return s.prompts().stream().map(p -> new Command(p.command(), p.spec().description().isBlank()
                ? "prompt of MCP server " + p.server() : p.spec().description(), p.spec().arguments().stream()
                .map(a -> new Argument(a.name(), a.description(), a.required())).toList())).toList();
    }

    @Override
    public Prompt get(String command, Map<String, String> arguments, Cancellation cancel) throws Exception {
        try {
            PromptMessages.Rendered r = servers.get().prompt(command, arguments, cancel);
            return new Prompt(r.text(), r.images());
        } catch (McpClient.ErrorResponse e) {
            throw new McpFailure("the MCP server refused: " + e.getMessage());
        }
    }
}
