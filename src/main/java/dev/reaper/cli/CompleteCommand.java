package dev.reaper.cli;

import dev.reaper.app.Completions;
import dev.reaper.app.Reaper;
import dev.reaper.protocol.Cancellation;
import dev.reaper.router.ProviderException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code reaper complete}: fill-in-the-middle code completion at a position of a file, for editors. */
@Command(name = "complete", description = {"Complete code at a position of a file (fill in the middle).",
        "Prints the text to insert at LINE:COL, as it streams. Uses Mistral's Codestral unless --model says otherwise."})
public final class CompleteCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Option(names = "--file", required = true, paramLabel = "FILE", description = "The file being edited.")
    Path file;

    @Option(names = "--line", required = true, paramLabel = "LINE", description = "The cursor's line, from 1.")
    int line;

    @Option(names = "--col", required = true, paramLabel = "COL", description = "The cursor's column, from 1.")
    int col;

    @Option(names = "--model", paramLabel = "PROVIDER/MODEL",
            description = "A model with a fill-in-the-middle API. Default: " + Completions.DEFAULT_MODEL + ".")
    String model;

    @Option(names = "--max-tokens", paramLabel = "N", defaultValue = "256",
            description = "The longest completion. Default: ${DEFAULT-VALUE}.")
    int maxTokens;

    @Override
    public Integer call() {
        if (line < 1 || col < 1 || maxTokens < 1) {
            throw new dev.reaper.app.UserInputException("--line, --col and --max-tokens start at 1");
        }
        Path dir = root.workingDirectory();
        Path target = file.isAbsolute() ? file : dir.resolve(file);
        try (Reaper app = root.boot(dir)) {
            Logging.configure(app.paths().logFile(), root.verbose, root.launch.err());
            PrintWriter out = root.launch.out();
            Cancellation cancel = new Cancellation();
            Interrupts.track(cancel);
            try {
                new Completions(app).complete(target, line, col, Optional.ofNullable(model), maxTokens, s -> {
                    out.print(s);
                    out.flush();
                }, cancel);
                out.println();
                out.flush();
                return ExitCodes.OK;
            } catch (ProviderException e) {
                root.launch.err().println("reaper: " + e.getMessage());
                root.launch.err().flush();
                return switch (e.kind()) {
                    case AUTH, CONFIG -> ExitCodes.CONFIG;
                    case CANCELLED -> ExitCodes.INTERRUPTED;
                    default -> ExitCodes.FAILED;
                };
            } finally {
                Interrupts.untrack(cancel);
            }
        }
    }
}
