package dev.reaper.tools;

import dev.reaper.context.IgnoreRules;
import dev.reaper.policy.WorkspaceBoundary;
import dev.reaper.protocol.Cancellation;
import dev.reaper.protocol.PlanItem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * What a tool call may use: the workspace boundary and ignore rules, the turn's cancellation, where to
 * report file changes and plan updates, the environment for commands (provider credentials removed), and
 * which files deny rules keep from being read (tools that walk directories skip those).
 *
 * @param readable whether a workspace-relative path may be read
 */
public record ToolContext(WorkspaceBoundary workspace, IgnoreRules ignore, Cancellation cancel,
                          FileChangeListener changes, Map<String, String> environment, Predicate<String> readable,
                          Consumer<List<PlanItem>> plan) {

    public ToolContext(WorkspaceBoundary workspace, IgnoreRules ignore, Cancellation cancel,
                       FileChangeListener changes, Map<String, String> environment, Predicate<String> readable) {
        this(workspace, ignore, cancel, changes, environment, readable, items -> { });
    }

    public ToolContext(WorkspaceBoundary workspace, IgnoreRules ignore, Cancellation cancel,
                       FileChangeListener changes, Map<String, String> environment) {
        this(workspace, ignore, cancel, changes, environment, path -> true);
    }

    /** The same context with file changes reported to another listener. */
    public ToolContext withChanges(FileChangeListener listener) {
        return new ToolContext(workspace, ignore, cancel, listener, environment, readable, plan);
    }

    /** Whether a file found while walking may be shown: not kept from reading by deny rules. */
    public boolean mayRead(Path file) {
        return readable.test(workspace.relative(file));
    }
}
