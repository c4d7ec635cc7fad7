package dev.reaper.tui.theme;

import com.googlecode.lanterna.TextColor;
import java.util.EnumMap;
import java.util.Map;

/** A named set of colours, one per {@link Role}. */
public final class Theme {

    private final String name;
    private final EnumMap<Role, TextColor> colors;

    public Theme(String name, Map<Role, TextColor> colors) {
        this.name = name;
        this.colors = new EnumMap<>(Role.class);
        this.colors.putAll(colors);
        for (Role r : Role.values()) {
            if (!this.colors.containsKey(r)) {
                throw new IllegalArgumentException("theme " + name + " has no colour for " + r.key());
            }
        }
    }

    public String name() {
        return name;
    }

    public TextColor color(Role role) {
        return colors.get(role);
    }
}
