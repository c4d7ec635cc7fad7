package dev.reaper.policy;

import java.util.ArrayList;
import java.util.List;

/** The allow, ask and deny rules in force, from user and project config. */
public record PermissionRules(List<PermissionRule> allow, List<PermissionRule> ask, List<PermissionRule> deny) {

    public static final PermissionRules NONE = new PermissionRules(List.of(), List.of(), List.of());

    public PermissionRules {
        allow = List.copyOf(allow);
        ask = List.copyOf(ask);
        deny = List.copyOf(deny);
    }

    /** Parses rule texts; throws with the offending rule named. */
    public static PermissionRules parse(List<String> allow, List<String> ask, List<String> deny) {
        return new PermissionRules(parseAll(allow), parseAll(ask), parseAll(deny));
    }

    private static List<PermissionRule> parseAll(List<String> texts) {
        List<PermissionRule> out = new ArrayList<>();
        for (String t : texts) {
            out.add(PermissionRule.parse(t));
        }
        return out;
    }

    public PermissionRules plus(PermissionRules other) {
        List<PermissionRule> a = new ArrayList<>(allow);
        a.addAll(other.allow);
        List<PermissionRule> k = new ArrayList<>(ask);
        k.addAll(other.ask);
        List<PermissionRule> d = new ArrayList<>(deny);
        d.addAll(other.deny);
        return new PermissionRules(a, k, d);
    }
}
