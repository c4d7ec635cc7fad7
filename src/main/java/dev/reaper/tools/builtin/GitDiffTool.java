package dev.reaper.tools.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.git.Diff;
import dev.reaper.git.FileDiff;
import dev.reaper.git.GitException;
import dev.reaper.git.GitRepo;
import dev.reaper.tools.ToolContext;
import dev.reaper.tools.ToolFailure;
import dev.reaper.tools.ToolOutput;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code git_diff {staged?, range?, base?, path?}}: unified patches of the unstaged changes (the default),
 * the staged ones, a range or one commit, or the work since a base branch. Files kept from reading by deny
 * rules are left out; past {@link #MAX_CHARS} the remaining files are only named.
 */
public final class GitDiffTool extends GitTool {

    static final int MAX_CHARS = 60_000;

    public GitDiffTool() {
        super("git_diff");
    }

    @Override
    ToolOutput run(JsonNode args, ToolContext context, GitRepo repo) throws ToolFailure, GitException {
        boolean staged = args.path("staged").asBoolean(false);
        String range = args.path("range").asText("").strip();
        String base = args.path("base").asText("").strip();
        if ((staged ? 1 : 0) + (range.isEmpty() ? 0 : 1) + (base.isEmpty() ? 0 : 1) > 1) {
            throw new ToolFailure("give one of staged, range and base, not several");
        }
        String path = args.has("path") ? repoPath(args.path("path").asText(), context, repo) : "";
        Diff diff;
        String what;
        if (staged) {
            diff = repo.staged(path);
            what = "staged changes";
        } else if (range.contains("..")) {
            diff = repo.range(range, path);
            what = "changes in " + range;
        } else if (!range.isEmpty()) {
            diff = repo.commit(range, path);
            what = "changes in commit " + range;
        } else if (!base.isEmpty()) {
            diff = repo.againstBase(base, path);
            what = "changes since the merge base with " + base;
        } else {
            diff = repo.unstaged(path);
            what = "unstaged changes";
        }
        return ToolOutput.ok(render(diff, what, context, repo));
    }

    private static String render(Diff diff, String what, ToolContext context, GitRepo repo) {
        StringBuilder out = new StringBuilder();
        List<String> notShown = new ArrayList<>();
        int denied = 0;
        for (FileDiff f : diff.files()) {
            if ((f.oldPath() != null && !mayRead(f.oldPath(), context, repo))
                    || (f.newPath() != null && !mayRead(f.newPath(), context, repo))) {
                denied++;
            } else if (out.length() + f.patch().length() > MAX_CHARS) {
                notShown.add(f.change().name().charAt(0) + " " + f.path());
            } else {
                out.append(f.patch());
            }
        }
        if (out.isEmpty() && notShown.isEmpty()) {
            return "No " + what + (denied > 0 ? " that may be shown (" + plural(denied, "file") + " kept from reading)"
                    : "") + "\n";
        }
        if (!notShown.isEmpty()) {
            out.append("[output limit reached; ").append(plural(notShown.size(), "more file"))
                    .append(" not shown, ask for each with path:\n");
            notShown.forEach(n -> out.append("  ").append(n).append('\n'));
            out.append("]\n");
        }
        if (denied > 0) {
            out.append("[").append(plural(denied, "file")).append(" kept from reading by deny rules not shown]\n");
        }
        return out.toString();
    }
}
