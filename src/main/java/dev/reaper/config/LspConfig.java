package dev.reaper.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The language servers Reaper may start: built-in defaults, with {@code [lsp.NAME]} tables over them
 * ({@code command}, {@code extensions}, {@code enabled}). A table for a built-in server changes only the
 * keys it sets; a table for another server must give both {@code command} and {@code extensions}. Each
 * file extension belongs to one enabled server.
 *
 * @param servers every server, built-in first and then the others in the order they were written;
 *                disabled ones are kept so they can be reported as such
 */
public record LspConfig(List<Server> servers) {

    /**
     * One server.
     *
     * @param command    the program and its arguments; the program is looked up when the server is needed
     * @param extensions the file extensions it handles, each with its leading dot ({@code .py})
     */
    public record Server(String name, List<String> command, List<String> extensions, boolean enabled) {

        public Server {
            command = List.copyOf(command);
            extensions = List.copyOf(extensions);
        }
    }

    static final List<Server> DEFAULTS = List.of(
            new Server("pyright", List.of("pyright-langserver", "--stdio"), List.of(".py", ".pyi"), true),
            new Server("typescript-language-server", List.of("typescript-language-server", "--stdio"),
                    List.of(".ts", ".tsx", ".js", ".jsx", ".mts", ".cts", ".mjs", ".cjs"), true),
            // clangd logs every request on stderr at its default level; errors are what the log needs
            new Server("clangd", List.of("clangd", "--log=error"),
                    List.of(".c", ".h", ".cpp", ".hpp", ".cc", ".cxx", ".hh"), true),
            new Server("gopls", List.of("gopls"), List.of(".go"), true),
            new Server("rust-analyzer", List.of("rust-analyzer"), List.of(".rs"), true),
            new Server("jdtls", List.of("jdtls"), List.of(".java"), true));

    private static final Set<String> KEYS = Set.of("command", "extensions", "enabled");

    public LspConfig {
        servers = List.copyOf(servers);
    }

    public static LspConfig of(Config c) {
        ConfigReader r = new ConfigReader(ConfigReader.originOf(c));
        Map<String, Server> servers = new LinkedHashMap<>();
        DEFAULTS.forEach(s -> servers.put(s.name(), s));
        r.table(c.raw(), "lsp").properties().forEach(e -> {
            String key = "lsp." + e.getKey();
            Server known = servers.get(e.getKey());
            servers.put(e.getKey(), server(r, key, e.getKey(), e.getValue(), known));
        });
        checkExtensionsAreClaimedOnce(r, servers.values());
        return new LspConfig(new ArrayList<>(servers.values()));
    }

    private static Server server(ConfigReader r, String key, String name, JsonNode t, Server known) {
        if (!t.isObject()) {
            throw new ConfigException(r.origin() + ": [" + key + "] must be a table, e.g. [" + key
                    + "] command = [\"...\"]");
        }
        t.fieldNames().forEachRemaining(k -> {
            if (!KEYS.contains(k)) {
                throw new ConfigException(r.origin() + ": unknown key " + key + "." + k
                        + " (use command, extensions, enabled)");
            }
        });
        List<String> command = r.strings(t, key + ".command");
        List<String> extensions = r.strings(t, key + ".extensions").stream()
                .map(x -> extension(r, key, x)).toList();
        boolean enabled = r.bool(t, key + ".enabled").orElse(known == null || known.enabled());
        if (t.has("command") && (command.isEmpty() || command.get(0).isBlank())) {
            throw new ConfigException(r.origin() + ": " + key + ".command must name a program, e.g. command = [\""
                    + name + "\", \"--stdio\"]");
        }
        if (t.has("extensions") && extensions.isEmpty()) {
            throw new ConfigException(r.origin() + ": " + key + ".extensions must list at least one extension, e.g."
                    + " extensions = [\".py\"] (or set enabled = false)");
        }
        if (known == null && enabled && (!t.has("command") || !t.has("extensions"))) {
            throw new ConfigException(r.origin() + ": [" + key + "] is not a server Reaper knows, so it needs both"
                    + " command and extensions");
        }
        return new Server(name, t.has("command") ? command : known == null ? List.of() : known.command(),
                t.has("extensions") ? extensions : known == null ? List.of() : known.extensions(), enabled);
    }

    /** {@code py} and {@code .py} both mean {@code .py}. */
    private static String extension(ConfigReader r, String key, String given) {
        String x = given.startsWith(".") ? given : "." + given;
        if (x.length() < 2 || x.indexOf('/') >= 0 || x.indexOf('\\') >= 0 || x.indexOf('.', 1) >= 0) {
            throw new ConfigException(r.origin() + ": " + key + ".extensions has \"" + given
                    + "\"; write an extension like \".py\"");
        }
        return x;
    }

    private static void checkExtensionsAreClaimedOnce(ConfigReader r, Iterable<Server> servers) {
        Map<String, String> owner = new LinkedHashMap<>();
        for (Server s : servers) {
            if (!s.enabled()) {
                continue;
            }
            for (String x : s.extensions()) {
                String other = owner.putIfAbsent(x, s.name());
                if (other != null && !other.equals(s.name())) {
                    throw new ConfigException(r.origin() + ": " + x + " files are claimed by both lsp." + other
                            + " and lsp." + s.name() + "; set enabled = false on one, or change its extensions");
                }
            }
        }
    }
}
