package dev.reaper.tools.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.policy.ToolKind;
import dev.reaper.tools.TextFiles;
import dev.reaper.tools.ToolContext;
import dev.reaper.tools.ToolFailure;
import dev.reaper.tools.EditPlan;
import dev.reaper.tools.EditingTool;
import dev.reaper.tools.FileEdit;
import java.util.List;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code write {path, content}}: creates a file or replaces its content. */
public final class WriteTool extends BuiltinTool implements EditingTool {

    public WriteTool() {
        super("write");
    }

    @Override
    public ToolKind kind() {
        return ToolKind.EDIT;
    }

    @Override
    public EditPlan plan(JsonNode args, ToolContext context) throws ToolFailure {
        Path file = resolve(args.path("path").asText(), context);
        String shown = shown(file, context);
        String content = args.path("content").asText();
        try {
            if (Files.isDirectory(file)) {
                throw new ToolFailure(shown + " is a directory");
            }
            boolean exists = Files.exists(file);
            String before = null;
            if (exists) {
                try {
                    before = TextFiles.readForEdit(file, shown);
                } catch (ToolFailure notText) {
                    before = null; // binary or huge: the change is shown as a new file
                }
            }
            return new EditPlan(List.of(new FileEdit(file, before, content)), (exists ? "Wrote " : "Created ")
                    + shown + " (" + plural(TextFiles.lineCount(content), "line") + ")");
        } catch (IOException e) {
            throw new ToolFailure("cannot write " + shown + ": " + e.getMessage());
        }
    }
}
