package dev.reaper.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.json.Json;
import dev.reaper.mcp.client.McpClient;
import dev.reaper.policy.ToolKind;
import dev.reaper.tools.Tool;
import dev.reaper.tools.ToolContext;
import dev.reaper.tools.ToolFailure;
import dev.reaper.tools.ToolOutput;
import java.util.List;

/**
 * One tool of an MCP server, offered to the model as {@code mcp__SERVER__TOOL}. Its kind is
 * {@link ToolKind#OTHER}: what it does is the server's business, so it needs approval unless a rule allows it.
 */
final class McpTool implements Tool {

    private final String name;
    private final McpClient client;
    private final McpClient.ToolSpec spec;

    McpTool(String name, McpClient client, McpClient.ToolSpec spec) {
        this.name = name;
        this.client = client;
        this.spec = spec;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ToolKind kind() {
        return ToolKind.OTHER;
    }

    @Override
    public String description() {
        String d = spec.description().isBlank() ? "The " + spec.name() + " tool" : spec.description();
        return d + "\n\n(From the MCP server " + client.name() + ".)";
    }

    @Override
    public String inputSchema() {
        return Json.write(spec.inputSchema());
    }

    @Override
    public List<String> targets(JsonNode args, ToolContext context) {
        return List.of();
    }

    @Override
    public ToolOutput run(JsonNode args, ToolContext context) throws ToolFailure {
        try {
            return ToolResults.output(client.callTool(spec.name(), args, context.cancel()));
        } catch (McpClient.ErrorResponse e) {
            throw new ToolFailure("MCP server " + client.name() + " answered with an error: " + e.getMessage());
        } catch (McpFailure e) {
            throw new ToolFailure(e.getMessage());
        }
    }
}
