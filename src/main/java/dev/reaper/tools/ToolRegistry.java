package dev.reaper.tools;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The tools of a session, by name, in the order they are offered to the model. */
public final class ToolRegistry {

    private final Map<String, Tool> tools = new LinkedHashMap<>();

    public ToolRegistry(List<? extends Tool> tools) {
        for (Tool t : tools) {
            if (this.tools.putIfAbsent(t.name(), t) != null) {
                throw new IllegalArgumentException("two tools are named " + t.name());
            }
        }
    }

    public Optional<Tool> find(String name) {
        return Optional.ofNullable(tools.get(name));
    }

    public List<Tool> all() {
        return new ArrayList<>(tools.values());
    }

    public List<String> names() {
        return new ArrayList<>(tools.keySet());
    }
}
