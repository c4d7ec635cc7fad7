package dev.reaper.agent;

import dev.reaper.context.IgnoreRules;
import dev.reaper.policy.WorkspaceBoundary;
import dev.reaper.router.ModelRef;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a session runs with.
 *
 * @param candidates      the model and its fallbacks, in order
 * @param maxTurns        model requests allowed per prompt (0: no limit)
 * @param systemPrompt    made once, when a request first needs it: facts that are slow to gather (git's)
 *                        are gathered meanwhile instead of delaying start-up
 * @param toolEnvironment the environment commands run with (provider credentials removed)
 * @param contextWindow   the first model's context window in tokens, 0 when unknown (no compaction then)
 * @param startSection    a part of the system prompt still being made (the repo map), taken at the first
 *                        request if it is ready by then
 */
public record SessionSettings(List<ModelRef> candidates, int maxTurns, int maxOutputTokens,
                              Supplier<String> systemPrompt, WorkspaceBoundary workspace, IgnoreRules ignore,
                              Map<String, String> toolEnvironment, long contextWindow, PromptSection startSection) {

    public SessionSettings {
        candidates = List.copyOf(candidates);
        toolEnvironment = Map.copyOf(toolEnvironment);
        systemPrompt = once(systemPrompt);
    }

    private static Supplier<String> once(Supplier<String> make) {
        return new Supplier<>() {
            private String made;

            @Override
            public synchronized String get() {
                if (made == null) {
                    made = make.get();
                }
                return made;
            }
        };
    }
}
