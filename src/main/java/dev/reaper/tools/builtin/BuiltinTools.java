package dev.reaper.tools.builtin;

import dev.reaper.repomap.RepoMap;
import dev.reaper.tools.Tool;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The built-in tools, in the order they are offered to the model. */
public final class BuiltinTools {

    private BuiltinTools() {}

    /** The tools that need nothing but their call's context: all but {@code repo_map}. */
    public static List<Tool> all() {
        return tools(Optional.empty());
    }

    /** Every built-in tool, {@code repo_map} over the workspace's map among them. */
    public static List<Tool> all(Supplier<RepoMap> repoMap) {
        return tools(Optional.of(new RepoMapTool(repoMap)));
    }

    private static List<Tool> tools(Optional<Tool> repoMap) {
        List<Tool> tools = new ArrayList<>(List.of(new ReadTool(), new WriteTool(), new EditTool(),
                new ApplyPatchTool(), new GlobTool(), new GrepTool(), new ListTool()));
        repoMap.ifPresent(tools::add);
        tools.add(new BashTool());
        tools.add(new TodoTool());
        tools.addAll(List.of(new GitStatusTool(), new GitDiffTool(), new GitLogTool(), new GitBlameTool()));
        return List.copyOf(tools);
    }
}
