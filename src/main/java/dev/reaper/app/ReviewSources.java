package dev.reaper.app;

import dev.reaper.git.Diff;
import dev.reaper.git.FileDiff;
import dev.reaper.git.GitException;
import dev.reaper.git.GitRepo;
import dev.reaper.review.ChangedLines;
import dev.reaper.review.ReviewInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the change a review is about from git: the diff of the selection, and each file's new version
 * (the staged text for a staged review, the commit's for a range or commit, the working tree's against
 * a base), which gives findings their line numbers and the reviewer the code around each change.
 */
public final class ReviewSources {

    /** Which change: the staged one, a range, one commit, or the work against a base branch. */
    public record Selection(Kind kind, String arg) {

        public enum Kind { DEFAULT, STAGED, RANGE, COMMIT, BASE }

        public static Selection defaultChange() {
            return new Selection(Kind.DEFAULT, null);
        }

        public static Selection staged() {
            return new Selection(Kind.STAGED, null);
        }

        public static Selection range(String range) {
            return new Selection(Kind.RANGE, range);
        }

        public static Selection commit(String sha) {
            return new Selection(Kind.COMMIT, sha);
        }

        public static Selection base(String branch) {
            return new Selection(Kind.BASE, branch);
        }
    }

    private ReviewSources() {}

    public static ReviewInput read(Path dir, Selection selection) {
        try (GitRepo git = GitRepo.open(dir)) {
            Selection s = selection;
            if (s.kind() == Selection.Kind.DEFAULT) {
                s = git.staged().isEmpty() ? new Selection(Selection.Kind.BASE, "HEAD") : Selection.staged();
            }
            Diff diff;
            String target;
            switch (s.kind()) {
                case STAGED -> {
                    diff = git.staged();
                    target = "the staged changes";
                }
                case RANGE -> {
                    diff = git.range(s.arg());
                    target = s.arg();
                }
                case COMMIT -> {
                    diff = git.commit(s.arg());
                    target = "commit " + s.arg();
                }
                default -> {
                    diff = git.againstBase(s.arg());
                    target = s.arg().equals("HEAD") ? "the uncommitted changes" : "the work since " + s.arg();
                }
            }
            List<ReviewInput.FilePatch> files = new ArrayList<>();
            for (FileDiff f : diff.files()) {
                String content = f.change() == FileDiff.ChangeType.DELETE || f.binary() ? null
                        : newContent(git, s, f.path()).orElse(null);
                List<ChangedLines.Range> changed = f.changedLines().stream()
                        .map(r -> new ChangedLines.Range(r.start(), r.end())).toList();
                files.add(new ReviewInput.FilePatch(f.path(), f.patch(), changed, content, f.binary()));
            }
            return new ReviewInput(target, files);
        } catch (GitException e) {
            throw new UserInputException(e.getMessage());
        }
    }

    /** The file as the change leaves it. */
    private static Optional<String> newContent(GitRepo git, Selection s, String path) throws GitException {
        return switch (s.kind()) {
            case STAGED -> git.fileInIndex(path);
            case RANGE -> git.fileAt(rangeEnd(s.arg()), path);
            case COMMIT -> git.fileAt(s.arg(), path);
            default -> {
                Path p = git.root().resolve(path);
                try {
                    yield Files.isRegularFile(p) ? Optional.of(Files.readString(p, StandardCharsets.UTF_8)) : Optional.empty();
                } catch (IOException e) {
                    yield Optional.empty(); // not text: reviewed from its patch alone
                }
            }
        };
    }

    /** The revision a range ends at: B of A..B or A...B, HEAD when empty. */
    static String rangeEnd(String range) {
        int dots = range.lastIndexOf("..");
        String end = dots < 0 ? range : range.substring(dots + 2);
        return end.startsWith(".") ? end.substring(1) : end.isEmpty() ? "HEAD" : end;
    }

    /**
     * What Reaper knows about the changed files beyond their diffs, for the reviewer: which files import
     * each (from the repo map's import graph: who a change may break), and the language servers' errors and
     * warnings in each (of the working tree's version), gathered once for the whole change.
     */
    public static final class Facts {

        /** How long the language servers get to start and check the changed files. */
        static final java.time.Duration DIAGNOSTICS_WAIT = java.time.Duration.ofSeconds(15);

        private final java.util.Map<String, List<String>> byPath = new java.util.HashMap<>();

        /** Importers named per changed file, at most. */
        static final int MAX_IMPORTERS = 12;

        public Facts(Reaper app, ReviewInput input) {
            importers(app, input);
            diagnostics(app, input);
        }

        private void importers(Reaper app, ReviewInput input) {
            dev.reaper.repomap.ImportGraph graph;
            try {
                graph = app.repoMap().imports();
            } catch (IOException | RuntimeException e) {
                return; // no map (no source files, too large a tree): the review goes on without it
            }
            for (ReviewInput.FilePatch f : input.files()) {
                List<String> users = graph.dependents(f.path());
                if (!users.isEmpty()) {
                    List<String> shown = users.subList(0, Math.min(MAX_IMPORTERS, users.size()));
                    byPath.computeIfAbsent(f.path(), k -> new ArrayList<>()).add("Imported by (callers a change may"
                            + " break): " + String.join(", ", shown) + (users.size() > shown.size() ? " and "
                            + (users.size() - shown.size()) + " more" : ""));
                }
            }
        }

        private void diagnostics(Reaper app, ReviewInput input) {
            List<Path> files = input.files().stream().filter(f -> f.newContent() != null && !f.binary())
                    .map(f -> app.workspace().root().resolve(f.path())).toList();
            if (files.isEmpty() || !app.languageServers().anyInstalled()) {
                return;
            }
            dev.reaper.tools.ToolContext context = new dev.reaper.tools.ToolContext(
                    new dev.reaper.policy.WorkspaceBoundary(app.workspace().root(), List.of()),
                    new dev.reaper.context.IgnoreRules(app.workspace().root()), new dev.reaper.protocol.Cancellation(),
                    (p, before, after) -> { }, app.commandEnvironment());
            Optional<String> report = new dev.reaper.lsp.EditDiagnostics(app.languageServers(), DIAGNOSTICS_WAIT)
                    .report(files, context);
            report.ifPresent(text -> {
                for (ReviewInput.FilePatch f : input.files()) {
                    List<String> mine = text.lines().map(String::strip).filter(l -> l.startsWith(f.path() + ":")).toList();
                    if (!mine.isEmpty()) {
                        List<String> block = new ArrayList<>();
                        block.add("<diagnostics path=\"" + f.path() + "\" source=\"language server, working tree\">");
                        block.addAll(mine);
                        block.add("</diagnostics>");
                        byPath.computeIfAbsent(f.path(), k -> new ArrayList<>()).addAll(block);
                    }
                }
            });
        }

        public List<String> about(String path) {
            return byPath.getOrDefault(path, List.of());
        }
    }
}
