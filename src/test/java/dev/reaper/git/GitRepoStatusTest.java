package dev.reaper.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reaper.git.FileDiff.ChangeType;
import dev.reaper.git.GitStatus.Change;
import dev.reaper.testing.TestRepo;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitRepoStatusTest {

    @TempDir
    Path dir;

    @Test
    void reportsEveryKindOfChangeAndHonoursGitignore() throws Exception {
        TestRepo t = TestRepo.init(dir).write("mod.txt", "m\n").write("del.txt", "d\n").write("unstaged.txt", "u\n")
                .write("missing.txt", "x\n").write(".gitignore", "*.log\nbuild/\n");
        t.commitAll("init");
        t.write("mod.txt", "m2\n").write("added.txt", "a\n").git("add", "mod.txt", "added.txt");
        t.git("rm", "-q", "del.txt");
        t.write("unstaged.txt", "u2\n").delete("missing.txt");
        t.write("new.txt", "n\n").write("debug.log", "ignored\n").write("build/out.bin", "ignored\n");

        try (GitRepo repo = GitRepo.open(dir)) {
            GitStatus s = repo.status();

            assertThat(s.staged()).containsExactly(new Change("added.txt", ChangeType.ADD),
                    new Change("del.txt", ChangeType.DELETE), new Change("mod.txt", ChangeType.MODIFY));
            assertThat(s.unstaged()).containsExactly(new Change("missing.txt", ChangeType.DELETE),
                    new Change("unstaged.txt", ChangeType.MODIFY));
            assertThat(s.untracked()).containsExactly("new.txt");
            assertThat(s.conflicting()).isEmpty();
            assertThat(s.isClean()).isFalse();
        }
    }

    @Test
    void aConflictIsOnlyListedAsConflicting() throws Exception {
        TestRepo t = TestRepo.init(dir).write("a.txt", "base\n");
        t.commitAll("init");
        t.git("checkout", "-q", "-b", "other");
        t.write("a.txt", "other\n").commitAll("other");
        t.git("checkout", "-q", "main");
        t.write("a.txt", "main\n").commitAll("main");
        t.gitFailing("merge", "-q", "other");

        try (GitRepo repo = GitRepo.open(dir)) {
            GitStatus s = repo.status();

            assertThat(s.conflicting()).containsExactly("a.txt");
            assertThat(s.staged()).isEmpty();
            assertThat(s.unstaged()).isEmpty();
        }
    }

    @Test
    void aCleanTreeAndAnEmptyRepository() throws Exception {
        TestRepo t = TestRepo.init(dir);

        try (GitRepo repo = GitRepo.open(dir)) {
            assertThat(repo.status().isClean()).isTrue();
            t.write("a.txt", "a\n");
            assertThat(repo.status().untracked()).containsExactly("a.txt");
            t.commitAll("init");
            assertThat(repo.status().isClean()).isTrue();
        }
    }

    @Test
    void aStatusLimitedInTimeGivesUpWhenThatTimeHasPassed() throws Exception {
        TestRepo t = TestRepo.init(dir);
        for (int i = 0; i < 3000; i++) {
            t.write("f/" + (i % 30) + "/" + i + ".txt", "x");
        }
        t.commitAll("many files");

        try (GitRepo repo = GitRepo.open(dir)) {
            assertThat(repo.status(Duration.ZERO)).isEmpty();
            assertThat(repo.status(Duration.ofMinutes(1))).hasValueSatisfying(s -> assertThat(s.isClean()).isTrue());
        }
    }
}
