package dev.reaper.tools.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.git.GitException;
import dev.reaper.git.GitRepo;
import dev.reaper.policy.ToolKind;
import dev.reaper.tools.ToolContext;
import dev.reaper.tools.ToolFailure;
import dev.reaper.tools.ToolOutput;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Shared plumbing of the git tools: they read the repository of the workspace root and never change it;
 * paths are confined to the workspace and turned into repository paths; git's errors go back to the
 * model as tool failures.
 */
abstract class GitTool extends BuiltinTool {

    GitTool(String name) {
        super(name);
    }

    @Override
    public final ToolKind kind() {
        return ToolKind.READ;
    }

    @Override
    public final ToolOutput run(JsonNode args, ToolContext context) throws ToolFailure {
        try (GitRepo repo = GitRepo.open(context.workspace().root())) {
            return run(args, context, repo);
        } catch (GitException e) {
            throw new ToolFailure(e.getMessage());
        }
    }

    abstract ToolOutput run(JsonNode args, ToolContext context, GitRepo repo) throws ToolFailure, GitException;

    /** A workspace path given by the model as a path of the repository ("" for its root). */
    static String repoPath(String path, ToolContext context, GitRepo repo) throws ToolFailure {
        Path abs = resolve(path, context);
        String shown = shown(abs, context);
        Path inWorkspace = shown.equals(".") ? context.workspace().root() : context.workspace().root().resolve(shown);
        Path root = repo.root().toAbsolutePath().normalize();
        try {
            root = root.toRealPath();
        } catch (IOException e) {
            // keep the normal path: relativizing then fails below with a clear message
        }
        if (!inWorkspace.startsWith(root)) {
            throw new ToolFailure(shown + " is not in the git repository at " + root);
        }
        return root.relativize(inWorkspace).toString().replace('\\', '/');
    }

    /** Whether a repository path may be shown: not kept from reading by deny rules. */
    static boolean mayRead(String repoPath, ToolContext context, GitRepo repo) {
        return context.mayRead(repo.root().resolve(repoPath));
    }
}
