package dev.reaper.tui.keys;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.config.ConfigException;
import dev.reaper.config.ConfigLoader;
import dev.reaper.tui.theme.ThemeException;
import dev.reaper.tui.theme.TomlLines;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Finds and reads keymaps: built-in ({@code keymaps/*.toml}) and the user's ({@code keymaps/NAME.toml} in
 * the config folder). Every action can be rebound; errors (an unknown action or key, one key bound twice)
 * name the file and the line.
 */
public final class Keymaps {

    public static final String DEFAULT = "default";
    public static final List<String> BUILT_IN = List.of("default", "vim");

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
            try {
                return parse(user.toString(), Files.readString(user, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new ThemeException("cannot read " + user + ": " + e.getMessage());
            }
        }
        try (InputStream in = Keymaps.class.getResourceAsStream("/dev/reaper/tui/keymaps/" + name + ".toml")) {
            if (in == null) {
                throw new ThemeException("no keymap '" + name + "' (available: " + String.join(", ", names()) + ")");
            }
            return parse(name + ".toml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ThemeException("cannot read the keymap " + name + ": " + e.getMessage());
        }
    }

    public static Keymap defaultKeymap() {
        try {
            return new Keymaps(null).load(DEFAULT);
        } catch (ThemeException e) {
            throw new IllegalStateException(e);
        }
    }

    static Keymap parse(String source, String text) throws ThemeException {
        JsonNode root;
        try {
            root = ConfigLoader.parse(source, text);
        } catch (ConfigException e) {
            throw new ThemeException(e.getMessage());
        }
        List<String> lines = text.lines().toList();
        boolean vim = "vim".equals(root.path("mode").asText("emacs"));
        List<String> leader = null;
        if (root.has("leader")) {
            try {
                leader = KeyNames.parseSequence(root.path("leader").asText(), null);
            } catch (IllegalArgumentException e) {
                throw new ThemeException(where(source, lines, null, "leader") + ": " + e.getMessage());
            }
        }
        Map<String, Map<List<String>, Action>> modes = new HashMap<>();
        modes.put(Keymap.INSERT, table(source, lines, root, "bindings", leader));
        if (vim) {
            modes.put(Keymap.NORMAL, table(source, lines, root, "normal", leader));
        }
        return new Keymap(root.path("name").asText(source.replace(".toml", "")), vim, modes);
    }

    private static Map<List<String>, Action> table(String source, List<String> lines, JsonNode root, String table,
                                                   List<String> leader) throws ThemeException {
        Map<List<String>, Action> out = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : root.path(table).properties()) {
            String where = where(source, lines, table, e.getKey());
            Action action = Action.of(e.getKey()).orElseThrow(() ->
                    new ThemeException(where + ": unknown action '" + e.getKey() + "'"));
            List<String> specs = new ArrayList<>();
            if (e.getValue().isArray()) {
                e.getValue().forEach(v -> specs.add(v.asText()));
            } else if (e.getValue().isTextual()) {
                specs.add(e.getValue().asText());
            } else {
                throw new ThemeException(where + ": " + e.getKey() + " must be a key or a list of keys");
            }
            for (String spec : specs) {
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
