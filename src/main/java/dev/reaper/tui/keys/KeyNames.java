package dev.reaper.tui.keys;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Keys as the words keymap files use: {@code a}, {@code G}, {@code space}, {@code ctrl+x},
 * {@code alt+enter}, {@code shift+up}, {@code f2}. Modifiers are always written in the order ctrl, alt,
 * shift, so a key has exactly one name.
 */
public final class KeyNames {

    private static final Map<KeyType, String> NAMES = Map.ofEntries(
            Map.entry(KeyType.Enter, "enter"), Map.entry(KeyType.Escape, "escape"), Map.entry(KeyType.Tab, "tab"),
            Map.entry(KeyType.ReverseTab, "shift+tab"), Map.entry(KeyType.Backspace, "backspace"),
            Map.entry(KeyType.Delete, "delete"), Map.entry(KeyType.Insert, "insert"),
            Map.entry(KeyType.ArrowUp, "up"), Map.entry(KeyType.ArrowDown, "down"),
            Map.entry(KeyType.ArrowLeft, "left"), Map.entry(KeyType.ArrowRight, "right"),
            Map.entry(KeyType.Home, "home"), Map.entry(KeyType.End, "end"),
            Map.entry(KeyType.PageUp, "pageup"), Map.entry(KeyType.PageDown, "pagedown"),
            Map.entry(KeyType.F1, "f1"), Map.entry(KeyType.F2, "f2"), Map.entry(KeyType.F3, "f3"),
            Map.entry(KeyType.F4, "f4"), Map.entry(KeyType.F5, "f5"), Map.entry(KeyType.F6, "f6"),
            Map.entry(KeyType.F7, "f7"), Map.entry(KeyType.F8, "f8"), Map.entry(KeyType.F9, "f9"),
            Map.entry(KeyType.F10, "f10"), Map.entry(KeyType.F11, "f11"), Map.entry(KeyType.F12, "f12"));

    private KeyNames() {}

    /** The name of a key stroke, or null for strokes that are not keys (mouse, EOF, terminal reports). */
    public static String of(KeyStroke k) {
        if (k.getKeyType() == KeyType.Character) {
            char c = k.getCharacter();
            String base = c == ' ' ? "space" : String.valueOf(k.isCtrlDown() ? Character.toLowerCase(c) : c);
            return modifiers(k.isCtrlDown(), k.isAltDown(), false) + base;
        }
        String name = NAMES.get(k.getKeyType());
        if (name == null) {
            return null;
        }
        if (name.startsWith("shift+")) {
            return modifiers(k.isCtrlDown(), k.isAltDown(), false) + name;
        }
        return modifiers(k.isCtrlDown(), k.isAltDown(), k.isShiftDown()) + name;
    }

    private static String modifiers(boolean ctrl, boolean alt, boolean shift) {
        return (ctrl ? "ctrl+" : "") + (alt ? "alt+" : "") + (shift ? "shift+" : "");
    }

    /**
     * Parses a key sequence as written in a keymap ({@code "ctrl+x s"}, {@code "<leader>ai"},
     * {@code "g g"}); {@code leader} replaces {@code <leader>}. Throws with the reason when invalid.
     */
    public static List<String> parseSequence(String spec, List<String> leader) {
        List<String> out = new ArrayList<>();
        String s = spec.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty key");
        }
        for (String part : s.split("\\s+")) {
            String p = part;
            if (p.startsWith("<leader>")) {
                if (leader == null) {
                    throw new IllegalArgumentException("<leader> used but no leader key is set");
                }
                out.addAll(leader);
                p = p.substring("<leader>".length());
                for (int i = 0; i < p.length(); i++) {
                    out.add(String.valueOf(p.charAt(i)));
                }
                continue;
            }
            out.add(normalize(p));
        }
        return out;
    }

    /** One key in canonical form. */
    static String normalize(String key) {
        if (key.length() == 1) {
            return key.equals(" ") ? "space" : key;
        }
        String[] parts = key.split("\\+");
        boolean ctrl = false;
        boolean alt = false;
        boolean shift = false;
        for (int i = 0; i < parts.length - 1; i++) {
            switch (parts[i].toLowerCase(Locale.ROOT)) {
                case "ctrl", "control", "c" -> ctrl = true;
                case "alt", "meta", "m", "option" -> alt = true;
                case "shift", "s" -> shift = true;
                default -> throw new IllegalArgumentException("unknown modifier '" + parts[i] + "' in " + key);
            }
        }
        String base = parts[parts.length - 1];
        if (base.isEmpty()) {
            throw new IllegalArgumentException("no key after the modifiers in " + key);
        }
        String lower = base.toLowerCase(Locale.ROOT);
        String named = switch (lower) {
            case "return", "enter" -> "enter";
            case "esc", "escape" -> "escape";
            case "space", "spc" -> "space";
            case "tab", "backspace", "delete", "insert", "up", "down", "left", "right", "home", "end" -> lower;
            case "del" -> "delete";
            case "bs" -> "backspace";
            case "pgup", "pageup" -> "pageup";
            case "pgdn", "pagedown" -> "pagedown";
            default -> lower.matches("f([1-9]|1[0-2])") ? lower : null;
        };
        if (named == null) {
            if (base.length() != 1) {
                throw new IllegalArgumentException("unknown key '" + base + "' in " + key);
            }
            named = ctrl ? lower : base;
        }
        if (named.equals("tab") && shift && !ctrl && !alt) {
            return "shift+tab";
        }
        if (named.length() == 1 && shift && !ctrl && !alt) {
            return named.toUpperCase(Locale.ROOT);
        }
        return modifiers(ctrl, alt, shift && !(named.length() == 1)) + named;
    }
}
