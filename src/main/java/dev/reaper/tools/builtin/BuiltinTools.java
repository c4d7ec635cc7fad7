package dev.reaper.tools.builtin;

import dev.reaper.tools.Tool;
import java.util.List;

/** The built-in tools, in the order they are offered to the model. */
public final class BuiltinTools {

    private BuiltinTools() {}

    public static List<Tool> all() {
        return List.of(new ReadTool(), new WriteTool(), new EditTool(), new ApplyPatchTool(), new GlobTool(),
                new GrepTool(), new ListTool(), new BashTool(), new TodoTool(), new GitStatusTool(), new GitDiffTool(),
                new GitLogTool(), new GitBlameTool());
    }
}
