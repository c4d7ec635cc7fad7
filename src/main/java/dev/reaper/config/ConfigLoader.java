package dev.reaper.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.reaper.json.Json;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and merges config.toml files. Tables merge key by key, later files winning; arrays and values
 * are replaced whole. Errors name the file and line (syntax) or the key (types) and say what is expected.
 */
public final class ConfigLoader {

    /** Top-level keys this version reads; others are reported, so a setting that does nothing is noticed. */
    private static final Set<String> KNOWN = Set.of("model", "fallbacks", "permission_mode", "max_turns",
            "max_output_tokens", "providers", "models", "permissions", "network", "theme", "keymap", "mouse",
            "strategy", "router", "budget", "cache", "lsp", "mcp_servers");

    /** The keys of a {@code [providers.NAME]} table every provider reads; the others are its options. */
    private static final Set<String> PROVIDER_KEYS = Set.of("base_url", "api_key_env", "api_key", "wire_api",
            "headers", "max_retries", "api_keys_env");

    /** Built on first use: most runs have no config file, and the mapper is not free to create. */
    private static final class Toml {
        static final TomlMapper MAPPER = new TomlMapper();
    }

    private ConfigLoader() {}

    /** Loads the user file and then the project file, either of which may be missing (or null). */
    public static Config load(Path userFile, Path projectFile) {
        return load(userFile, projectFile, true);
    }

    /**
     * Loads the user file, then the project file. A project file comes with the code, from whoever wrote
     * it: unless the user trusts the workspace, the keys that could send credentials elsewhere or loosen
     * permissions are dropped from it, each with a warning (see {@link WorkspaceTrust}).
     */
    public static Config load(Path userFile, Path projectFile, boolean projectTrusted) {
        ObjectNode merged = Json.object();
        List<Path> sources = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Path f : Arrays.asList(userFile, projectFile)) {
            if (f != null && Files.isRegularFile(f)) {
                ObjectNode tree = read(f);
                if (f == projectFile && !projectTrusted) {
                    for (String dropped : WorkspaceTrust.dropRestricted(tree)) {
                        warnings.add("ignored " + dropped + " in " + f + ": this workspace is not trusted"
                                + " (run 'reaper trust' in it to allow its config to do that)");
                    }
                }
                merge(merged, tree);
                sources.add(f);
            }
        }
        Config c = build(merged, sources);
        if (warnings.isEmpty()) {
            return c;
        }
        warnings.addAll(c.warnings());
        return new Config(c.model(), c.fallbacks(), c.permissionMode(), c.maxTurns(), c.maxOutputTokens(),
                c.providers(), c.models(), c.permissions(), c.network(), c.raw(), c.sources(), List.copyOf(warnings));
    }

    /** Parses one TOML file into a tree. */
    public static ObjectNode read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw new ConfigException(file + " is not valid UTF-8 text");
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage());
        }
        return parse(file.toString(), text);
    }

    /** Parses TOML text; a syntax error names the source and the line. */
    public static ObjectNode parse(String source, String text) {
        try {
            JsonNode n = Toml.MAPPER.readTree(text);
            return n instanceof ObjectNode o ? o : Json.object();
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc != null && loc.getLineNr() > 0 ? " line " + loc.getLineNr() : "";
            throw new ConfigException("bad TOML in " + source + where + ": " + e.getOriginalMessage()
                    + " (fix the file, or move it aside to run with defaults)");
        }
    }

    static void merge(ObjectNode into, JsonNode from) {
        for (Map.Entry<String, JsonNode> e : from.properties()) {
            JsonNode existing = into.get(e.getKey());
            if (existing instanceof ObjectNode eo && e.getValue().isObject()) {
                merge(eo, e.getValue());
            } else {
                into.set(e.getKey(), e.getValue().deepCopy());
            }
        }
    }

    static Config build(ObjectNode root, List<Path> sources) {
        String origin = sources.isEmpty() ? "config" : String.join(" + ", sources.stream().map(Path::toString).toList());
        ConfigReader r = new ConfigReader(origin);
        List<String> warnings = new ArrayList<>();
        root.fieldNames().forEachRemaining(k -> {
            if (!KNOWN.contains(k)) {
                warnings.add("unknown key '" + k + "' in " + origin);
            }
        });
        Map<String, ProviderConfig> providers = new LinkedHashMap<>();
        JsonNode ps = r.table(root, "providers");
        ps.properties().forEach(e -> providers.put(e.getKey(), provider(r, "providers." + e.getKey(), e.getValue())));
        Map<String, ModelOverride> models = new LinkedHashMap<>();
        r.table(root, "models").properties().forEach(e ->
                models.put(e.getKey(), model(r, "models.\"" + e.getKey() + "\"", e.getValue())));
        JsonNode perms = r.table(root, "permissions");
        List<Path> dirs = r.strings(perms, "permissions.additional_directories").stream().map(Path::of).toList();
        Config.Permissions permissions = new Config.Permissions(r.strings(perms, "permissions.allow"),
                r.strings(perms, "permissions.ask"), r.strings(perms, "permissions.deny"), dirs);
        JsonNode net = r.table(root, "network");
        Config.Network network = new Config.Network(
                Duration.ofMillis(r.integer(net, "network.connect_timeout_ms").orElse(10_000)),
                Duration.ofMillis(r.integer(net, "network.first_token_timeout_ms").orElse(180_000)),
                Duration.ofMillis(r.integer(net, "network.idle_timeout_ms").orElse(90_000)),
                r.integer(net, "network.max_retries").orElse(3));
        return new Config(r.string(root, "model"), r.strings(root, "fallbacks"), r.string(root, "permission_mode"),
                r.integer(root, "max_turns"), r.integer(root, "max_output_tokens"), providers, models,
                permissions, network, root, List.copyOf(sources), warnings);
    }

    private static ProviderConfig provider(ConfigReader r, String key, JsonNode t) {
        if (!t.isObject()) {
            throw new ConfigException(r.origin() + ": [" + key + "] must be a table");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        r.table(t, key + ".headers").properties().forEach(h -> {
            if (!h.getValue().isTextual()) {
                throw new ConfigException(r.origin() + ": " + key + ".headers." + h.getKey() + " must be a string");
            }
            headers.put(h.getKey(), h.getValue().asText());
        });
        Map<String, String> options = new LinkedHashMap<>();
        t.properties().forEach(o -> {
            if (!PROVIDER_KEYS.contains(o.getKey()) && o.getValue().isValueNode()) {
                options.put(o.getKey(), o.getValue().asText());
            }
        });
        return new ProviderConfig(r.string(t, "base_url", key), r.string(t, "api_key_env", key),
                r.string(t, "api_key", key), r.string(t, "wire_api", key), headers,
                r.integer(t, key + ".max_retries", "max_retries"), r.strings(t, key + ".api_keys_env"), options);
    }

    private static ModelOverride model(ConfigReader r, String key, JsonNode t) {
        if (!t.isObject()) {
            throw new ConfigException(r.origin() + ": [" + key + "] must be a table");
        }
        return new ModelOverride(r.longValue(t, "context_window", key), r.longValue(t, "max_output", key),
                r.number(t, "input_price", key), r.number(t, "output_price", key),
                r.number(t, "cache_read_price", key), r.number(t, "cache_write_price", key));
    }
}
