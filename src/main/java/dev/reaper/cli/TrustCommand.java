package dev.reaper.cli;

import dev.reaper.config.Paths;
import dev.reaper.config.WorkspaceTrust;
import dev.reaper.context.Workspace;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code reaper trust}: lets this workspace's .reaper/config.toml set providers and loosen permissions. */
@Command(name = "trust", description = {
        "Trust this workspace's .reaper/config.toml.",
        "Until then, a project config (which comes with the code, from whoever wrote it) may not",
        "set [providers], allow rules, additional directories or a permission mode above default."})
public final class TrustCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Option(names = "--revoke", description = "Stop trusting this workspace.")
    boolean revoke;

    @Override
    public Integer call() {
        Path ws = Workspace.detect(root.workingDirectory()).root();
        WorkspaceTrust trust = new WorkspaceTrust(Paths.from(root.launch.env()).stateDir());
        if (revoke) {
            boolean was = trust.revoke(ws);
            root.launch.out().println((was ? "No longer trusted: " : "Was not trusted: ") + ws);
        } else {
            trust.trust(ws);
            root.launch.out().println("Trusted: " + ws + " (its .reaper/config.toml now applies in full)");
        }
        root.launch.out().flush();
        return ExitCodes.OK;
    }
}
