package dev.reaper.agent;

/** Keeps "always allow" answers, so a project remembers them across sessions. */
@FunctionalInterface
public interface PermissionMemory {

    /** Remembers an allow rule (in the rule syntax of config.toml, e.g. {@code bash(npm test)}). */
    void remember(String rule);

    PermissionMemory NONE = rule -> { };
}
