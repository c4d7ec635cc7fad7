package dev.reaper.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reaper.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitSummaryTest {

    @TempDir
    Path dir;

    @Test
    void namesTheBranchAndCountsTheChanges() throws Exception {
        TestRepo t = TestRepo.init(dir).write("a.txt", "a\n").write("b.txt", "b\n");
        t.commitAll("init");
        t.git("checkout", "-q", "-b", "feature");
        t.write("a.txt", "a2\n").git("add", "a.txt");
        t.write("b.txt", "b2\n").write("c.txt", "c\n").write("d.txt", "d\n");

        assertThat(GitSummary.start(dir).get()).contains(
                "on branch feature; base branch probably main; 1 staged, 1 unstaged, 2 untracked.");
    }

    @Test
    void aCleanRepositoryWithoutCommitsAndADetachedHead() throws Exception {
        TestRepo t = TestRepo.init(dir);
        assertThat(GitSummary.start(dir).get()).contains("on branch main, no commits yet; working tree clean.");

        String id = t.write("a.txt", "a\n").commitAll("init");
        t.git("checkout", "-q", id);
        assertThat(GitSummary.start(dir).get()).contains("HEAD detached at " + id.substring(0, 10)
                + "; base branch probably main; working tree clean.");
    }

    @Test
    void saysToAskForTheStatusWhenItTookTooLong() throws Exception {
        TestRepo t = TestRepo.init(dir);
        for (int i = 0; i < 2500; i++) { // JGit looks at the deadline once per thousand entries or so
            t.write("f/" + (i % 25) + "/" + i + ".txt", "x");
        }
        t.commitAll("init");

        try (GitRepo repo = GitRepo.open(dir)) {
            assertThat(GitSummary.describe(repo, Duration.ZERO))
                    .endsWith("; file status not read at start (a large working tree): call git_status.");
        }
    }

    @Test
    void isEmptyOutsideARepository() throws Exception {
        assertThat(GitSummary.start(Files.createDirectories(dir.resolve("plain"))).get()).isEmpty();
    }
}
