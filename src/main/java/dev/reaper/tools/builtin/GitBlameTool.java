package dev.reaper.tools.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.git.BlameLine;
import dev.reaper.git.GitException;
import dev.reaper.git.GitRepo;
import dev.reaper.tools.ToolContext;
import dev.reaper.tools.ToolFailure;
import dev.reaper.tools.ToolOutput;
import java.time.ZoneOffset;
import java.util.List;

/**
 * {@code git_blame {path, start?, end?}}: who last changed each line of a file, at most {@link #MAX_LINES}
 * lines at a time.
 */
public final class GitBlameTool extends GitTool {

    static final int MAX_LINES = 400;

    public GitBlameTool() {
        super("git_blame");
    }

    @Override
    ToolOutput run(JsonNode args, ToolContext context, GitRepo repo) throws ToolFailure, GitException {
        String given = args.path("path").asText();
        String path = repoPath(given, context, repo);
        if (!mayRead(path, context, repo)) {
            throw new ToolFailure(given + " is kept from reading by a deny rule");
        }
        int start = Math.max(1, args.path("start").asInt(1));
        int end = args.has("end") ? args.path("end").asInt() : Integer.MAX_VALUE;
        if (end < start) {
            throw new ToolFailure("end (" + end + ") is before start (" + start + ")");
        }
        int last = (int) Math.min(end, (long) start + MAX_LINES - 1);
        List<BlameLine> lines = repo.blame(path, start, last + 1); // one more tells whether the file goes on
        StringBuilder out = new StringBuilder();
        for (BlameLine l : lines.subList(0, Math.min(lines.size(), last - start + 1))) {
            out.append(l.committed() ? l.commit().substring(0, 10) + " " + l.when().atOffset(ZoneOffset.UTC)
                            .toLocalDate() + " " + l.author() : "(not committed yet)")
                    .append(String.format("%6d→", l.line())).append(l.text()).append('\n');
        }
        if (lines.size() > last - start + 1 && last < end) {
            out.append("[lines ").append(start).append('-').append(last).append("; blame on with start=")
                    .append(last + 1).append("]\n");
        }
        return ToolOutput.ok(out.toString());
    }
}
