package dev.reaper.tools.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.policy.ToolKind;
import dev.reaper.protocol.PlanItem;
import dev.reaper.tools.ToolContext;
import dev.reaper.tools.ToolFailure;
import dev.reaper.tools.ToolOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code todo {todos}}: the model's plan for the task, shown to the user; it changes nothing else. */
public final class TodoTool extends BuiltinTool {

    public TodoTool() {
        super("todo");
    }

    @Override
    public ToolKind kind() {
        return ToolKind.READ;
    }

    @Override
    public List<String> targets(JsonNode args, ToolContext context) {
        return List.of();
    }

    @Override
    public ToolOutput run(JsonNode args, ToolContext context) throws ToolFailure {
        List<PlanItem> items = new ArrayList<>();
        int done = 0;
        for (JsonNode t : args.path("todos")) {
            PlanItem.Status status = PlanItem.Status.valueOf(t.path("status").asText().toUpperCase(Locale.ROOT));
            items.add(new PlanItem(t.path("content").asText(), status));
            done += status == PlanItem.Status.COMPLETED ? 1 : 0;
        }
        context.plan().accept(items);
        return ToolOutput.ok("Plan saved: " + done + " of " + items.size() + " done.");
    }
}
