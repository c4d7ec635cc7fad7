package dev.reaper.tools.builtin;

import static dev.reaper.testing.ToolWorkspace.args;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reaper.json.Json;
import dev.reaper.policy.ToolKind;
import dev.reaper.testing.TestRepo;
import dev.reaper.testing.ToolWorkspace;
import dev.reaper.tools.ToolContext;
import dev.reaper.tools.ToolFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitToolsTest {

    @TempDir
    Path root;

    ToolWorkspace ws;
    TestRepo repo;
    String first;

    @BeforeEach
    void setUp() {
        ws = new ToolWorkspace(root);
        repo = TestRepo.init(root).write("a.txt", "one\ntwo\n").write("src/b.txt", "b\n");
        first = repo.commitAll("first commit");
    }

    @Test
    void allFourAreReadOnlyAndOffered() {
        assertThat(BuiltinTools.all()).filteredOn(t -> t.name().startsWith("git_"))
                .extracting(t -> t.name() + ":" + t.kind())
                .containsExactly("git_status:READ", "git_diff:READ", "git_log:READ", "git_blame:READ");
        assertThat(new GitDiffTool().kind()).isEqualTo(ToolKind.READ);
    }

    @Test
    void statusListsEachSection() throws Exception {
        repo.write("a.txt", "one\nTWO\n").git("add", "a.txt");
        repo.write("src/b.txt", "b2\n").write("new.txt", "n\n");

        String out = ws.run(new GitStatusTool(), "{}").text();

        assertThat(out).isEqualTo("""
                On branch main
                Staged (1):
                  M a.txt
                Unstaged (1):
                  M src/b.txt
                Untracked (1):
                  new.txt
                """);
    }

    @Test
    void statusOfACleanTree() throws Exception {
        assertThat(ws.run(new GitStatusTool(), "{}").text()).isEqualTo("On branch main\nWorking tree clean\n");
    }

    @Test
    void diffShowsUnstagedByDefaultAndStagedOnRequest() throws Exception {
        repo.write("a.txt", "one\nTWO\n").git("add", "a.txt");
        repo.write("src/b.txt", "b2\n");

        String unstaged = ws.run(new GitDiffTool(), "{}").text();
        String staged = ws.run(new GitDiffTool(), args("staged", true)).text();

        assertThat(unstaged).startsWith("diff --git a/src/b.txt b/src/b.txt").contains("-b\n+b2\n")
                .doesNotContain("a.txt");
        assertThat(staged).startsWith("diff --git a/a.txt b/a.txt").contains("-two\n+TWO\n")
                .doesNotContain("b.txt");
    }

    @Test
    void diffOfARangeACommitABaseAndAPath() throws Exception {
        repo.git("checkout", "-q", "-b", "feature");
        repo.write("a.txt", "one\ntwo\nthree\n").write("src/b.txt", "b2\n").commitAll("feature");
        repo.write("src/c.txt", "uncommitted\n").git("add", "src/c.txt");

        assertThat(ws.run(new GitDiffTool(), args("range", "main..feature")).text())
                .contains("+three", "+b2").doesNotContain("uncommitted");
        assertThat(ws.run(new GitDiffTool(), args("range", first)).text())
                .contains("new file mode", "+one", "+b");
        assertThat(ws.run(new GitDiffTool(), args("base", "main")).text())
                .contains("+three", "+b2", "+uncommitted");
        assertThat(ws.run(new GitDiffTool(), args("range", "main...feature", "path", "src")).text())
                .contains("+b2").doesNotContain("three");
        assertThat(ws.run(new GitDiffTool(), args("range", "main..feature", "path", "./src/b.txt")).text())
                .startsWith("diff --git a/src/b.txt");
    }

    @Test
    void anEmptyDiffSaysSo() throws Exception {
        assertThat(ws.run(new GitDiffTool(), "{}").text()).isEqualTo("No unstaged changes\n");
        assertThat(ws.run(new GitDiffTool(), args("staged", true)).text()).isEqualTo("No staged changes\n");
    }

    @Test
    void diffFailuresTellTheModelWhatToFix() {
        assertThatThrownBy(() -> ws.run(new GitDiffTool(), args("range", "main..nope")))
                .isInstanceOf(ToolFailure.class).hasMessage("unknown revision: nope");
        assertThatThrownBy(() -> ws.run(new GitDiffTool(), args("range", "a..b..c")))
                .hasMessageContaining("not a range: a..b..c");
        assertThatThrownBy(() -> ws.run(new GitDiffTool(), args("staged", true, "range", "HEAD")))
                .hasMessage("give one of staged, range and base, not several");
        assertThatThrownBy(() -> ws.run(new GitDiffTool(), args("path", "../elsewhere")))
                .hasMessageContaining("outside the workspace");
    }

    @Test
    void aLargeDiffNamesTheFilesItCouldNotShow() throws Exception {
        String big = "a fairly long line of text to make the patch large\n".repeat(400);
        for (int i = 0; i < 5; i++) {
            repo.write("big" + i + ".txt", big);
        }
        repo.git("add", "-A");

        String out = ws.run(new GitDiffTool(), args("staged", true)).text();

        assertThat(out.length()).isLessThan(GitDiffTool.MAX_CHARS + 1000);
        assertThat(out).contains("diff --git a/big0.txt").contains("[output limit reached; 3 more files not shown")
                .contains("  A big4.txt\n");
    }

    @Test
    void filesKeptFromReadingAreNotShown() throws Exception {
        repo.write("secrets/key.txt", "hunter2\n").write("a.txt", "changed\n").git("add", "-A");
        ToolContext base = ws.context();
        ToolContext denying = new ToolContext(base.workspace(), base.ignore(), base.cancel(), base.changes(),
                base.environment(), path -> !path.startsWith("secrets/"));

        String out = new GitDiffTool().run(Json.parse(args("staged", true)), denying).text();

        assertThat(out).contains("+changed").doesNotContain("hunter2").doesNotContain("secrets/key.txt")
                .contains("[1 file kept from reading by deny rules not shown]");
        assertThatThrownBy(() -> new GitBlameTool().run(Json.parse(args("path", "secrets/key.txt")), denying))
                .hasMessage("secrets/key.txt is kept from reading by a deny rule");
    }

    @Test
    void logListsCommitsOneALine() throws Exception {
        repo.write("a.txt", "x\n").commitAll("second commit");
        repo.write("src/b.txt", "y\n").commitAll("third commit");

        String all = ws.run(new GitLogTool(), "{}").text();
        String one = ws.run(new GitLogTool(), args("n", 1)).text();
        String ofA = ws.run(new GitLogTool(), args("path", "a.txt")).text();

        assertThat(all.lines()).hasSize(3);
        assertThat(all.lines().toList().getLast()).matches(first.substring(0, 10)
                + " \\d{4}-\\d\\d-\\d\\d Ada: first commit");
        assertThat(one).contains("Ada: third commit").contains("[1 newest; ask for more with n");
        assertThat(ofA.lines()).extracting(l -> l.substring(l.indexOf(": ") + 2))
                .containsExactly("second commit", "first commit");
        assertThat(ws.run(new GitLogTool(), args("path", "nothing")).text()).isEqualTo("No commits touch nothing\n");
    }

    @Test
    void blameShowsWhoChangedEachLineInAWindow() throws Exception {
        repo.write("a.txt", "one\ntwo\nthree\n").commitAll("add three");
        repo.write("a.txt", "one\ntwo\nthree\nfour\n");

        String all = ws.run(new GitBlameTool(), args("path", "a.txt")).text();
        String window = ws.run(new GitBlameTool(), args("path", "a.txt", "start", 2, "end", 3)).text();

        assertThat(all.lines()).hasSize(4);
        assertThat(all.lines().toList().getFirst()).startsWith(first.substring(0, 10)).contains(" Ada ")
                .endsWith("     1→one");
        assertThat(all.lines().toList().getLast()).startsWith("(not committed yet)").endsWith("4→four");
        assertThat(window.lines()).hasSize(2);
        assertThat(window).contains("2→two").contains("3→three");
        assertThatThrownBy(() -> ws.run(new GitBlameTool(), args("path", "a.txt", "start", 3, "end", 2)))
                .hasMessage("end (2) is before start (3)");
        assertThatThrownBy(() -> ws.run(new GitBlameTool(), args("path", "missing.txt")))
                .hasMessage("not tracked by git: missing.txt");
    }

    @Test
    void blameOfALongFileSaysWhereToGoOn() throws Exception {
        repo.write("long.txt", "line\n".repeat(GitBlameTool.MAX_LINES + 50)).commitAll("long");

        String out = ws.run(new GitBlameTool(), args("path", "long.txt")).text();

        assertThat(out.lines()).hasSize(GitBlameTool.MAX_LINES + 1);
        assertThat(out).endsWith("[lines 1-400; blame on with start=401]\n");
    }

    @Test
    void outsideARepositoryEveryToolSaysSo(@TempDir Path plain) throws Exception {
        ToolWorkspace elsewhere = new ToolWorkspace(Files.createDirectories(plain.resolve("p")));

        assertThatThrownBy(() -> elsewhere.run(new GitStatusTool(), "{}")).isInstanceOf(ToolFailure.class)
                .hasMessageStartingWith("not a git repository");
        assertThatThrownBy(() -> elsewhere.run(new GitDiffTool(), "{}")).hasMessageStartingWith("not a git repository");
    }
}
