package dev.reaper.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reaper.mcp.client.Elicitation;
import dev.reaper.tui.Chooser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An MCP server's question in the TUI: the user sees its message and picks accept (with the form's own defaults,
 * shown), decline or cancel. The TUI has no form to type values into yet, so a form with a required field
 * without a default can only be declined or cancelled. Unanswered after ten minutes, it is cancelled.
 */
final class McpElicitationChoice implements Elicitation {

    private final Chooser chooser;

    McpElicitationChoice(Chooser chooser) {
        this.chooser = chooser;
    }

    @Override
    public Answer ask(String server, String message, JsonNode schema) {
        Optional<ObjectNode> defaults = Elicitation.defaults(schema);
        List<String> choices = new ArrayList<>();
        choices.add("decline"); // first, so that an Enter meant for something else does not say yes
        defaults.ifPresent(d -> choices.add("accept" + (d.isEmpty() ? "" : ": " + summary(d))));
        choices.add("cancel");
        String question = message + (defaults.isEmpty() ? " (It needs values Reaper cannot fill in yet: decline,"
                + " or cancel.)" : "");
        Optional<Integer> picked;
        try {
            picked = chooser.choose("MCP server " + server + " asks", question, choices).get(10, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Cancel();
        } catch (ExecutionException | TimeoutException e) {
            return new Cancel();
        }
        if (picked.isEmpty()) {
            return new Cancel();
        }
        return switch (choices.get(picked.get()).replaceFirst(":.*", "")) {
            case "accept" -> new Accept(defaults.orElseThrow());
            case "decline" -> new Decline();
            default -> new Cancel();
        };
    }

    private static String summary(ObjectNode values) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : values.properties()) {
            parts.add(e.getKey() + "=" + (e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
        }
        return String.join(", ", parts);
    }
}
