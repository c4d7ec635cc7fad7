package dev.reaper.mcp.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/** The prompts an MCP server offers, and completions of their arguments. */
public interface ServedPrompts {

    ServedPrompts NONE = new ServedPrompts() {
        @Override
        public List<ObjectNode> list() {
            return List.of();
        }

        @Override
        public Optional<ObjectNode> get(String name, JsonNode arguments) {
            return Optional.empty();
        }
    };

    /** Every prompt ({@code name}, {@code description}, {@code arguments}). */
    List<ObjectNode> list();

    /**
     * The {@code prompts/get} result ({@code description}, {@code messages}), or empty when there is no such prompt.
     *
     * @throws IllegalArgumentException when an argument is missing or wrong, saying which
     */
    Optional<ObjectNode> get(String name, JsonNode arguments);

    /** Values completing an argument of a prompt (most likely first); none by default. */
    default List<String> complete(String prompt, String argument, String prefix) {
        return List.of();
    }
}
