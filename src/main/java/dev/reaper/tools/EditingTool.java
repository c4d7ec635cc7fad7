package dev.reaper.tools;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A tool that changes files. It computes its changes first ({@link #plan}), without writing, so they can
 * be shown as diffs and approved (whole, or hunk by hunk) before {@link FileEdits#apply} writes them.
 */
public interface EditingTool extends Tool {

    EditPlan plan(JsonNode args, ToolContext context) throws ToolFailure;

    @Override
    default ToolOutput run(JsonNode args, ToolContext context) throws ToolFailure {
        EditPlan plan = plan(args, context);
        FileEdits.apply(plan.edits(), context);
        return ToolOutput.ok(plan.summary());
    }
}
