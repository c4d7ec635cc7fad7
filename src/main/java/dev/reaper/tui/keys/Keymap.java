package dev.reaper.tui.keys;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Key sequences bound to actions, per input mode ({@code insert}; vim keymaps add {@code normal}).
 * Sequences are matched as keys arrive: {@link #lookup} says whether the keys so far are an action, the
 * start of one, or nothing.
 */
public final class Keymap {

    public static final String INSERT = "insert";
    public static final String NORMAL = "normal";

    /** What the keys typed so far mean. */
    public sealed interface Match {
        record Bound(Action action) implements Match {}

        record Pending() implements Match {}

        record Unbound() implements Match {}
    }

    private final String name;
    private final boolean vim;
    private final Map<String, Map<List<String>, Action>> bindings;
    private final Map<String, Set<List<String>>> prefixes = new HashMap<>();

    public Keymap(String name, boolean vim, Map<String, Map<List<String>, Action>> bindings) {
        this.name = name;
        this.vim = vim;
        this.bindings = bindings;
        for (Map.Entry<String, Map<List<String>, Action>> mode : bindings.entrySet()) {
            Set<List<String>> p = new HashSet<>();
            for (List<String> seq : mode.getValue().keySet()) {
                for (int i = 1; i < seq.size(); i++) {
                    p.add(List.copyOf(seq.subList(0, i)));
                }
            }
            prefixes.put(mode.getKey(), p);
        }
    }

    public String name() {
        return name;
    }

    /** Whether the input has vim's normal and insert modes. */
    public boolean isVim() {
        return vim;
    }

    public Match lookup(String mode, List<String> keys) {
        Map<List<String>, Action> m = bindings.getOrDefault(mode, Map.of());
        Action a = m.get(keys);
        if (a != null) {
            return new Match.Bound(a);
        }
        if (prefixes.getOrDefault(mode, Set.of()).contains(keys)) {
            return new Match.Pending();
        }
        return new Match.Unbound();
    }

    /** The first key sequence bound to an action, for help texts; empty when unbound. */
    public String keysFor(String mode, Action action) {
        for (Map.Entry<List<String>, Action> e : bindings.getOrDefault(mode, Map.of()).entrySet()) {
            if (e.getValue() == action) {
                return String.join(" ", e.getKey());
            }
        }
        return "";
    }
}
