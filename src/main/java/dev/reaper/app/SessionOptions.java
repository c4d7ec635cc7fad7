package dev.reaper.app;

import dev.reaper.agent.Approver;
import dev.reaper.agent.EventSink;
import dev.reaper.policy.PermissionMode;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * How the user asked a session to be opened.
 *
 * @param continueLatest resume the workspace's most recent session ({@code -c})
 * @param resumeId       resume this session ({@code -r ID}); wins over {@code continueLatest}
 */
public record SessionOptions(Optional<String> model, Optional<PermissionMode> permissionMode, OptionalInt maxTurns,
                             OptionalDouble maxBudgetUsd, boolean continueLatest, Optional<String> resumeId,
                             Approver approver, EventSink events) {}
