package dev.reaper.agent;

import dev.reaper.context.IgnoreRules;
import dev.reaper.policy.WorkspaceBoundary;
import dev.reaper.router.ModelRef;
import java.util.List;
import java.util.Map;

/**
 * What a session runs with.
 *
 * @param candidates      the model and its fallbacks, in order
 * @param maxTurns        model requests allowed per prompt (0: no limit)
 * @param toolEnvironment the environment commands run with (provider credentials removed)
 * @param contextWindow   the first model's context window in tokens, 0 when unknown (no compaction then)
 * @param startSection    a part of the system prompt still being made (the repo map), taken at the first
 *                        request if it is ready by then
 */
public record SessionSettings(List<ModelRef> candidates, int maxTurns, int maxOutputTokens, String systemPrompt,
                              WorkspaceBoundary workspace, IgnoreRules ignore,
                              Map<String, String> toolEnvironment, long contextWindow, PromptSection startSection) {

    public SessionSettings {
        candidates = List.copyOf(candidates);
        toolEnvironment = Map.copyOf(toolEnvironment);
    }
}
