package dev.reaper.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.mcp.client.McpClient;
import dev.reaper.policy.ToolKind;
import dev.reaper.tools.Tool;
import dev.reaper.tools.ToolContext;
import dev.reaper.tools.ToolFailure;
import dev.reaper.tools.ToolOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Two tools over the resources of every MCP server that has some: {@code mcp_list_resources} and
 * {@code mcp_read_resource}. Their kind is {@link ToolKind#OTHER}, as for the servers' own tools: what a
 * server does when read is its business.
 */
final class ResourceTools {

    private ResourceTools() {}

    /** The two tools, or none when no server has resources. */
    static List<Tool> of(List<McpClient> clients) {
        Map<String, McpClient> byName = clients.stream().filter(McpClient::offersResources)
                .collect(Collectors.toMap(McpClient::name, Function.identity(), (a, b) -> a,
                        java.util.LinkedHashMap::new));
        return byName.isEmpty() ? List.of() : List.of(new ListResources(byName), new ReadResource(byName));
    }

    private abstract static class ResourceTool implements Tool {
        final Map<String, McpClient> servers;

        ResourceTool(Map<String, McpClient> servers) {
            this.servers = servers;
        }

        @Override
        public ToolKind kind() {
            return ToolKind.OTHER;
        }

        @Override
        public List<String> targets(JsonNode args, ToolContext context) {
            return List.of();
        }

        McpClient server(String name) throws ToolFailure {
            McpClient c = servers.get(name);
            if (c == null) {
                throw new ToolFailure("no MCP server " + name + " with resources; these have some: "
                        + String.join(", ", servers.keySet()));
            }
            return c;
        }

        String serverNames() {
            return String.join(", ", servers.keySet());
        }
    }

    private static final class ListResources extends ResourceTool {
        ListResources(Map<String, McpClient> servers) {
            super(servers);
        }

        @Override
        public String name() {
            return "mcp_list_resources";
        }

        @Override
        public String description() {
            return "Lists the resources (documents, records, files) the MCP servers offer, as URIs to read with"
                    + " mcp_read_resource, and their URI templates. Servers with resources: " + serverNames() + ".";
        }

        @Override
        public String inputSchema() {
            return """
                    {"type":"object","properties":{"server":{"type":"string","description":\
                    "Only this server's resources; all servers' when left out"}},"additionalProperties":false}""";
        }

        @Override
        public ToolOutput run(JsonNode args, ToolContext context) throws ToolFailure {
            Optional<String> only = Optional.ofNullable(args.get("server")).filter(JsonNode::isTextual)
                    .map(JsonNode::asText);
            List<McpClient> asked = only.isPresent() ? List.of(server(only.get())) : List.copyOf(servers.values());
            List<String> lines = new ArrayList<>();
            for (McpClient c : asked) {
                try {
                    for (McpClient.ResourceSpec r : c.listResources(context.cancel())) {
                        lines.add(c.name() + ": " + r.uri() + (r.name().isEmpty() ? "" : " (" + r.name()
                                + (r.mimeType().isEmpty() ? "" : ", " + r.mimeType()) + ")")
                                + (r.description().isEmpty() ? "" : " - " + r.description()));
                    }
                } catch (McpFailure e) {
                    lines.add(c.name() + ": " + e.getMessage());
                }
                try {
                    for (McpClient.TemplateSpec t : c.listResourceTemplates(context.cancel())) {
                        lines.add(c.name() + ": template " + t.uriTemplate() + (t.name().isEmpty() ? "" : " ("
                                + t.name() + ")") + (t.description().isEmpty() ? "" : " - " + t.description()));
                    }
                } catch (McpFailure e) {
                    // templates are optional: a server without them may not know the method
                }
            }
            if (lines.stream().anyMatch(l -> l.contains(": template "))) {
                lines.add("(a template's URI is read once its {placeholders} are filled in)");
            }
            return ToolOutput.ok(lines.isEmpty() ? "(no resources)" : String.join("\n", lines));
        }
    }

    private static final class ReadResource extends ResourceTool {
        ReadResource(Map<String, McpClient> servers) {
            super(servers);
        }

        @Override
        public String name() {
            return "mcp_read_resource";
        }

        @Override
        public String description() {
            return "Reads one resource of an MCP server by its URI (see mcp_list_resources). Servers with"
                    + " resources: " + serverNames() + ".";
        }

        @Override
        public String inputSchema() {
            return """
                    {"type":"object","properties":{"server":{"type":"string","description":"The MCP server"},\
                    "uri":{"type":"string","description":"The resource's URI"}},"required":["server","uri"],\
                    "additionalProperties":false}""";
        }

        @Override
        public ToolOutput run(JsonNode args, ToolContext context) throws ToolFailure {
            McpClient c = server(args.path("server").asText());
            try {
                List<String> parts = new ArrayList<>();
                for (JsonNode content : c.readResource(args.path("uri").asText(), context.cancel())) {
                    parts.add(ToolResults.resource(content));
                }
                return ToolOutput.ok(parts.isEmpty() ? "(empty)" : String.join("\n", parts));
            } catch (McpClient.ErrorResponse e) {
                throw new ToolFailure("MCP server " + c.name() + " could not read " + args.path("uri").asText()
                        + ": " + e.getMessage());
            } catch (McpFailure e) {
                throw new ToolFailure(e.getMessage());
            }
        }
    }
}
