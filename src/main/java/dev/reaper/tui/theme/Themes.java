package dev.reaper.tui.theme;

import com.fasterxml.jackson.databind.JsonNode;
import com.googlecode.lanterna.TextColor;
import dev.reaper.config.ConfigException;
import dev.reaper.config.ConfigLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Finds and reads themes: the built-in ones ({@code themes/*.toml} in the repository, shipped in the
 * jar) and the user's ({@code themes/NAME.toml} in the config folder, which win over built-ins of the
 * same name). A theme must give every colour as {@code #rrggbb}; errors name the file and the line.
 */
public final class Themes {

    public static final String DEFAULT = "ghost";
    public static final List<String> BUILT_IN = List.of("ghost", "synthwave", "nord");
    private static final Pattern HEX = Pattern.compile("#[0-9a-fA-F]{6}");

    private final Path userDir;

    /** @param userDir the config folder's {@code themes/}, which may not exist */
    public Themes(Path userDir) {
        this.userDir = userDir;
    }

    /** Names of every theme available, built-in and the user's. */
    public List<String> names() {
        TreeSet<String> names = new TreeSet<>(BUILT_IN);
        if (userDir != null && Files.isDirectory(userDir)) {
            try (var files = Files.list(userDir)) {
                files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".toml"))
                        .forEach(n -> names.add(n.substring(0, n.length() - 5)));
            } catch (IOException ignored) {
                // an unreadable folder has no themes to offer
            }
        }
        return new ArrayList<>(names);
    }

    public Theme load(String name) throws ThemeException {
        if (!name.matches("[A-Za-z0-9_.-]+")) {
            throw new ThemeException("no theme '" + name + "'");
        }
        Path user = userDir == null ? null : userDir.resolve(name + ".toml");
        if (user != null && Files.isRegularFile(user)) {
            try {
                return parse(user.toString(), Files.readString(user, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new ThemeException("cannot read " + user + ": " + e.getMessage());
            }
        }
        return name.equals(DEFAULT) ? defaultTheme() : builtIn(name);
    }

    private Theme builtIn(String name) throws ThemeException {
        try (InputStream in = Themes.class.getResourceAsStream("/dev/reaper/tui/themes/" + name + ".toml")) {
            if (in == null) {
                throw new ThemeException("no theme '" + name + "' (available: " + String.join(", ", names()) + ")");
            }
            return parse(name + ".toml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ThemeException("cannot read the theme " + name + ": " + e.getMessage());
        }
    }

    /** The default theme, read once; it is shipped and valid, so this cannot fail. */
    public static Theme defaultTheme() {
        return Default.THEME;
    }

    private static final class Default {
        static final Theme THEME = read();

        private static Theme read() {
            try {
                return new Themes(null).builtIn(DEFAULT);
            } catch (ThemeException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static Theme parse(String source, String text) throws ThemeException {
        JsonNode root;
        try {
            root = ConfigLoader.parse(source, text);
        } catch (ConfigException e) {
            throw new ThemeException(e.getMessage());
        }
        List<String> lines = text.lines().toList();
        Map<Role, TextColor> colors = new EnumMap<>(Role.class);
        Theme base = source.equals(DEFAULT + ".toml") ? null : defaultTheme();
        for (Role r : Role.values()) {
            String table = r.isSyntax() ? "syntax" : "colors";
            JsonNode v = root.path(table).get(r.key());
            if (v == null) {
                if (base == null) {
                    throw new ThemeException(source + ": [" + table + "] has no " + r.key());
                }
                colors.put(r, base.color(r)); // a custom theme may leave colours to the default
                continue;
            }
            if (!v.isTextual() || !HEX.matcher(v.asText()).matches()) {
                int line = TomlLines.lineOf(lines, table, r.key());
                throw new ThemeException(source + (line > 0 ? " line " + line : "") + ": " + r.key()
                        + " must be a colour like \"#a0b1c2\", not " + v);
            }
            String hex = v.asText();
            colors.put(r, new TextColor.RGB(Integer.parseInt(hex.substring(1, 3), 16),
                    Integer.parseInt(hex.substring(3, 5), 16), Integer.parseInt(hex.substring(5, 7), 16)));
        }
        for (String table : List.of("colors", "syntax")) {
            for (Map.Entry<String, JsonNode> e : root.path(table).properties()) {
                boolean known = false;
                for (Role r : Role.values()) {
                    known |= r.key().equals(e.getKey()) && r.isSyntax() == table.equals("syntax");
                }
                if (!known) {
                    int line = TomlLines.lineOf(lines, table, e.getKey());
                    throw new ThemeException(source + (line > 0 ? " line " + line : "") + ": unknown colour '"
                            + e.getKey() + "' in [" + table + "]");
                }
            }
        }
        String name = root.path("name").asText(source.replace(".toml", ""));
        return new Theme(name, colors);
    }
}
