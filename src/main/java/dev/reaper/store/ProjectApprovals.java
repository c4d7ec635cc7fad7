package dev.reaper.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.reaper.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * "Always allow" answers given in a workspace, kept in the user's state folder (never in the workspace,
 * where a repository could ship its own), one file per workspace.
 */
public final class ProjectApprovals {

    private final Path file;

    public ProjectApprovals(Path stateDir, Path workspaceRoot) {
        String key = Integer.toHexString(workspaceRoot.toAbsolutePath().normalize().toString().hashCode());
        this.file = stateDir.resolve("approvals").resolve(key + ".json");
    }

    /** The remembered allow rules, in the rule syntax of config.toml. */
    public synchronized List<String> rules() {
        List<String> out = new ArrayList<>();
        if (Files.isRegularFile(file)) {
            try {
                for (JsonNode n : Json.parse(Files.readString(file, StandardCharsets.UTF_8)).path("allow")) {
                    out.add(n.asText());
                }
            } catch (IOException | IllegalArgumentException e) {
                // unreadable: nothing remembered
            }
        }
        return out;
    }

    public synchronized void remember(String rule) {
        List<String> all = rules();
        if (all.contains(rule)) {
            return;
        }
        all.add(rule);
        var root = Json.object();
        ArrayNode arr = root.putArray("allow");
        all.forEach(arr::add);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, Json.write(root) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remember the approval in " + file + ": " + e.getMessage(), e);
        }
    }
}
