package dev.reaper.policy;

import java.util.List;

/**
 * Decides whether a tool call may run, as a pure function of the mode, the rules and what the call
 * touches. Deny rules win over everything; plan mode refuses anything that is not a read; bypass mode
 * allows the rest; then ask rules, then allow rules (which must cover every target: each simple command
 * of a shell line, each file of a patch), then the mode's default for the tool's kind.
 */
public final class PermissionPolicy {

    private PermissionPolicy() {}

    /**
     * @param targets what the call touches: shell commands for bash, workspace-relative paths for file
     *                tools; empty when the tool has no target
     */
    public static Decision decide(PermissionMode mode, PermissionRules rules, String toolName, ToolKind kind,
                                  List<String> targets) {
        List<String> units = units(toolName, targets);
        for (PermissionRule r : rules.deny()) {
            if (r.appliesTo(toolName, kind) && (units.isEmpty() ? !r.hasPattern() : anyMatch(r, units, toolName.equals("bash")))) {
                return Decision.deny("denied by the rule " + r);
            }
        }
        if (mode == PermissionMode.PLAN && kind != ToolKind.READ) {
            return Decision.deny("plan mode is read-only: describe the change in the plan instead of making it");
        }
        if (mode == PermissionMode.BYPASS) {
            return Decision.allow("bypassPermissions mode");
        }
        if (kind == ToolKind.EDIT && targets.stream().anyMatch(PermissionPolicy::isControlFile)) {
            return Decision.ask("editing " + targets.stream().filter(PermissionPolicy::isControlFile).findFirst()
                    .orElse("") + " (git's or Reaper's own configuration) always needs approval");
        }
        for (PermissionRule r : rules.ask()) {
            if (r.appliesTo(toolName, kind) && (units.isEmpty() ? !r.hasPattern() : anyMatch(r, units, toolName.equals("bash")))) {
                return Decision.ask("the rule " + r + " asks first");
            }
        }
        if (!units.isEmpty() && allCovered(rules.allow(), toolName, kind, units)) {
            return Decision.allow("allowed by rule");
        }
        if (units.isEmpty() && rules.allow().stream().anyMatch(r -> r.appliesTo(toolName, kind) && !r.hasPattern())) {
            return Decision.allow("allowed by rule");
        }
        return switch (kind) {
            case READ -> Decision.allow("read-only");
            case EDIT -> mode == PermissionMode.ACCEPT_EDITS ? Decision.allow("acceptEdits mode")
                    : Decision.ask("editing files needs approval in " + mode.id() + " mode");
            case EXECUTE -> Decision.ask("running commands needs approval in " + mode.id() + " mode");
            case OTHER -> Decision.ask(toolName + " needs approval in " + mode.id() + " mode");
        };
    }

    /**
     * Files that configure what runs later (git hooks and config, Reaper's own config and MCP servers):
     * an edit there can turn into code execution, so it is never allowed by mode or rule alone.
     */
    static boolean isControlFile(String path) {
        String p = path.startsWith("./") ? path.substring(2) : path;
        return p.equals(".git") || p.startsWith(".git/") || p.equals(".reaper") || p.startsWith(".reaper/")
                || p.equals(".mcp.json");
    }

    /** Shell lines are judged per simple command; a line that hides commands yields one opaque unit. */
    private static List<String> units(String toolName, List<String> targets) {
        if (!toolName.equals("bash")) {
            return targets;
        }
        List<String> out = new java.util.ArrayList<>();
        for (String t : targets) {
            List<String> parts = ShellCommands.split(t);
            if (parts.isEmpty()) {
                out.add(OPAQUE + t); // matched by no pattern, only by a bare "bash" rule
            } else {
                out.addAll(parts);
            }
        }
        return out;
    }

    private static final String OPAQUE = "\u0000opaque:";

    /**
     * Whether a deny or ask rule catches any unit. Shell commands are judged as written and as they
     * really run ({@code sudo /bin/rm -rf x} is {@code rm -rf x}); a line or a command whose text hides
     * what runs ({@code $(...)}, {@code bash -c '...'}) is caught when the rule's command appears in it.
     */
    private static boolean anyMatch(PermissionRule r, List<String> units, boolean shell) {
        for (String u : units) {
            if (!r.hasPattern()) {
                return true;
            }
            if (u.startsWith(OPAQUE)) {
                if (r.mentionedIn(u.substring(OPAQUE.length()))) {
                    return true;
                }
            } else if (r.matches(u)
                    || (shell && ShellCommands.effective(u).map(r::matches).orElseGet(() -> r.mentionedIn(u)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean allCovered(List<PermissionRule> allow, String toolName, ToolKind kind, List<String> units) {
        boolean shell = toolName.equals("bash");
        for (String u : units) {
            boolean covered = false;
            if (shell && ShellCommands.redirectsToFile(u)
                    && allow.stream().noneMatch(r -> r.appliesTo(toolName, kind) && !r.hasPattern())) {
                return false; // writing a file is more than the allowed command does
            }
            for (PermissionRule r : allow) {
                if (r.appliesTo(toolName, kind) && (!r.hasPattern() || (!u.startsWith(OPAQUE) && r.matches(u)))) {
                    covered = true;
                    break;
                }
            }
            if (!covered) {
                return false;
            }
        }
        return true;
    }
}
