package dev.reaper.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gitignore semantics over a real folder: every ignore file, every pattern form, negation and nesting. */
class IgnoreRulesTest {

    @TempDir
    Path root;

    private void write(String path, String... lines) throws IOException {
        Path f = root.resolve(path);
        Files.createDirectories(f.getParent());
        Files.writeString(f, String.join("\n", lines) + "\n");
    }

    private boolean file(String path) {
        return new IgnoreRules(root).isIgnored(root.resolve(path), false);
    }

    private boolean dir(String path) {
        return new IgnoreRules(root).isIgnored(root.resolve(path), true);
    }

    @Test
    void nothingIsIgnoredWithoutIgnoreFiles() {
        assertThat(file("a.txt")).isFalse();
        assertThat(dir("build")).isFalse();
    }

    @Test
    void aPatternWithoutSlashMatchesAtAnyDepth() throws IOException {
        write(".gitignore", "*.log", "node_modules");
        assertThat(file("a.log")).isTrue();
        assertThat(file("src/deep/b.log")).isTrue();
        assertThat(dir("web/node_modules")).isTrue();
        assertThat(file("web/node_modules/x/index.js")).isTrue();
        assertThat(file("a.log.txt")).isFalse();
        assertThat(file("src/a.txt")).isFalse();
    }

    @Test
    void aPatternWithASlashIsAnchoredToItsDirectory() throws IOException {
        write(".gitignore", "docs/build");
        assertThat(dir("docs/build")).isTrue();
        assertThat(file("docs/build/index.html")).isTrue();
        assertThat(dir("src/docs/build")).isFalse();
    }

    @Test
    void aLeadingSlashAnchorsToTheRoot() throws IOException {
        write(".gitignore", "/out");
        assertThat(dir("out")).isTrue();
        assertThat(file("out")).isTrue();
        assertThat(dir("src/out")).isFalse();
        assertThat(file("src/out/x.class")).isFalse();
    }

    @Test
    void aTrailingSlashMatchesDirectoriesOnly() throws IOException {
        write(".gitignore", "cache/");
        assertThat(dir("cache")).isTrue();
        assertThat(dir("a/cache")).isTrue();
        assertThat(file("a/cache/x.txt")).isTrue();
        assertThat(file("cache")).as("a file named cache").isFalse();
        assertThat(file("a/cache")).isFalse();
    }

    @Test
    void aLeadingDoubleStarMatchesInAllDirectories() throws IOException {
        write(".gitignore", "**/gen", "**/tmp/*.o");
        assertThat(dir("gen")).isTrue();
        assertThat(dir("a/b/gen")).isTrue();
        assertThat(file("tmp/x.o")).isTrue();
        assertThat(file("a/tmp/x.o")).isTrue();
        assertThat(file("a/tmp/sub/x.o")).isFalse();
    }

    @Test
    void aMiddleDoubleStarMatchesZeroOrMoreDirectories() throws IOException {
        write(".gitignore", "a/**/z");
        assertThat(file("a/z")).isTrue();
        assertThat(file("a/b/c/z")).isTrue();
        assertThat(file("b/a/z")).isFalse();
    }

    @Test
    void aTrailingDoubleStarMatchesEverythingInsideButNotTheDirectory() throws IOException {
        write(".gitignore", "vendor/**");
        assertThat(file("vendor/x.go")).isTrue();
        assertThat(file("vendor/a/b/c.go")).isTrue();
        assertThat(dir("vendor")).isFalse();
        assertThat(file("src/vendor/x.go")).isFalse();
    }

    @Test
    void aStarDoesNotCrossDirectories() throws IOException {
        write(".gitignore", "src/*.java");
        assertThat(file("src/A.java")).isTrue();
        assertThat(file("src/a/B.java")).isFalse();
    }

    @Test
    void aQuestionMarkIsExactlyOneCharacter() throws IOException {
        write(".gitignore", "file?.txt");
        assertThat(file("file1.txt")).isTrue();
        assertThat(file("fileX.txt")).isTrue();
        assertThat(file("file.txt")).isFalse();
        assertThat(file("file10.txt")).isFalse();
    }

    @Test
    void bracketsMatchOneCharacterOfTheSet() throws IOException {
        write(".gitignore", "[abc].txt", "log[0-9]", "[!xy].md");
        assertThat(file("a.txt")).isTrue();
        assertThat(file("c.txt")).isTrue();
        assertThat(file("d.txt")).isFalse();
        assertThat(file("log7")).isTrue();
        assertThat(file("logx")).isFalse();
        assertThat(file("z.md")).isTrue();
        assertThat(file("x.md")).isFalse();
    }

    @Test
    void aNegationReincludesWhatAnEarlierPatternIgnored() throws IOException {
        write(".gitignore", "*.log", "!keep.log");
        assertThat(file("other.log")).isTrue();
        assertThat(file("keep.log")).isFalse();
        assertThat(file("src/keep.log")).isFalse();
    }

    @Test
    void theLastMatchingPatternWins() throws IOException {
        write(".gitignore", "!keep.log", "*.log");
        assertThat(file("keep.log")).isTrue();
    }

    @Test
    void aFileInsideAnIgnoredDirectoryStaysIgnoredEvenIfNegated() throws IOException {
        write(".gitignore", "build/", "!build/keep.txt", "!keep-too.txt");
        assertThat(file("build/keep.txt")).isTrue();
        assertThat(file("build/sub/keep-too.txt")).isTrue();
    }

    @Test
    void ignoringADirectorysContentsAllowsReincludingOneFile() throws IOException {
        write(".gitignore", "/out/*", "!/out/keep.txt");
        assertThat(dir("out")).isFalse();
        assertThat(file("out/x.class")).isTrue();
        assertThat(file("out/keep.txt")).isFalse();
    }

    @Test
    void aNestedGitignoreAppliesBelowItsDirectory() throws IOException {
        write("sub/.gitignore", "*.tmp", "/local");
        assertThat(file("sub/x.tmp")).isTrue();
        assertThat(file("sub/deeper/x.tmp")).isTrue();
        assertThat(file("x.tmp")).isFalse();
        assertThat(file("other/x.tmp")).isFalse();
        assertThat(file("sub/local")).isTrue();
        assertThat(file("sub/deeper/local")).isFalse();
        assertThat(file("local")).isFalse();
    }

    @Test
    void aDeeperGitignoreOverridesAShallowerOne() throws IOException {
        write(".gitignore", "*.log");
        write("sub/.gitignore", "!important.log");
        assertThat(file("sub/important.log")).isFalse();
        assertThat(file("sub/other.log")).isTrue();
        assertThat(file("important.log")).isTrue();
    }

    @Test
    void aReaperignoreIsHonouredLikeAGitignore() throws IOException {
        write(".reaperignore", "secrets/", "*.pem");
        write("sub/.reaperignore", "private.txt");
        assertThat(dir("secrets")).isTrue();
        assertThat(file("secrets/key")).isTrue();
        assertThat(file("certs/server.pem")).isTrue();
        assertThat(file("sub/private.txt")).isTrue();
        assertThat(file("private.txt")).isFalse();
    }

    @Test
    void aReaperignoreCanReincludeWhatTheGitignoreIgnores() throws IOException {
        write(".gitignore", "*.env");
        write(".reaperignore", "!example.env");
        assertThat(file("example.env")).isFalse();
        assertThat(file("prod.env")).isTrue();
    }

    @Test
    void gitInfoExcludeIsHonouredAndTheGitignoreWinsOverIt() throws IOException {
        write(".git/info/exclude", "# local excludes", "*.bak", "scratch/");
        write(".gitignore", "!keep.bak");
        assertThat(file("a.bak")).isTrue();
        assertThat(dir("scratch")).isTrue();
        assertThat(file("keep.bak")).isFalse();
    }

    @Test
    void dotGitIsAlwaysIgnored() throws IOException {
        write(".gitignore", "!.git");
        assertThat(dir(".git")).isTrue();
        assertThat(file(".git/config")).isTrue();
        assertThat(file("sub/.git/HEAD")).isTrue();
        assertThat(file(".git")).as("a worktree's .git file").isTrue();
        assertThat(file(".github/workflows/ci.yml")).isFalse();
    }

    @Test
    void commentsBlankLinesAndTrailingSpacesAreNotPatterns() throws IOException {
        write(".gitignore", "# a comment", "", "   ", "trail.txt   ", "\\#hash.txt", "\\!bang.txt", "space\\ ");
        assertThat(file("# a comment")).isFalse();
        assertThat(file("trail.txt")).isTrue();
        assertThat(file("#hash.txt")).isTrue();
        assertThat(file("!bang.txt")).isTrue();
        assertThat(file("space ")).isTrue();
        assertThat(file("space")).isFalse();
    }

    @Test
    void regexCharactersInPatternsAreLiteral() throws IOException {
        write(".gitignore", "a+b.(1).txt");
        assertThat(file("a+b.(1).txt")).isTrue();
        assertThat(file("aab.(1).txt")).isFalse();
        assertThat(file("a+bx(1).txt")).isFalse();
    }

    @Test
    void theRootAndPathsOutsideItAreNeverIgnored() throws IOException {
        write(".gitignore", "*");
        IgnoreRules rules = new IgnoreRules(root);
        assertThat(rules.isIgnored(root, true)).isFalse();
        assertThat(rules.isIgnored(root.resolveSibling("elsewhere.txt"), false)).isFalse();
        assertThat(rules.isIgnored(root.resolve("any.txt"), false)).isTrue();
    }

    @Test
    void aNonNormalizedPathIsJudgedByWhereItLeads() throws IOException {
        write(".gitignore", "/build/");
        assertThat(file("src/../build/x")).isTrue();
        assertThat(file("build/../src/x")).isFalse();
    }
}
