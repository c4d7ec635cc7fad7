package dev.reaper.cli;

import dev.reaper.app.UserInputException;
import dev.reaper.review.GitHooks;
import dev.reaper.review.Severity;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code reaper hooks install|uninstall [pre-commit|pre-push]}: git hooks that run {@code reaper review}. */
@Command(name = "hooks", description = {"Install or remove git hooks that run 'reaper review'.",
        "pre-commit reviews the staged change; pre-push the commits being pushed. An existing hook is kept and"
                + " runs first. Skip once with --no-verify or REAPER_SKIP_REVIEW=1."},
        subcommands = {HooksCommand.Install.class, HooksCommand.Uninstall.class})
public final class HooksCommand {

    @ParentCommand
    RootCommand root;

    /** The repository's hooks folder: core.hooksPath when set, else the (common) git folder's hooks. */
    Path hooksDir() {
        Path dir = root.workingDirectory();
        try (Repository repo = new FileRepositoryBuilder().readEnvironment().findGitDir(dir.toFile()).setMustExist(true)
                .build()) {
            String custom = repo.getConfig().getString("core", null, "hooksPath");
            if (custom != null && !custom.isBlank()) {
                File base = repo.isBare() ? repo.getDirectory() : repo.getWorkTree();
                return base.toPath().resolve(custom.replaceFirst("^~", System.getProperty("user.home"))).normalize();
            }
            return repo.getCommonDirectory().toPath().resolve("hooks");
        } catch (IOException | IllegalArgumentException e) {
            throw new UserInputException(dir + " is not in a git repository: hooks go into one (run git init first)");
        }
    }

    static String reaperCommand() {
        String launcher = System.getenv("REAPER_LAUNCHER");
        return launcher != null && !launcher.isBlank() ? launcher : "reaper";
    }

    @Command(name = "install", description = "Install a hook (default pre-commit); again, to change --fail-on.")
    static final class Install implements Callable<Integer> {

        @ParentCommand
        HooksCommand hooks;

        @Parameters(paramLabel = "HOOK", defaultValue = "pre-commit", description = "pre-commit or pre-push.")
        String kind;

        @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "high",
                description = "Stop the commit or push on findings at this level or worse: info, low, medium, high,"
                        + " critical. Default: ${DEFAULT-VALUE}.")
        String failOn;

        @Override
        public Integer call() throws IOException {
            Severity level;
            try {
                level = Severity.parse(failOn);
                if (!GitHooks.KINDS.contains(kind)) {
                    throw new IllegalArgumentException("HOOK must be pre-commit or pre-push, not " + kind);
                }
            } catch (IllegalArgumentException e) {
                throw new UserInputException(e.getMessage());
            }
            GitHooks.Outcome o = new GitHooks(hooks.hooksDir()).install(kind, level, reaperCommand());
            hooks.root.launch.out().println(o.message());
            hooks.root.launch.out().flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "uninstall", description = "Remove Reaper's hook (default pre-commit), restoring the one before.")
    static final class Uninstall implements Callable<Integer> {

        @ParentCommand
        HooksCommand hooks;

        @Parameters(paramLabel = "HOOK", defaultValue = "pre-commit", description = "pre-commit or pre-push.")
        String kind;

        @Override
        public Integer call() throws IOException {
            if (!GitHooks.KINDS.contains(kind)) {
                throw new UserInputException("HOOK must be pre-commit or pre-push, not " + kind);
            }
            GitHooks.Outcome o = new GitHooks(hooks.hooksDir()).uninstall(kind);
            hooks.root.launch.out().println(o.message());
            hooks.root.launch.out().flush();
            return ExitCodes.OK;
        }
    }
}
