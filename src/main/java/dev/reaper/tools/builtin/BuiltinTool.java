package dev.reaper.tools.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.policy.WorkspaceBoundary;
import dev.reaper.tools.Tool;
import dev.reaper.tools.ToolContext;
import dev.reaper.tools.ToolFailure;
import dev.reaper.tools.ToolResources;
import java.nio.file.Path;
import java.util.List;

/** Shared plumbing of the built-in tools: resources by name and paths checked against the workspace. */
abstract class BuiltinTool implements Tool {

    private final String name;
    private final String description;
    private final String schema;

    BuiltinTool(String name) {
        this.name = name;
        this.description = ToolResources.description(name);
        this.schema = ToolResources.schema(name);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String inputSchema() {
        return schema;
    }

    @Override
    public List<String> targets(JsonNode args, ToolContext context) throws ToolFailure {
        String p = args.path("path").asText(".");
        return context.workspace().ruleTargets(resolve(p, context));
    }

    static Path resolve(String path, ToolContext context) throws ToolFailure {
        try {
            return context.workspace().resolve(path);
        } catch (WorkspaceBoundary.OutsideWorkspaceException e) {
            throw new ToolFailure(e.getMessage());
        }
    }

    static String shown(Path p, ToolContext context) {
        return context.workspace().relative(p);
    }

    static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
