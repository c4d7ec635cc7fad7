package dev.reaper.policy;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How much the agent may do without asking, named as Claude Code names them. */
public enum PermissionMode {
    /** Ask before edits and commands. */
    DEFAULT("default"),
    /** Edits are allowed; commands still ask. */
    ACCEPT_EDITS("acceptEdits"),
    /** Read-only: nothing is changed, the agent produces a plan. */
    PLAN("plan"),
    /** Everything is allowed except what a deny rule forbids. */
    BYPASS("bypassPermissions");

    private final String id;

    PermissionMode(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static PermissionMode parse(String text) {
        for (PermissionMode m : values()) {
            if (m.id.equalsIgnoreCase(text)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown permission mode '" + text + "': use one of "
                + Arrays.stream(values()).map(PermissionMode::id).collect(Collectors.joining(", ")));
    }
}
