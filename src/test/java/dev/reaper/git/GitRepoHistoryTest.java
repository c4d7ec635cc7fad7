package dev.reaper.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reaper.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitRepoHistoryTest {

    @TempDir
    Path dir;

    @Test
    void logListsTheNewestCommitsFirstAndFiltersByPath() throws Exception {
        TestRepo t = TestRepo.init(dir).write("a.txt", "1\n");
        String first = t.commitAll("first\n\nwith a body");
        t.write("src/b.txt", "b\n").commitAll("second");
        String third = t.write("a.txt", "2\n").commitAll("third");

        try (GitRepo repo = GitRepo.open(dir)) {
            List<Commit> all = repo.log(null, 10);
            assertThat(all).extracting(Commit::subject).containsExactly("third", "second", "first");
            assertThat(all.getFirst().id()).isEqualTo(third);
            assertThat(all.getFirst().author()).isEqualTo("Ada");
            assertThat(all.getFirst().email()).isEqualTo("ada@example.com");
            assertThat(all.getLast().message()).isEqualTo("first\n\nwith a body\n");
            assertThat(all.getLast().shortId()).isEqualTo(first.substring(0, 10));

            assertThat(repo.log("a.txt", 10)).extracting(Commit::subject).containsExactly("third", "first");
            assertThat(repo.log("src/", 10)).extracting(Commit::subject).containsExactly("second");
            assertThat(repo.log(null, 2)).hasSize(2);
        }
    }

    @Test
    void logOfARepositoryWithoutCommitsIsEmpty() throws Exception {
        TestRepo.init(dir);

        try (GitRepo repo = GitRepo.open(dir)) {
            assertThat(repo.log(null, 5)).isEmpty();
        }
    }

    @Test
    void blameTellsWhoChangedEachLineAndWhatIsNotCommitted() throws Exception {
        TestRepo t = TestRepo.init(dir).write("f.txt", "one\ntwo\nthree\nfour\n");
        String first = t.commitAll("first");
        t.git("config", "user.name", "Grace");
        String second = t.write("f.txt", "one\nTWO\nthree\nfour\n").commitAll("second");
        t.write("f.txt", "one\nTWO\nthree\nFOUR\n");

        try (GitRepo repo = GitRepo.open(dir)) {
            List<BlameLine> lines = repo.blame("f.txt", 1, 100);

            assertThat(lines).extracting(BlameLine::line).containsExactly(1, 2, 3, 4);
            assertThat(lines).extracting(BlameLine::text).containsExactly("one", "TWO", "three", "FOUR");
            assertThat(lines).extracting(BlameLine::commit).containsExactly(first, second, first, null);
            assertThat(lines).extracting(BlameLine::author).containsExactly("Ada", "Grace", "Ada", null);
            assertThat(lines.get(3).committed()).isFalse();
            assertThat(lines.get(0).when()).isNotNull();

            assertThat(repo.blame("f.txt", 2, 3)).extracting(BlameLine::text).containsExactly("TWO", "three");
            assertThatThrownBy(() -> repo.blame("f.txt", 9, 10)).isInstanceOf(GitException.class)
                    .hasMessage("f.txt has 4 lines; line 9 is past its end");
            assertThatThrownBy(() -> repo.blame("nope.txt", 1, 2)).hasMessage("not tracked by git: nope.txt");
        }
    }

    @Test
    void blameBeforeTheFirstCommitIsAClearError() throws Exception {
        TestRepo.init(dir).write("f.txt", "x\n");

        try (GitRepo repo = GitRepo.open(dir)) {
            assertThatThrownBy(() -> repo.blame("f.txt", 1, 1)).hasMessageContaining("nothing is committed yet");
        }
    }

    @Test
    void readsAFileAsItWasAtARevision() throws Exception {
        TestRepo t = TestRepo.init(dir).write("src/f.txt", "old\n");
        t.commitAll("first");
        t.write("src/f.txt", "new\n").commitAll("second");

        try (GitRepo repo = GitRepo.open(dir)) {
            assertThat(repo.fileAt("HEAD~1", "src/f.txt")).contains("old\n");
            assertThat(repo.fileAt("main", "src/f.txt")).contains("new\n");
            assertThat(repo.fileAt("HEAD", "src/missing.txt")).isEmpty();
            assertThat(repo.fileAt("HEAD", "src")).isEmpty();
            assertThatThrownBy(() -> repo.fileAt("v9", "src/f.txt")).hasMessage("unknown revision: v9");
        }
    }

    @Test
    void readsAFileAsStaged() throws Exception {
        TestRepo t = TestRepo.init(dir).write("f.txt", "committed\n");
        t.commitAll("first");
        t.write("f.txt", "staged\n").git("add", "f.txt");
        t.write("f.txt", "in the working tree\n");

        try (GitRepo repo = GitRepo.open(dir)) {
            assertThat(repo.fileInIndex("f.txt")).contains("staged\n");
            assertThat(repo.fileInIndex("./f.txt")).contains("staged\n");
            assertThat(repo.fileInIndex("missing.txt")).isEmpty();
        }
    }

    @Test
    void theCurrentBranchIsEmptyWhenHeadIsDetached() throws Exception {
        TestRepo t = TestRepo.init(dir).write("a.txt", "a\n");
        String first = t.commitAll("first");
        t.write("a.txt", "b\n").commitAll("second");

        try (GitRepo repo = GitRepo.open(dir)) {
            assertThat(repo.currentBranch()).contains("main");
            t.git("checkout", "-q", first);
            assertThat(repo.currentBranch()).isEmpty();
            assertThat(repo.tracking()).isEmpty();
        }
    }

    @Test
    void theDefaultBranchIsWhereOriginHeadPointsElseMainOrMaster() throws Exception {
        TestRepo upstream = TestRepo.init(Files.createDirectories(dir.resolve("upstream"))).write("a.txt", "a\n");
        upstream.git("checkout", "-q", "-b", "trunk");
        upstream.commitAll("first");
        Path clone = dir.resolve("cloned");
        upstream.git("clone", "-q", upstream.dir().toString(), clone.toString());
        TestRepo local = TestRepo.init(Files.createDirectories(dir.resolve("local"))).write("a.txt", "a\n");
        local.git("checkout", "-q", "-b", "master");
        local.commitAll("first");

        try (GitRepo cloned = GitRepo.open(clone); GitRepo plain = GitRepo.open(local.dir())) {
            assertThat(cloned.defaultBranch()).contains("origin/trunk");
            assertThat(plain.defaultBranch()).contains("master");
        }
    }

    @Test
    void trackingCountsCommitsAheadAndBehindTheUpstream() throws Exception {
        TestRepo upstream = TestRepo.init(Files.createDirectories(dir.resolve("upstream"))).write("a.txt", "a\n");
        upstream.commitAll("first");
        Path clonePath = dir.resolve("clone");
        upstream.git("clone", "-q", upstream.dir().toString(), clonePath.toString());
        upstream.write("a.txt", "upstream 1\n").commitAll("u1");
        upstream.write("a.txt", "upstream 2\n").commitAll("u2");
        TestRepo clone = TestRepo.init(clonePath); // reuses the clone: sets the author, keeps its history
        clone.git("fetch", "-q");
        clone.write("b.txt", "local\n").commitAll("local");

        try (GitRepo repo = GitRepo.open(clonePath)) {
            assertThat(repo.tracking()).contains(new Tracking("origin/main", 1, 2));
            assertThat(repo.mergeBase("HEAD", "origin/main")).isPresent();
        }
    }
}
