package dev.reaper.tools;

import dev.reaper.context.IgnoreRules;
import dev.reaper.policy.WorkspaceBoundary;
import dev.reaper.protocol.Cancellation;
import java.util.Map;

/**
 * What a tool call may use: the workspace boundary and ignore rules, the turn's cancellation, where to
 * report file changes, and the environment for commands (provider credentials removed).
 */
public record ToolContext(WorkspaceBoundary workspace, IgnoreRules ignore, Cancellation cancel,
                          FileChangeListener changes, Map<String, String> environment) {}
