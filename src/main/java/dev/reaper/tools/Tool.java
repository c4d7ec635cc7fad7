package dev.reaper.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.policy.ToolKind;
import java.util.List;

/**
 * A tool the model can call. Implementations do the work only: argument validation against the
 * schema, permission decisions, output truncation and events are the caller's (one orchestrator for
 * every tool, built-in or external).
 */
public interface Tool {

    String name();

    /** Decides the default permission; say {@link ToolKind#EXECUTE} or {@link ToolKind#OTHER} when in doubt. */
    ToolKind kind();

    String description();

    /** The JSON Schema of the arguments, as JSON text. */
    String inputSchema();

    /**
     * What a call touches, for permission rules: workspace-relative paths for file tools, the command
     * line for bash. Called after the arguments were validated. Throws {@link ToolFailure} when the
     * call is invalid already (a path outside the workspace).
     */
    List<String> targets(JsonNode args, ToolContext context) throws ToolFailure;

    /**
     * Runs the call. Problems the model can fix (a missing file, a non-unique match) are thrown as
     * {@link ToolFailure} and go back to the model as an error result.
     */
    ToolOutput run(JsonNode args, ToolContext context) throws ToolFailure;
}
