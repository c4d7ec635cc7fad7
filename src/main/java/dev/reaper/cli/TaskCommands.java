package dev.reaper.cli;

import dev.reaper.app.TaskPrompts;
import dev.reaper.app.UserInputException;
import dev.reaper.headless.OutputFormat;
import dev.reaper.policy.PermissionMode;
import dev.reaper.protocol.ContentBlock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * The task commands built on the one-shot mode: {@code reaper explain PATH[:LINES]},
 * {@code reaper refactor PATH[:LINES] "goal"} and {@code reaper testgen PATH}. Each attaches the code in
 * question and asks for the task; the TUI has the same as /explain, /refactor and /tests.
 */
final class TaskCommands {

    private static final Pattern SPEC = Pattern.compile("(.+?):(\\d+)(?:-(\\d+))?");
    static final long MAX_ATTACHED = 200_000;

    private TaskCommands() {}

    /** A file, and optionally a line range of it, as given on the command line. */
    record Target(String path, int from, int to) {

        static Target parse(String spec, Path dir) {
            Matcher m = SPEC.matcher(spec);
            Target t;
            if (m.matches() && !Files.exists(dir.resolve(spec))) {
                int from = Integer.parseInt(m.group(2));
                int to = m.group(3) == null ? from : Integer.parseInt(m.group(3));
                if (from < 1 || to < from) {
                    throw new UserInputException("lines " + from + "-" + to + " are not a range from line 1");
                }
                t = new Target(m.group(1), from, to);
            } else {
                t = new Target(spec, 0, 0);
            }
            if (!Files.isRegularFile(dir.resolve(t.path()))) {
                throw new UserInputException("no file " + t.path() + " in " + dir);
            }
            return t;
        }

        String describe() {
            return from == 0 ? path : path + " (lines " + from + (to > from ? "-" + to : "") + ")";
        }

        /** The code as an attachment, with line numbers, cut to the range when there is one. */
        ContentBlock attachment(Path dir) {
            Path file = dir.resolve(path);
            String text;
            try {
                if (Files.size(file) > MAX_ATTACHED) {
                    return new ContentBlock.Text("[" + path + " is " + Files.size(file) / 1000 + " KB: read the parts you"
                            + " need with the read tool]");
                }
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (java.nio.charset.MalformedInputException e) {
                throw new UserInputException(path + " is not UTF-8 text");
            } catch (IOException e) {
                throw new UserInputException("cannot read " + path + ": " + e.getMessage());
            }
            List<String> lines = text.lines().toList();
            if (from > lines.size()) {
                throw new UserInputException(path + " has " + lines.size() + " lines; there is no line " + from);
            }
            int start = from == 0 ? 1 : from;
            int end = from == 0 ? lines.size() : Math.min(to, lines.size());
            StringBuilder sb = new StringBuilder("<file path=\"" + path + "\"" + (from == 0 ? "" : " lines=\"" + start + "-"
                    + end + "\"") + ">\n");
            for (int i = start; i <= end; i++) {
                sb.append(String.format("%5d  %s%n", i, lines.get(i - 1)));
            }
            return new ContentBlock.Text(sb.append("</file>").toString());
        }
    }

    /** Shared: runs the task's prompt with the file attached. */
    abstract static class Task implements Callable<Integer> {

        @ParentCommand
        RootCommand root;

        @Option(names = "--permission-mode", paramLabel = "MODE",
                description = "default, acceptEdits, plan or bypassPermissions (see reaper --help).")
        String permissionMode;

        int run(Target target, String prompt, PermissionMode defaultMode) {
            Path dir = root.workingDirectory();
            PermissionMode mode = permissionMode == null ? defaultMode
                    : root.parse(() -> PermissionMode.parse(permissionMode), "--permission-mode");
            OutputFormat format = root.parse(() -> OutputFormat.parse(root.outputFormat), "--output-format");
            return root.oneShot(dir, prompt, List.of(target.attachment(dir)), Optional.of(mode), format);
        }
    }

    @Command(name = "explain", description = {"Explain code: what it does, how it fits the codebase, anything surprising.",
            "PATH or PATH:LINE or PATH:FROM-TO. Read-only (plan mode)."})
    static final class Explain extends Task {

        @Parameters(paramLabel = "PATH[:LINES]")
        String spec;

        @Override
        public Integer call() {
            Target t = Target.parse(spec, root.workingDirectory());
            return run(t, TaskPrompts.explain(t.describe()), PermissionMode.PLAN);
        }
    }

    @Command(name = "refactor", description = {"Refactor code toward a goal, keeping its behaviour.",
            "PATH or PATH:LINE or PATH:FROM-TO, then the goal. Edits are allowed (acceptEdits) unless"
                    + " --permission-mode says otherwise; commands still need bypassPermissions."})
    static final class Refactor extends Task {

        @Parameters(index = "0", paramLabel = "PATH[:LINES]")
        String spec;

        @Parameters(index = "1", paramLabel = "GOAL", description = "What the refactoring should achieve.")
        String goal;

        @Override
        public Integer call() {
            Target t = Target.parse(spec, root.workingDirectory());
            if (goal.isBlank()) {
                throw new UserInputException("say what the refactoring should achieve, as in: reaper refactor a.py"
                        + " \"split parse() into smaller functions\"");
            }
            return run(t, TaskPrompts.refactor(t.describe(), goal), PermissionMode.ACCEPT_EDITS);
        }
    }

    @Command(name = "testgen", description = {"Write tests for a file in the project's own test framework.",
            "Unit tests for its main behaviour and edge cases, property-based tests where the project has a library"
                    + " for them, and integration tests worth adding. Edits are allowed (acceptEdits)."})
    static final class Testgen extends Task {

        @Parameters(paramLabel = "PATH")
        String spec;

        @Override
        public Integer call() {
            Target t = Target.parse(spec, root.workingDirectory());
            return run(t, TaskPrompts.tests(t.describe()), PermissionMode.ACCEPT_EDITS);
        }
    }
}
