package dev.reaper.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The MCP servers Reaper connects to, from three places merged by name, later ones winning: the user's
 * {@code mcp.json} (beside config.toml), {@code [mcp_servers.NAME]} tables in config.toml (Codex's keys:
 * {@code command}, {@code args}, {@code env}, or {@code url}, {@code http_headers}, {@code bearer_token_env_var};
 * and {@code enabled}, {@code startup_timeout_sec}, {@code tool_timeout_sec}), and the workspace's
 * {@code .mcp.json} (Claude Code's format:
 * {@code {"mcpServers": {NAME: {command, args, env} | {type: "http", url, headers}}}}). A project's
 * {@code .mcp.json} starts programs, so it is read only in a trusted workspace (as {@code [mcp_servers]} in a
 * project config.toml, which {@link WorkspaceTrust} drops). {@code ${VAR}} and {@code ${VAR:-default}} in
 * commands, arguments, variables, URLs and headers are expanded when a server starts, not here.
 *
 * @param servers  the enabled servers, in the order they were first named
 * @param warnings what was ignored and why
 */
public record McpConfig(List<Server> servers, List<String> warnings) {

    /** How a server is reached. */
    public sealed interface Transport permits Stdio, Http {
        String name();
    }

    /** A program Reaper starts and speaks to over its stdin and stdout. */
    public record Stdio(List<String> command, Map<String, String> env) implements Transport {
        public Stdio {
            command = List.copyOf(command);
            env = Map.copyOf(env);
        }

        @Override
        public String name() {
            return "stdio";
        }

        /** The program and arguments; the environment's values are left out (they may be secrets). */
        @Override
        public String toString() {
            return String.join(" ", command) + (env.isEmpty() ? "" : " (env " + String.join(", ", env.keySet()) + ")");
        }
    }

    /**
     * A server over Streamable HTTP.
     *
     * @param bearerTokenEnv the variable that holds a bearer token, if any
     */
    public record Http(String url, Map<String, String> headers, Optional<String> bearerTokenEnv)
            implements Transport {
        public Http {
            headers = Map.copyOf(headers);
        }

        @Override
        public String name() {
            return "http";
        }

        /** The URL and the header names; never their values. */
        @Override
        public String toString() {
            return url + (headers.isEmpty() ? "" : " (headers " + String.join(", ", headers.keySet()) + ")");
        }
    }

    /**
     * @param source       the file it was read from
     * @param startTimeout how long it may take to start and answer initialize, when not the default
     * @param toolTimeout  how long a call may take, when not the default
     */
    public record Server(String name, Transport transport, String source, Optional<Duration> startTimeout,
                         Optional<Duration> toolTimeout) {

        public Server(String name, Transport transport, String source) {
            this(name, transport, source, Optional.empty(), Optional.empty());
        }
    }

    private static final Set<String> TOML_KEYS = Set.of("command", "args", "env", "url", "http_headers",
            "bearer_token_env_var", "enabled", "startup_timeout_sec", "tool_timeout_sec");
    private static final Set<String> JSON_KEYS = Set.of("type", "command", "args", "env", "url", "headers");

    public McpConfig {
        servers = List.copyOf(servers);
        warnings = List.copyOf(warnings);
    }

    /**
     * Reads the three sources.
     *
     * @param userFile    the user's mcp.json (may be missing)
     * @param projectFile the workspace's .mcp.json (may be missing)
     * @param trusted     whether the workspace is trusted: an untrusted one's .mcp.json is ignored, with a warning
     */
    public static McpConfig load(Config c, Path userFile, Path projectFile, boolean trusted) {
        Map<String, Optional<Server>> merged = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        readJson(userFile).ifPresent(tree -> fromJson(userFile.toString(), tree, merged, warnings));
        ConfigReader r = new ConfigReader(ConfigReader.originOf(c));
        r.table(c.raw(), "mcp_servers").properties().forEach(e ->
                merged.put(e.getKey(), fromToml(r, e.getKey(), e.getValue())));
        Optional<JsonNode> project = readJson(projectFile);
        if (project.isPresent() && !trusted) {
            warnings.add("ignored " + projectFile + ": this workspace is not trusted, and its MCP servers would run"
                    + " programs (run 'reaper trust' in it to allow that)");
        } else {
            project.ifPresent(tree -> fromJson(projectFile.toString(), tree, merged, warnings));
        }
        return new McpConfig(merged.values().stream().flatMap(Optional::stream).toList(), warnings);
    }

    /** The tree of a JSON file, empty when the file is missing; bad JSON fails naming the file. */
    static Optional<JsonNode> readJson(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return Optional.of(Json.tryParse(text).orElseThrow(() -> new ConfigException(file
                    + " is not valid JSON (fix it, or move it aside)")));
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /**
     * The servers of an mcp.json. The file may be shared with Claude Code, so keys Reaper does not read and
     * servers over the older SSE transport are warnings, not errors.
     */
    private static void fromJson(String source, JsonNode tree, Map<String, Optional<Server>> into,
                                 List<String> warnings) {
        JsonNode servers = tree.path("mcpServers");
        if (!tree.isObject() || (tree.has("mcpServers") && !servers.isObject())) {
            throw new ConfigException(source + ": expected {\"mcpServers\": {\"NAME\": {\"command\": ...}}}");
        }
        servers.properties().forEach(e -> {
            String key = "mcpServers." + e.getKey();
            JsonNode s = e.getValue();
            if (!s.isObject()) {
                throw new ConfigException(source + ": " + key + " must be an object, e.g. {\"command\": \"npx\"}");
            }
            s.fieldNames().forEachRemaining(k -> {
                if (!JSON_KEYS.contains(k)) {
                    warnings.add(source + ": " + key + "." + k + " is not read by Reaper (it reads "
                            + String.join(", ", JSON_KEYS.stream().sorted().toList()) + ")");
                }
            });
            String type = s.path("type").asText(s.has("url") ? "http" : "stdio");
            if (type.equals("sse")) {
                warnings.add(source + ": " + key + " is left out: it uses the older SSE transport, which Reaper"
                        + " does not speak (use its Streamable HTTP URL with \"type\": \"http\")");
                into.put(e.getKey(), Optional.empty());
                return;
            }
            Transport t = switch (type) {
                case "stdio" -> new Stdio(command(source, key, jsonString(source, s, key, "command"),
                        jsonStrings(source, s, key + ".args")), jsonMap(source, s, key + ".env"));
                case "http", "streamable-http" -> new Http(url(source, key, jsonString(source, s, key, "url")),
                        jsonMap(source, s, key + ".headers"), Optional.empty());
                default -> throw new ConfigException(source + ": " + key + ".type is \"" + type
                        + "\"; use stdio or http");
            };
            into.put(e.getKey(), Optional.of(new Server(e.getKey(), t, source)));
        });
    }

    private static Optional<Server> fromToml(ConfigReader r, String name, JsonNode t) {
        String key = "mcp_servers." + name;
        if (!t.isObject()) {
            throw new ConfigException(r.origin() + ": [" + key + "] must be a table, e.g. [" + key
                    + "] command = \"npx\"");
        }
        t.fieldNames().forEachRemaining(k -> {
            if (!TOML_KEYS.contains(k)) {
                throw new ConfigException(r.origin() + ": unknown key " + key + "." + k + " (use "
                        + String.join(", ", TOML_KEYS.stream().sorted().toList()) + ")");
            }
        });
        if (!r.bool(t, key + ".enabled").orElse(true)) {
            return Optional.empty();
        }
        Optional<String> command = r.string(t, "command", key);
        Optional<String> url = r.string(t, "url", key);
        if (command.isPresent() == url.isPresent()) {
            throw new ConfigException(r.origin() + ": [" + key + "] needs either command (a program) or url"
                    + " (an HTTP server), not " + (command.isPresent() ? "both" : "neither"));
        }
        Transport transport = command.isPresent()
                ? new Stdio(command(r.origin(), key, command, r.strings(t, key + ".args")), tomlMap(r, t, key + ".env"))
                : new Http(url(r.origin(), key, url), tomlMap(r, t, key + ".http_headers"),
                        r.string(t, "bearer_token_env_var", key));
        return Optional.of(new Server(name, transport, r.origin(), seconds(r, t, key + ".startup_timeout_sec"),
                seconds(r, t, key + ".tool_timeout_sec")));
    }

    private static Optional<Duration> seconds(ConfigReader r, JsonNode t, String key) {
        Optional<Integer> s = r.integer(t, key);
        if (s.isPresent() && s.get() < 1) {
            throw new ConfigException(r.origin() + ": '" + key + "' must be at least 1 (seconds)");
        }
        return s.map(Duration::ofSeconds);
    }

    private static List<String> command(String source, String key, Optional<String> program, List<String> args) {
        if (program.isEmpty() || program.get().isBlank()) {
            throw new ConfigException(source + ": " + key + " needs a command (the program to run), e.g."
                    + " \"command\": \"npx\"");
        }
        List<String> command = new ArrayList<>();
        command.add(program.get());
        command.addAll(args);
        return command;
    }

    private static String url(String source, String key, Optional<String> url) {
        if (url.isEmpty() || !(url.get().startsWith("http://") || url.get().startsWith("https://"))) {
            throw new ConfigException(source + ": " + key + ".url must be an http:// or https:// URL");
        }
        return url.get();
    }

    private static Optional<String> jsonString(String source, JsonNode s, String key, String field) {
        JsonNode v = s.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw new ConfigException(source + ": " + key + "." + field + " must be a string");
        }
        return Optional.of(v.asText());
    }

    private static List<String> jsonStrings(String source, JsonNode s, String key) {
        JsonNode v = s.get(key.substring(key.lastIndexOf('.') + 1));
        if (v == null || v.isNull()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (v.isArray()) {
            v.forEach(e -> out.add(e.isTextual() ? e.asText() : null));
        }
        if (!v.isArray() || out.contains(null)) {
            throw new ConfigException(source + ": " + key + " must be a list of strings, e.g. [\"-y\", \"pkg\"]");
        }
        return out;
    }

    private static Map<String, String> jsonMap(String source, JsonNode s, String key) {
        JsonNode v = s.get(key.substring(key.lastIndexOf('.') + 1));
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isObject()) {
            throw new ConfigException(source + ": " + key + " must be an object of strings");
        }
        v.properties().forEach(e -> {
            if (!e.getValue().isTextual()) {
                throw new ConfigException(source + ": " + key + "." + e.getKey() + " must be a string");
            }
            out.put(e.getKey(), e.getValue().asText());
        });
        return out;
    }

    private static Map<String, String> tomlMap(ConfigReader r, JsonNode t, String key) {
        Map<String, String> out = new LinkedHashMap<>();
        r.table(t, key).properties().forEach(e -> {
            if (!e.getValue().isTextual()) {
                throw new ConfigException(r.origin() + ": " + key + "." + e.getKey() + " must be a string");
            }
            out.put(e.getKey(), e.getValue().asText());
        });
        return out;
    }
}
