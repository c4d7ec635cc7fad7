package dev.reaper.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reaper.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which workspaces the user trusts with their own configuration. A cloned repository's
 * {@code .reaper/config.toml} is written by someone else: until the user trusts the workspace, it may not
 * point providers at other endpoints or key variables, add allow rules or directories, raise the
 * permission mode, or name the program a language server runs. Restrictive settings (deny and ask rules,
 * plan mode) always apply.
 */
public final class WorkspaceTrust {

    private final Path file;

    public WorkspaceTrust(Path stateDir) {
        this.file = stateDir.resolve("trusted-workspaces.json");
    }

    public boolean isTrusted(Path workspaceRoot) {
        return load().contains(key(workspaceRoot));
    }

    public void trust(Path workspaceRoot) {
        Set<String> all = load();
        all.add(key(workspaceRoot));
        save(all);
    }

    public boolean revoke(Path workspaceRoot) {
        Set<String> all = load();
        boolean removed = all.remove(key(workspaceRoot));
        save(all);
        return removed;
    }

    private static String key(Path root) {
        return root.toAbsolutePath().normalize().toString();
    }

    private Set<String> load() {
        Set<String> out = new LinkedHashSet<>();
        if (Files.isRegularFile(file)) {
            try {
                for (JsonNode n : Json.parse(Files.readString(file, StandardCharsets.UTF_8))) {
                    out.add(n.asText());
                }
            } catch (IOException | IllegalArgumentException e) {
                // unreadable: nothing is trusted
            }
        }
        return out;
    }

    private void save(Set<String> all) {
        ArrayNode arr = Json.array();
        all.forEach(arr::add);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, Json.write(arr) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Removes from a project config tree what an untrusted project may not set; returns what was removed. */
    static List<String> dropRestricted(ObjectNode tree) {
        List<String> dropped = new ArrayList<>();
        if (tree.has("providers")) {
            tree.remove("providers");
            dropped.add("[providers]");
        }
        if (tree.has("mcp_servers")) {
            tree.remove("mcp_servers");
            dropped.add("[mcp_servers]");
        }
        // a language server's command is a program Reaper runs on its own, without asking
        if (tree.get("lsp") instanceof ObjectNode lsp) {
            List<String> commanding = new ArrayList<>();
            lsp.properties().forEach(e -> {
                if (e.getValue().has("command")) {
                    commanding.add(e.getKey());
                }
            });
            for (String name : commanding) {
                lsp.remove(name);
                dropped.add("[lsp." + name + "] (it sets a command)");
            }
        }
        String mode = tree.path("permission_mode").asText("");
        if (tree.has("permission_mode") && !mode.equals("default") && !mode.equals("plan")) {
            tree.remove("permission_mode");
            dropped.add("permission_mode = \"" + mode + "\"");
        }
        JsonNode perms = tree.get("permissions");
        if (perms instanceof ObjectNode p) {
            for (String key : List.of("allow", "additional_directories")) {
                if (p.has(key)) {
                    p.remove(key);
                    dropped.add("permissions." + key);
                }
            }
        }
        return dropped;
    }
}
