package dev.reaper.repomap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reaper.context.IgnoreRules;
import dev.reaper.testing.PolyglotRepo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without Universal Ctags the map still lists the files, ranked by their imports, and says why once. */
class RepoMapWithoutCtagsTest {

    @TempDir
    Path root;

    @Test
    void theMapListsFilesRankedByImportsAndSaysWhatIsMissing() throws IOException {
        PolyglotRepo.write(root);
        CtagsSource missing = new CtagsSource("reaper-test-no-such-ctags", 1);
        try (RepoMap map = RepoMap.open(root, new IgnoreRules(root), missing, Optional.empty())) {
            String text = map.render(Focus.NONE, 1000, p -> true).text();

            assertThat(map.unavailable()).hasValueSatisfying(u -> assertThat(u)
                    .startsWith("Universal Ctags is not installed").contains("apt install universal-ctags"));
            assertThat(text.lines().toList()).element(1).isEqualTo("(" + map.unavailable().get() + ".)");
            assertThat(text.lines().toList()).element(2).isEqualTo("java/com/ex/model/Account.java");
            assertThat(text).doesNotContain("│");
            assertThat(map.imports().dependents("web/src/shapes.ts"))
                    .containsExactly("web/src/circle.ts", "web/src/main.ts");
        }
    }

    @Test
    void aProgramThatIsNotUniversalCtagsIsNotUsed() {
        CtagsSource notCtags = new CtagsSource("true", 1);

        assertThat(notCtags.unavailable()).hasValueSatisfying(u -> assertThat(u).contains("is not Universal Ctags"));
        assertThat(notCtags.id()).isEqualTo("none");
    }
}
