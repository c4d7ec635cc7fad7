package dev.reaper.policy;

/** What a tool does to the world, which decides the default answer to "may it run?". */
public enum ToolKind {
    /** Reads the workspace; never changes it. */
    READ,
    /** Changes files. */
    EDIT,
    /** Runs commands, whose effects cannot be known in advance. */
    EXECUTE,
    /** Anything else that changes state outside the workspace (external tools). */
    OTHER
}
