package dev.reaper.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reaper.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * An {@code mcp.json} file as {@code reaper mcp add} and {@code remove} change it: Claude Code's format
 * ({@code {"mcpServers": {NAME: {...}}}}), one server at a time, keeping whatever else the file holds.
 */
public final class McpJsonFile {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

    private final Path file;

    public McpJsonFile(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public boolean has(String name) {
        return McpConfig.readJson(file).map(t -> t.path("mcpServers").has(name)).orElse(false);
    }

    /** Adds the server, or replaces the one of that name; the name must suit tool names. */
    public void put(String name, McpConfig.Transport transport) {
        if (!NAME.matcher(name).matches()) {
            throw new ConfigException("an MCP server's name may have letters, digits, _ and - only, not \"" + name
                    + "\" (its tools are named mcp__" + name + "__TOOL)");
        }
        ObjectNode tree = tree();
        ObjectNode s = Json.object();
        switch (transport) {
            case McpConfig.Stdio st -> {
                s.put("command", st.command().get(0));
                st.command().subList(1, st.command().size()).forEach(s.putArray("args")::add);
                if (!st.env().isEmpty()) {
                    ObjectNode env = s.putObject("env");
                    st.env().forEach(env::put);
                }
            }
            case McpConfig.Http h -> {
                s.put("type", "http");
                s.put("url", h.url());
                if (!h.headers().isEmpty()) {
                    ObjectNode headers = s.putObject("headers");
                    h.headers().forEach(headers::put);
                }
            }
        }
        servers(tree).set(name, s);
        write(tree);
    }

    /** Removes the server; false when the file has no server of that name. */
    public boolean remove(String name) {
        if (!has(name)) {
            return false;
        }
        ObjectNode tree = tree();
        servers(tree).remove(name);
        write(tree);
        return true;
    }

    private ObjectNode tree() {
        JsonNode t = McpConfig.readJson(file).orElseGet(Json::object);
        if (!(t instanceof ObjectNode o) || (t.has("mcpServers") && !t.get("mcpServers").isObject())) {
            throw new ConfigException(file + ": expected {\"mcpServers\": {...}}; fix it or move it aside");
        }
        return o;
    }

    private static ObjectNode servers(ObjectNode tree) {
        return tree.has("mcpServers") ? (ObjectNode) tree.get("mcpServers") : tree.putObject("mcpServers");
    }

    private void write(ObjectNode tree) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree) + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("cannot write " + file + ": " + e.getMessage());
        }
    }
}
