package dev.reaper.agent;

import dev.reaper.context.Instructions;
import dev.reaper.context.Workspace;
import dev.reaper.policy.PermissionMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The system prompt: Reaper's standing instructions, the workspace's facts (with a summary of its git
 * state when there is one) and the user's AGENTS.md files.
 */
public final class SystemPrompt {

    private static final String PLAN_MODE = """

            # Plan mode
            You can read but not change anything. Investigate, then answer with a concrete plan: the files to \
            change, what to change in each, and how to verify it.
            """;

    private SystemPrompt() {}

    public static String build(Workspace workspace, PermissionMode mode, List<Instructions.Source> instructions,
                               LocalDate date, Optional<String> git) {
        String cwd = workspace.root().relativize(workspace.cwd()).toString();
        String prompt = template()
                .replace("{{root}}", workspace.root().toString())
                .replace("{{cwd}}", cwd.isEmpty() ? "the root" : cwd)
                .replace("{{git}}", workspace.isGitRepository() ? git.map(g -> "yes, " + g).orElse("yes") : "no")
                .replace("{{platform}}", System.getProperty("os.name") + " " + System.getProperty("os.arch"))
                .replace("{{date}}", date.toString())
                .replace("{{mode}}", mode == PermissionMode.PLAN ? PLAN_MODE : "");
        StringBuilder sb = new StringBuilder(prompt.strip()).append('\n');
        if (!instructions.isEmpty()) {
            sb.append("\n# Instructions from the user's files (follow them)\n");
            for (Instructions.Source s : instructions) {
                sb.append("<instructions path=\"").append(s.path()).append("\">\n")
                        .append(s.text()).append("\n</instructions>\n");
            }
        }
        return sb.toString();
    }

    /** The repo map as a part of the system prompt. */
    public static String repoMap(String map) {
        return "# Repository map\n" + map.strip() + "\n(repo_map gives more of it, or centres it on files or names.)\n";
    }

    private static String template() {
        try (InputStream in = SystemPrompt.class.getResourceAsStream("system.md")) {
            if (in == null) {
                throw new IllegalStateException("missing resource system.md");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
