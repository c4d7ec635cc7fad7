package dev.reaper.tools.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.git.GitException;
import dev.reaper.git.GitRepo;
import dev.reaper.git.GitStatus;
import dev.reaper.git.Tracking;
import dev.reaper.tools.ToolContext;
import dev.reaper.tools.ToolOutput;
import java.util.List;
import java.util.Optional;

/** {@code git_status {}}: the branch and the staged, unstaged, untracked and conflicting files. */
public final class GitStatusTool extends GitTool {

    /** Files listed per section; the rest are counted. */
    static final int MAX_LISTED = 200;

    public GitStatusTool() {
        super("git_status");
    }

    @Override
    ToolOutput run(JsonNode args, ToolContext context, GitRepo repo) throws GitException {
        StringBuilder out = new StringBuilder();
        Optional<String> branch = repo.currentBranch();
        out.append(branch.map(b -> "On branch " + b).orElse("HEAD detached"));
        Optional<Tracking> t = repo.tracking();
        t.ifPresent(x -> out.append(" (").append(x.ahead()).append(" ahead, ").append(x.behind())
                .append(" behind ").append(x.upstream()).append(')'));
        out.append('\n');
        GitStatus s = repo.status();
        if (s.isClean()) {
            return ToolOutput.ok(out.append("Working tree clean\n").toString());
        }
        section(out, "Conflicting (unmerged)", s.conflicting().stream().map(p -> "U " + p).toList());
        section(out, "Staged", s.staged().stream().map(c -> letter(c) + " " + c.path()).toList());
        section(out, "Unstaged", s.unstaged().stream().map(c -> letter(c) + " " + c.path()).toList());
        section(out, "Untracked", s.untracked());
        return ToolOutput.ok(out.toString());
    }

    private static String letter(GitStatus.Change c) {
        return switch (c.change()) {
            case ADD -> "A";
            case MODIFY -> "M";
            case DELETE -> "D";
            case RENAME -> "R";
        };
    }

    private static void section(StringBuilder out, String title, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        out.append(title).append(" (").append(lines.size()).append("):\n");
        lines.stream().limit(MAX_LISTED).forEach(l -> out.append("  ").append(l).append('\n'));
        if (lines.size() > MAX_LISTED) {
            out.append("  … and ").append(lines.size() - MAX_LISTED).append(" more\n");
        }
    }
}
