package dev.reaper.tools;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The tools of a session, by name, in the order they are offered to the model: a fixed list, then those of
 * a changing source (external servers whose tool lists change), asked afresh each time. A changing tool
 * whose name a fixed one has, or an earlier one, is left out.
 */
public final class ToolRegistry {

    private final Map<String, Tool> tools = new LinkedHashMap<>();
    private final Supplier<List<Tool>> changing;

    public ToolRegistry(List<? extends Tool> tools) {
        this(tools, List::of);
    }

    public ToolRegistry(List<? extends Tool> tools, Supplier<List<Tool>> changing) {
        for (Tool t : tools) {
            if (this.tools.putIfAbsent(t.name(), t) != null) {
                throw new IllegalArgumentException("two tools are named " + t.name());
            }
        }
        this.changing = changing;
    }

    public Optional<Tool> find(String name) {
        return Optional.ofNullable(current().get(name));
    }

    public List<Tool> all() {
        return new ArrayList<>(current().values());
    }

    public List<String> names() {
        return new ArrayList<>(current().keySet());
    }

    private Map<String, Tool> current() {
        List<Tool> more = changing.get();
        if (more.isEmpty()) {
            return tools;
        }
        Map<String, Tool> all = new LinkedHashMap<>(tools);
        more.forEach(t -> all.putIfAbsent(t.name(), t));
        return all;
    }
}
