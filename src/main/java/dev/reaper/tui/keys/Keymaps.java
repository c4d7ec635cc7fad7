package dev.reaper.tui.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reaper.config.ConfigException;
import dev.reaper.config.ConfigLoader;
import dev.reaper.json.Json;
import dev.reaper.tui.theme.ThemeException;
import dev.reaper.tui.theme.TomlLines;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds and reads keymaps: built-in ({@code keymaps/*.toml}) and the user's ({@code keymaps/NAME.toml} in
 * the config folder). A user's keymap starts from the built-in one of its mode ({@code default}, or
 * {@code vim} with {@code mode = "vim"}) and rebinds what it names: an action it lists loses its old keys,
 * and a key it takes is taken from the action that had it. {@code inherit = false} starts from nothing.
 * Errors (an unknown action or key, one key bound twice) name the file and the line.
 */
public final class Keymaps {

    public static final String DEFAULT = "default";
    public static final List<String> BUILT_IN = List.of("default", "vim");
    private static final List<String> TABLES = List.of("bindings", "normal");

    private final Path userDir;

    public Keymaps(Path userDir) {
        this.userDir = userDir;
    }

    public List<String> names() {
        TreeSet<String> names = new TreeSet<>(BUILT_IN);
        if (userDir != null && Files.isDirectory(userDir)) {
            try (var files = Files.list(userDir)) {
                files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".toml"))
                        .forEach(n -> names.add(n.substring(0, n.length() - 5)));
            } catch (IOException ignored) {
                // no user keymaps to offer
            }
        }
        return new ArrayList<>(names);
    }

    public Keymap load(String name) throws ThemeException {
        if (!name.matches("[A-Za-z0-9_.-]+")) {
            throw new ThemeException("no keymap '" + name + "'");
        }
        Path user = userDir == null ? null : userDir.resolve(name + ".toml");
        if (user != null && Files.isRegularFile(user)) {
            String text;
            try {
                text = Files.readString(user, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ThemeException("cannot read " + user + ": " + e.getMessage());
            }
            return parseUser(user.toString(), text);
        }
        if (!BUILT_IN.contains(name)) {
            throw new ThemeException("no keymap '" + name + "' (available: " + String.join(", ", names()) + ")");
        }
        return name.equals(DEFAULT) ? defaultKeymap() : parse(name + ".toml", builtIn(name));
    }

    /** The default keymap, read once; it is shipped and valid, so this cannot fail. */
    public static Keymap defaultKeymap() {
        return Default.KEYMAP;
    }

    private static final class Default {
        static final Keymap KEYMAP = read();

        private static Keymap read() {
            try {
                return parse(DEFAULT + ".toml", builtIn(DEFAULT));
            } catch (ThemeException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static String builtIn(String name) throws ThemeException {
        try (InputStream in = Keymaps.class.getResourceAsStream("/dev/reaper/tui/keymaps/" + name + ".toml")) {
            if (in == null) {
                throw new ThemeException("the built-in keymap " + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ThemeException("cannot read the keymap " + name + ": " + e.getMessage());
        }
    }

    /** A built-in keymap, or a file that starts from nothing. */
    static Keymap parse(String source, String text) throws ThemeException {
        return build(source, text.lines().toList(), tree(source, text));
    }

    /** A user's keymap: the built-in of its mode, with the file's bindings over it. */
    static Keymap parseUser(String source, String text) throws ThemeException {
        ObjectNode user = tree(source, text);
        List<String> lines = text.lines().toList();
        if (!user.path("inherit").asBoolean(true)) {
            return build(source, lines, user);
        }
        ObjectNode base = tree("built-in", builtIn("vim".equals(user.path("mode").asText("emacs")) ? "vim" : DEFAULT));
        ObjectNode merged = base.deepCopy();
        user.properties().forEach(e -> {
            if (!TABLES.contains(e.getKey())) {
                merged.set(e.getKey(), e.getValue().deepCopy());
            }
        });
        List<String> leader = leader(source, lines, merged);
        for (String table : TABLES) {
            JsonNode mine = user.path(table);
            if (!mine.isObject()) {
                continue;
            }
            Set<List<String>> taken = new HashSet<>();
            for (var e : mine.properties()) {
                for (String spec : specs(e.getValue())) {
                    try {
                        taken.add(KeyNames.parseSequence(spec, leader));
                    } catch (IllegalArgumentException bad) {
                        throw new ThemeException(where(source, lines, table, e.getKey()) + ": " + bad.getMessage());
                    }
                }
            }
            ObjectNode out = Json.object();
            for (var e : base.path(table).properties()) {
                if (mine.has(e.getKey())) {
                    continue;
                }
                ArrayNode kept = Json.array();
                for (String spec : specs(e.getValue())) {
                    if (!taken.contains(KeyNames.parseSequence(spec, leader))) {
                        kept.add(spec);
                    }
                }
                if (!kept.isEmpty()) {
                    out.set(e.getKey(), kept);
                }
            }
            mine.properties().forEach(e -> out.set(e.getKey(), e.getValue().deepCopy()));
            merged.set(table, out);
        }
        if (!user.has("name")) {
            merged.put("name", Path.of(source).getFileName().toString().replace(".toml", ""));
        }
        return build(source, lines, merged);
    }

    private static ObjectNode tree(String source, String text) throws ThemeException {
        try {
            return ConfigLoader.parse(source, text);
        } catch (ConfigException e) {
            throw new ThemeException(e.getMessage());
        }
    }

    private static List<String> specs(JsonNode value) {
        List<String> out = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(v -> out.add(v.asText()));
        } else if (value.isTextual()) {
            out.add(value.asText());
        }
        return out;
    }

    private static List<String> leader(String source, List<String> lines, JsonNode root) throws ThemeException {
        if (!root.has("leader")) {
            return null;
        }
        try {
            return KeyNames.parseSequence(root.path("leader").asText(), null);
        } catch (IllegalArgumentException e) {
            throw new ThemeException(where(source, lines, null, "leader") + ": " + e.getMessage());
        }
    }

    private static Keymap build(String source, List<String> lines, JsonNode root) throws ThemeException {
        boolean vim = "vim".equals(root.path("mode").asText("emacs"));
        List<String> leader = leader(source, lines, root);
        Map<String, Map<List<String>, Action>> modes = new HashMap<>();
        modes.put(Keymap.INSERT, table(source, lines, root, "bindings", leader));
        if (vim) {
            modes.put(Keymap.NORMAL, table(source, lines, root, "normal", leader));
        }
        String fallback = Path.of(source).getFileName().toString().replace(".toml", "");
        return new Keymap(root.path("name").asText(fallback), vim, modes);
    }

    private static Map<List<String>, Action> table(String source, List<String> lines, JsonNode root, String table,
                                                   List<String> leader) throws ThemeException {
        // in file order, so the first key of an action is the one help texts show
        Map<List<String>, Action> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.path(table).properties()) {
            String where = where(source, lines, table, e.getKey());
            Action action = Action.of(e.getKey()).orElseThrow(() ->
                    new ThemeException(where + ": unknown action '" + e.getKey() + "'"));
            if (!e.getValue().isArray() && !e.getValue().isTextual()) {
                throw new ThemeException(where + ": " + e.getKey() + " must be a key or a list of keys");
            }
            for (String spec : specs(e.getValue())) {
                List<String> seq;
                try {
                    seq = KeyNames.parseSequence(spec, leader);
                } catch (IllegalArgumentException bad) {
                    throw new ThemeException(where + ": " + bad.getMessage());
                }
                Action previous = out.put(seq, action);
                if (previous != null && previous != action) {
                    throw new ThemeException(where + ": '" + spec + "' is already bound to " + previous.key());
                }
            }
        }
        return out;
    }

    private static String where(String source, List<String> lines, String table, String key) {
        int line = TomlLines.lineOf(lines, table, key);
        return source + (line > 0 ? " line " + line : "");
    }
}
