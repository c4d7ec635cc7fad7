package dev.reaper.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code reaper completion bash|zsh|fish}: a completion script, generated from the command definitions. */
@Command(name = "completion", description = {
        "Print a shell completion script (bash, zsh or fish).",
        "Install it with, for example:",
        "  bash: reaper completion bash > ~/.local/share/bash-completion/completions/reaper",
        "  zsh:  reaper completion zsh > \"${fpath[1]}/_reaper\"",
        "  fish: reaper completion fish > ~/.config/fish/completions/reaper.fish"})
public final class CompletionCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Parameters(paramLabel = "SHELL", description = "bash, zsh or fish.")
    String shell;

    @Override
    public Integer call() {
        CommandLine top = root.spec.commandLine();
        PrintWriter out = root.launch.out();
        switch (shell.toLowerCase(Locale.ROOT)) {
            case "bash" -> out.print(AutoComplete.bash("reaper", top));
            case "zsh" -> {
                out.println("#compdef reaper");
                out.println("autoload -U +X compinit && compinit");
                out.println("autoload -U +X bashcompinit && bashcompinit");
                out.print(AutoComplete.bash("reaper", top));
            }
            case "fish" -> out.print(fish(top.getCommandSpec()));
            default -> throw new CommandLine.ParameterException(root.spec.commandLine(),
                    "unknown shell '" + shell + "': use bash, zsh or fish");
        }
        out.flush();
        return ExitCodes.OK;
    }

    static String fish(CommandSpec rootSpec) {
        StringBuilder sb = new StringBuilder("# fish completion for reaper\ncomplete -c reaper -f\n");
        for (OptionSpec o : rootSpec.options()) {
            sb.append(option(o, "__fish_use_subcommand"));
        }
        for (var e : rootSpec.subcommands().entrySet()) {
            CommandSpec sub = e.getValue().getCommandSpec();
            sb.append("complete -c reaper -n '__fish_use_subcommand' -a ").append(e.getKey())
                    .append(" -d '").append(escape(first(sub.usageMessage().description()))).append("'\n");
            String cond = "__fish_seen_subcommand_from " + e.getKey();
            for (OptionSpec o : sub.options()) {
                sb.append(option(o, cond));
            }
            for (var s : sub.subcommands().entrySet()) {
                sb.append("complete -c reaper -n '").append(cond).append("' -a ").append(s.getKey())
                        .append(" -d '").append(escape(first(s.getValue().getCommandSpec().usageMessage().description())))
                        .append("'\n");
            }
        }
        sb.append("complete -c reaper -n '__fish_seen_subcommand_from completion' -a 'bash zsh fish'\n");
        sb.append("complete -c reaper -l output-format -x -a 'text json stream-json'\n");
        sb.append("complete -c reaper -l permission-mode -x -a 'default acceptEdits plan bypassPermissions'\n");
        return sb.toString();
    }

    private static String option(OptionSpec o, String condition) {
        StringBuilder sb = new StringBuilder("complete -c reaper -n '").append(condition).append("'");
        for (String name : o.names()) {
            if (name.startsWith("--")) {
                sb.append(" -l ").append(name.substring(2));
            } else if (name.startsWith("-")) {
                sb.append(" -s ").append(name.substring(1));
            }
        }
        if (o.arity().max() > 0) {
            sb.append(" -r");
        }
        sb.append(" -d '").append(escape(first(o.description()))).append("'\n");
        return sb.toString();
    }

    private static String first(String[] lines) {
        return lines.length == 0 ? "" : lines[0];
    }

    private static String escape(String s) {
        String oneLine = s.replace("${DEFAULT-VALUE}", "").strip();
        int dot = oneLine.indexOf(". ");
        if (dot > 0) {
            oneLine = oneLine.substring(0, dot);
        }
        return oneLine.replace("\\", "\\\\").replace("'", "\\'");
    }
}
