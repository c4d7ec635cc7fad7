package dev.reaper.tools.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.policy.ToolKind;
import dev.reaper.repomap.Focus;
import dev.reaper.repomap.RepoMap;
import dev.reaper.tools.ToolContext;
import dev.reaper.tools.ToolFailure;
import dev.reaper.tools.ToolOutput;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code repo_map {focus?, max_tokens?}}: the workspace's repo map, brought up to date, optionally centred
 * on files and identifiers. Files kept from reading by deny rules are left out of it.
 */
public final class RepoMapTool extends BuiltinTool {

    private final Supplier<RepoMap> map;

    /** Over the workspace's map, got when the first call needs it. */
    public RepoMapTool(Supplier<RepoMap> map) {
        super("repo_map");
        this.map = map;
    }

    @Override
    public ToolKind kind() {
        return ToolKind.READ;
    }

    @Override
    public List<String> targets(JsonNode args, ToolContext context) {
        return context.workspace().ruleTargets(context.workspace().root());
    }

    @Override
    public ToolOutput run(JsonNode args, ToolContext context) throws ToolFailure {
        Focus focus = Focus.of(args.path("focus").asText(""));
        int maxTokens = args.path("max_tokens").asInt(RepoMap.DEFAULT_TOKENS);
        try {
            RepoMap.Rendered r = map.get().render(focus, maxTokens, context.readable());
            if (r.files() == 0) {
                return ToolOutput.ok("The workspace has no source files to map.");
            }
            return ToolOutput.ok(r.text());
        } catch (IOException e) {
            throw new ToolFailure("cannot build the repo map: " + e.getMessage());
        }
    }
}
