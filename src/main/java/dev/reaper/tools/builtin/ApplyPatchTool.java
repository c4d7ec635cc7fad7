package dev.reaper.tools.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.edit.EditException;
import dev.reaper.edit.Patch;
import dev.reaper.edit.PatchApplier;
import dev.reaper.edit.PatchParser;
import dev.reaper.policy.ToolKind;
import dev.reaper.tools.TextFiles;
import dev.reaper.tools.ToolContext;
import dev.reaper.tools.ToolFailure;
import dev.reaper.tools.EditPlan;
import dev.reaper.tools.EditingTool;
import dev.reaper.tools.FileEdit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code apply_patch {patch}}: a multi-file patch applied all or nothing. Every hunk is matched in
 * memory first; files are written only when all of them apply (see {@link dev.reaper.tools.FileEdits}).
 */
public final class ApplyPatchTool extends BuiltinTool implements EditingTool {

    public ApplyPatchTool() {
        super("apply_patch");
    }

    @Override
    public ToolKind kind() {
        return ToolKind.EDIT;
    }

    @Override
    public List<String> targets(JsonNode args, ToolContext context) throws ToolFailure {
        List<String> out = new ArrayList<>();
        for (Patch.FileChange c : parse(args)) {
            out.addAll(context.workspace().ruleTargets(resolve(c.path(), context)));
            if (c instanceof Patch.UpdateFile u && u.moveTo() != null) {
                out.addAll(context.workspace().ruleTargets(resolve(u.moveTo(), context)));
            }
        }
        return out;
    }

    private static List<Patch.FileChange> parse(JsonNode args) throws ToolFailure {
        try {
            return PatchParser.parse(args.path("patch").asText()).changes();
        } catch (EditException e) {
            throw new ToolFailure("invalid patch: " + e.getMessage());
        }
    }

    @Override
    public EditPlan plan(JsonNode args, ToolContext context) throws ToolFailure {
        // path -> new content (null deletes), in order; before-contents for the diff and for rollback
        Map<Path, String> after = new LinkedHashMap<>();
        Map<Path, String> before = new LinkedHashMap<>();
        List<String> summary = new ArrayList<>();
        try {
            for (Patch.FileChange change : parse(args)) {
                Path file = resolve(change.path(), context);
                String shown = shown(file, context);
                switch (change) {
                    case Patch.AddFile add -> {
                        if (Files.exists(file) || after.containsKey(file) && after.get(file) != null) {
                            throw new ToolFailure(shown + " already exists: use '*** Update File:' to change it");
                        }
                        before.putIfAbsent(file, null);
                        after.put(file, add.content());
                        summary.add("A " + shown);
                    }
                    case Patch.DeleteFile del -> {
                        current(file, shown, before, after);
                        after.put(file, null);
                        summary.add("D " + shown);
                    }
                    case Patch.UpdateFile upd -> {
                        String text = current(file, shown, before, after);
                        String updated;
                        try {
                            updated = PatchApplier.apply(shown, text, upd.hunks());
                        } catch (EditException e) {
                            throw new ToolFailure(e.getMessage() + " No file was changed.");
                        }
                        if (upd.moveTo() != null) {
                            Path target = resolve(upd.moveTo(), context);
                            if (Files.exists(target) && !target.equals(file)) {
                                throw new ToolFailure("cannot move " + shown + " to " + shown(target, context)
                                        + ": it already exists");
                            }
                            after.put(file, null);
                            before.putIfAbsent(target, null);
                            after.put(target, updated);
                            summary.add("R " + shown + " -> " + shown(target, context));
                        } else {
                            after.put(file, updated);
                            summary.add("M " + shown);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new ToolFailure("cannot read the files of the patch: " + e.getMessage());
        }
        List<FileEdit> edits = new ArrayList<>();
        for (Map.Entry<Path, String> e : after.entrySet()) {
            edits.add(new FileEdit(e.getKey(), before.get(e.getKey()), e.getValue()));
        }
        return new EditPlan(edits, "Applied the patch:\n" + String.join("\n", summary));
    }

    /** The file's text as the patch has left it so far. */
    private static String current(Path file, String shown, Map<Path, String> before, Map<Path, String> after)
            throws ToolFailure, IOException {
        if (after.containsKey(file)) {
            String text = after.get(file);
            if (text == null) {
                throw new ToolFailure(shown + " was deleted earlier in this patch");
            }
            return text;
        }
        if (!Files.isRegularFile(file)) {
            throw new ToolFailure("file not found: " + shown + ". No file was changed.");
        }
        String text = TextFiles.readForEdit(file, shown);
        before.put(file, text);
        return text;
    }
}
