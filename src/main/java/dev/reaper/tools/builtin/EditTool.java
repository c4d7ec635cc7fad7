package dev.reaper.tools.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.edit.EditException;
import dev.reaper.edit.StringReplace;
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

/** {@code edit {path, old_string, new_string, replace_all?}}: exact replacement in one file. */
public final class EditTool extends BuiltinTool implements EditingTool {

    public EditTool() {
        super("edit");
    }

    @Override
    public ToolKind kind() {
        return ToolKind.EDIT;
    }

    @Override
    public EditPlan plan(JsonNode args, ToolContext context) throws ToolFailure {
        Path file = resolve(args.path("path").asText(), context);
        String shown = shown(file, context);
        String oldString = args.path("old_string").asText();
        String newString = args.path("new_string").asText();
        try {
            if (!Files.exists(file)) {
                if (oldString.isEmpty()) {
                    return new EditPlan(List.of(new FileEdit(file, null, newString)), "Created " + shown);
                }
                throw new ToolFailure("file not found: " + shown + " (use write to create a file)");
            }
            if (Files.isDirectory(file)) {
                throw new ToolFailure(shown + " is a directory");
            }
            String before = TextFiles.readForEdit(file, shown);
            StringReplace.Result r;
            try {
                r = StringReplace.apply(before, oldString, newString, args.path("replace_all").asBoolean(false));
            } catch (EditException e) {
                throw new ToolFailure(shown + ": " + e.getMessage());
            }
            return new EditPlan(List.of(new FileEdit(file, before, r.content())),
                    "Edited " + shown + " (" + plural(r.replacements(), "replacement") + ")"
                            + (r.note() == null ? "" : "; " + r.note()));
        } catch (IOException e) {
            throw new ToolFailure("cannot edit " + shown + ": " + e.getMessage());
        }
    }
}
