package dev.reaper.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.reaper.git.FileDiff.ChangeType;
import dev.reaper.git.FileDiff.LineRange;
import dev.reaper.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitRepoDiffTest {

    @TempDir
    Path dir;

    private static String lines(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "l" + i + "\n").collect(Collectors.joining());
    }

    @Test
    void stagedWorksBeforeTheFirstCommit() throws Exception {
        TestRepo t = TestRepo.init(dir).write("a.txt", "one\ntwo\n");
        t.git("add", "a.txt");

        try (GitRepo repo = GitRepo.open(dir)) {
            Diff d = repo.staged();

            assertThat(d.files()).hasSize(1);
            FileDiff f = d.files().getFirst();
            assertThat(f.change()).isEqualTo(ChangeType.ADD);
            assertThat(f.oldPath()).isNull();
            assertThat(f.newPath()).isEqualTo("a.txt");
            assertThat(f.changedLines()).containsExactly(new LineRange(1, 2));
            assertThat(f.patch()).contains("+++ b/a.txt", "+one", "+two");
        }
    }

    @Test
    void stagedAndUnstagedAreKeptApartAndUntrackedFilesAreInNeither() throws Exception {
        TestRepo t = TestRepo.init(dir).write("a.txt", "a\n").write("b.txt", "b\n").write("gone.txt", "g\n");
        t.commitAll("init");
        t.write("a.txt", "a2\n").git("add", "a.txt");
        t.write("b.txt", "b2\n").delete("gone.txt").write("new.txt", "untracked\n");

        try (GitRepo repo = GitRepo.open(dir)) {
            assertThat(repo.staged().files()).extracting(FileDiff::path).containsExactly("a.txt");
            Diff unstaged = repo.unstaged();
            assertThat(unstaged.files()).extracting(FileDiff::path, FileDiff::change).containsExactly(
                    tuple("b.txt", ChangeType.MODIFY),
                    tuple("gone.txt", ChangeType.DELETE));
            assertThat(unstaged.file("gone.txt").orElseThrow().newPath()).isNull();
            assertThat(unstaged.file("gone.txt").orElseThrow().changedLines()).isEmpty();
            assertThat(unstaged.patch()).contains("-b\n+b2\n").doesNotContain("untracked");
        }
    }

    @Test
    void stagedRenameAndDeleteAreReportedAsSuch() throws Exception {
        TestRepo t = TestRepo.init(dir).write("old.txt", lines(1, 20)).write("doomed.txt", "x\n");
        t.commitAll("init");
        t.git("mv", "old.txt", "new.txt");
        t.git("rm", "-q", "doomed.txt");

        try (GitRepo repo = GitRepo.open(dir)) {
            Diff d = repo.staged();

            FileDiff renamed = d.file("new.txt").orElseThrow();
            assertThat(renamed.change()).isEqualTo(ChangeType.RENAME);
            assertThat(renamed.oldPath()).isEqualTo("old.txt");
            assertThat(renamed.changedLines()).isEmpty();
            assertThat(renamed.patch()).contains("rename from old.txt", "rename to new.txt");
            FileDiff deleted = d.file("doomed.txt").orElseThrow();
            assertThat(deleted.change()).isEqualTo(ChangeType.DELETE);
            assertThat(deleted.patch()).contains("deleted file", "-x");
        }
    }

    @Test
    void changedLinesAreExactForAChangeOfSeveralHunks() throws Exception {
        TestRepo t = TestRepo.init(dir).write("f.txt", lines(1, 40));
        t.commitAll("init");
        // l3 modified; x, y inserted after l15; l20 deleted; l35 and l36 replaced by A and B
        String changed = lines(1, 2) + "L3\n" + lines(4, 15) + "x\ny\n" + lines(16, 19) + lines(21, 34) + "A\nB\n"
                + lines(37, 40);
        t.write("f.txt", changed);

        try (GitRepo repo = GitRepo.open(dir)) {
            FileDiff f = repo.unstaged().file("f.txt").orElseThrow();

            assertThat(f.changedLines()).containsExactly(new LineRange(3, 3), new LineRange(16, 17),
                    new LineRange(36, 37));
            assertThat(f.patch()).contains("-l3\n+L3\n", "+x\n+y\n", "-l20\n", "-l35\n-l36\n+A\n+B\n");
            assertThat(f.patch().split("\n@@", -1)).hasSize(4); // a header and three hunks
            assertThat(f.touches(36)).isTrue();
            assertThat(f.touches(18)).isFalse();
        }
    }

    @Test
    void aBinaryFileIsFlaggedWithoutPatchText() throws Exception {
        TestRepo t = TestRepo.init(dir).write("img.bin", new byte[] {0, 1, 2, 3, 0, 5});
        t.commitAll("init");
        t.write("img.bin", new byte[] {0, 9, 9, 0, 7});

        try (GitRepo repo = GitRepo.open(dir)) {
            FileDiff f = repo.unstaged().file("img.bin").orElseThrow();

            assertThat(f.binary()).isTrue();
            assertThat(f.changedLines()).isEmpty();
            assertThat(f.patch()).contains("Binary files differ").doesNotContain("@@");
        }
    }

    @Test
    void aFileTooLargeToDiffIsReportedAsBinary() throws Exception {
        TestRepo t = TestRepo.init(dir).write("big.txt", "small\n");
        t.commitAll("init");
        t.write("big.txt", "a line of text\n".repeat(Diff.MAX_TEXT_BYTES / 15 + 10));

        try (GitRepo repo = GitRepo.open(dir)) {
            FileDiff f = repo.unstaged().file("big.txt").orElseThrow();

            assertThat(f.binary()).isTrue();
            assertThat(f.patch().length()).isLessThan(500);
        }
    }

    @Test
    void aLongPatchIsCutAtALineEndButItsChangedLinesAreComplete() throws Exception {
        TestRepo t = TestRepo.init(dir).write("long.txt", "first\n");
        t.commitAll("init");
        t.write("long.txt", "first\n" + "an added line that is not short at all\n".repeat(5000));

        try (GitRepo repo = GitRepo.open(dir)) {
            FileDiff f = repo.unstaged().file("long.txt").orElseThrow();

            assertThat(f.truncated()).isTrue();
            assertThat(f.patch().length()).isLessThanOrEqualTo(Diff.MAX_PATCH_BYTES + 100);
            assertThat(f.patch()).contains("+an added line that is not short at all\n[patch cut: ")
                    .endsWith(" more bytes not shown]\n");
            assertThat(f.changedLines()).containsExactly(new LineRange(2, 5001));
        }
    }

    @Test
    void rangesFollowGitTwoAndThreeDotMeaning() throws Exception {
        TestRepo t = TestRepo.init(dir).write("a.txt", "a\n").write("b.txt", "b\n");
        t.commitAll("init");
        t.git("checkout", "-q", "-b", "feature");
        t.write("a.txt", "a feature\n").commitAll("feature work");
        t.git("checkout", "-q", "main");
        t.write("b.txt", "b main\n").commitAll("main work");

        try (GitRepo repo = GitRepo.open(dir)) {
            assertThat(repo.range("main..feature").files()).extracting(FileDiff::path)
                    .containsExactly("a.txt", "b.txt");
            assertThat(repo.range("main...feature").files()).extracting(FileDiff::path).containsExactly("a.txt");
            assertThat(repo.range("feature...").files()).extracting(FileDiff::path).containsExactly("b.txt");
            assertThat(repo.range("main..feature", "b.txt").files()).extracting(FileDiff::path)
                    .containsExactly("b.txt");
        }
    }

    @Test
    void aCommitIsDiffedAgainstItsFirstParentAndARootCommitAgainstNothing() throws Exception {
        TestRepo t = TestRepo.init(dir).write("a.txt", "a\n");
        String root = t.commitAll("init");
        t.write("a.txt", "a\nmore\n").write("c.txt", "c\n");
        String second = t.commitAll("second");

        try (GitRepo repo = GitRepo.open(dir)) {
            Diff first = repo.commit(root);
            assertThat(first.files()).extracting(FileDiff::path, FileDiff::change)
                    .containsExactly(tuple("a.txt", ChangeType.ADD));
            Diff d = repo.commit(second.substring(0, 8));
            assertThat(d.file("a.txt").orElseThrow().changedLines()).containsExactly(new LineRange(2, 2));
            assertThat(d.file("c.txt").orElseThrow().change()).isEqualTo(ChangeType.ADD);
            assertThat(repo.commit("HEAD~1").files()).hasSize(1);
        }
    }

    @Test
    void againstABaseBranchShowsCommittedAndUncommittedWorkButNotTheBaseOwnChanges() throws Exception {
        TestRepo t = TestRepo.init(dir).write("a.txt", "a\n").write("b.txt", "b\n").write("c.txt", "c\n");
        t.commitAll("init");
        t.git("checkout", "-q", "-b", "feature");
        t.write("a.txt", "a feature\n").commitAll("feature work");
        t.git("checkout", "-q", "main");
        t.write("c.txt", "c main\n").commitAll("main moves on");
        t.git("checkout", "-q", "feature");
        t.write("b.txt", "b uncommitted\n").write("untracked.txt", "u\n").write("staged.txt", "s\n");
        t.git("add", "staged.txt");

        try (GitRepo repo = GitRepo.open(dir)) {
            Diff d = repo.againstBase("main");

            assertThat(d.files()).extracting(FileDiff::path).containsExactly("a.txt", "b.txt", "staged.txt");
            assertThat(d.file("b.txt").orElseThrow().patch()).contains("+b uncommitted");
            assertThat(repo.mergeBase("main", "feature")).contains(t.git("merge-base", "main", "feature").strip());
        }
    }

    @Test
    void unknownRevisionsAndMalformedRangesAreClearErrors() throws Exception {
        TestRepo t = TestRepo.init(dir).write("a.txt", "a\n");
        t.commitAll("init");

        try (GitRepo repo = GitRepo.open(dir)) {
            assertThatThrownBy(() -> repo.commit("nope")).isInstanceOf(GitException.class)
                    .hasMessage("unknown revision: nope");
            assertThatThrownBy(() -> repo.range("main..nope")).hasMessage("unknown revision: nope");
            assertThatThrownBy(() -> repo.range("main")).hasMessageContaining("not a range: main");
            assertThatThrownBy(() -> repo.range("a..b..c")).hasMessageContaining("not a range");
            assertThatThrownBy(() -> repo.againstBase("nope")).hasMessage("unknown revision: nope");
        }
    }

    @Test
    void aFolderOutsideAnyRepositoryIsAClearError() throws Exception {
        Path plain = Files.createDirectories(dir.resolve("plain"));

        assertThatThrownBy(() -> GitRepo.open(plain)).isInstanceOf(GitException.class)
                .hasMessageStartingWith("not a git repository");
    }

    @Test
    void opensTheRepositoryAboveASubfolder() throws Exception {
        TestRepo t = TestRepo.init(dir).write("sub/deep/a.txt", "a\n");
        t.commitAll("init");

        try (GitRepo repo = GitRepo.open(dir.resolve("sub/deep"))) {
            assertThat(repo.root()).isEqualTo(dir.toRealPath());
            assertThat(repo.commit("HEAD").files()).extracting(FileDiff::path).containsExactly("sub/deep/a.txt");
        }
    }

    @Test
    void opensALinkedWorktreeOnItsOwnBranch() throws Exception {
        TestRepo t = TestRepo.init(Files.createDirectories(dir.resolve("main"))).write("a.txt", "a\n");
        t.commitAll("init");
        Path linked = dir.resolve("linked");
        t.git("worktree", "add", "-q", "-b", "side", linked.toString());
        Files.writeString(linked.resolve("a.txt"), "a on side\n");

        try (GitRepo repo = GitRepo.open(linked)) {
            assertThat(repo.currentBranch()).contains("side");
            assertThat(repo.unstaged().files()).extracting(FileDiff::path).containsExactly("a.txt");
            assertThat(repo.status().unstaged()).hasSize(1);
        }
    }

    @Test
    void emptyDiffs() throws Exception {
        TestRepo t = TestRepo.init(dir).write("a.txt", "a\n");
        t.commitAll("init");

        try (GitRepo repo = GitRepo.open(dir)) {
            assertThat(repo.staged().isEmpty()).isTrue();
            assertThat(repo.unstaged().isEmpty()).isTrue();
            assertThat(repo.againstBase("main").files()).isEqualTo(List.of());
        }
    }
}
