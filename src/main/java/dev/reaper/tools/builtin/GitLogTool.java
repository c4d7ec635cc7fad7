package dev.reaper.tools.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.git.Commit;
import dev.reaper.git.GitException;
import dev.reaper.git.GitRepo;
import dev.reaper.tools.ToolContext;
import dev.reaper.tools.ToolFailure;
import dev.reaper.tools.ToolOutput;
import java.time.ZoneOffset;
import java.util.List;

/** {@code git_log {path?, n?}}: the newest commits, one line each: id, date, author, subject. */
public final class GitLogTool extends GitTool {

    static final int DEFAULT_COUNT = 20;
    static final int MAX_COUNT = 200;

    public GitLogTool() {
        super("git_log");
    }

    @Override
    ToolOutput run(JsonNode args, ToolContext context, GitRepo repo) throws ToolFailure, GitException {
        int n = Math.min(MAX_COUNT, Math.max(1, args.path("n").asInt(DEFAULT_COUNT)));
        String path = args.has("path") ? repoPath(args.path("path").asText(), context, repo) : null;
        List<Commit> commits = repo.log(path, n);
        if (commits.isEmpty()) {
            return ToolOutput.ok(path == null ? "No commits yet\n" : "No commits touch " + args.path("path").asText()
                    + "\n");
        }
        StringBuilder out = new StringBuilder();
        for (Commit c : commits) {
            out.append(c.shortId()).append(' ').append(c.when().atOffset(ZoneOffset.UTC).toLocalDate()).append(' ')
                    .append(c.author()).append(": ").append(c.subject()).append('\n');
        }
        if (commits.size() == n) {
            out.append("[").append(n).append(" newest; ask for more with n (at most ").append(MAX_COUNT)
                    .append(")]\n");
        }
        return ToolOutput.ok(out.toString());
    }
}
