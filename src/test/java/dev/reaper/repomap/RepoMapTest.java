package dev.reaper.repomap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reaper.context.IgnoreRules;
import dev.reaper.testing.Peers;
import dev.reaper.testing.PolyglotRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repo map over a real three-language workspace, with Universal Ctags as its engine. */
class RepoMapTest {

    static final String ACCOUNT = "java/com/ex/model/Account.java";
    static final String SHAPES = "web/src/shapes.ts";

    @TempDir
    Path root;

    @TempDir
    Path cache;

    /** A symbol source that remembers which files it was asked to read. */
    static final class Counting implements SymbolSource {
        final SymbolSource inner;
        final List<String> read = new ArrayList<>();

        Counting(SymbolSource inner) {
            this.inner = inner;
        }

        @Override
        public String id() {
            return inner.id();
        }

        @Override
        public Optional<String> unavailable() {
            return inner.unavailable();
        }

        @Override
        public Map<String, FileSymbols> read(Path root, List<String> files, BooleanSupplier cancelled)
                throws IOException {
            read.addAll(files);
            return inner.read(root, files, cancelled);
        }
    }

    @BeforeEach
    void setUp() {
        Peers.require("ctags");
        PolyglotRepo.write(root);
    }

    private RepoMap open(SymbolSource source) {
        return RepoMap.open(root, new IgnoreRules(root), source, Optional.of(cache.resolve("map.db")));
    }

    private static List<String> filesOf(String map) {
        return map.lines().filter(l -> !l.startsWith("│") && !l.startsWith("Repository map") && !l.startsWith("("))
                .map(l -> l.endsWith(":") ? l.substring(0, l.length() - 1) : l).toList();
    }

    @Test
    void ctagsFindsDefinitionsWithTheirKindsLinesAndTypes() throws IOException {
        Map<String, FileSymbols> symbols = new CtagsSource().read(root, List.of(ACCOUNT, "py/app/models.py", SHAPES),
                () -> false);

        assertThat(symbols.get(ACCOUNT).definitions()).containsExactly(
                new Definition("Account", "class", 4),
                new Definition("balanceCents", "method", 7, "Account"),
                new Definition("deposit", "method", 11, "Account"));
        assertThat(symbols.get("py/app/models.py").definitions()).containsExactly(
                new Definition("User", "class", 1),
                new Definition("__init__", "member", 2, "User"),
                new Definition("display_name", "member", 5, "User"),
                new Definition("load_users", "function", 9));
        assertThat(symbols.get(SHAPES).definitions()).extracting(Definition::name)
                .containsExactly("Shape", "area", "totalArea");
    }

    @Test
    void referencesAreTheIdentifiersUsedOutsideImportStatementsCommentsAndStrings() throws IOException {
        Map<String, FileSymbols> symbols = new CtagsSource().read(root,
                List.of("java/com/ex/bank/Bank.java", "py/app/service.py"), () -> false);

        References bank = symbols.get("java/com/ex/bank/Bank.java").references();
        assertThat(bank.countOf("Account")).isEqualTo(5); // not counting the import
        assertThat(bank.countOf("balanceCents")).isEqualTo(1);
        assertThat(bank.countOf("java")).as("package paths are not uses").isZero();
        assertThat(bank.countOf("public")).as("keywords are dropped").isZero();
        References service = symbols.get("py/app/service.py").references();
        assertThat(service.countOf("load_users")).isEqualTo(1);
        assertThat(service.countOf("users")).as("inside a string").isZero();
        assertThat(symbols.get("py/app/service.py").imports()).containsExactly(".models.User", ".models.load_users");
    }

    @Test
    void theImportGraphLinksFilesInEachLanguageAndSaysWhoDependsOnAFile() throws IOException {
        try (RepoMap map = open(new CtagsSource())) {
            ImportGraph imports = map.imports();

            assertThat(imports.dependencies("java/com/ex/bank/Bank.java")).containsExactly(ACCOUNT);
            assertThat(imports.dependencies("java/com/ex/bank/Teller.java")).as("a wildcard, by the names used")
                    .containsExactly(ACCOUNT);
            assertThat(imports.dependents(ACCOUNT)).containsExactly("java/com/ex/audit/Audit.java",
                    "java/com/ex/audit/Report.java", "java/com/ex/bank/Bank.java", "java/com/ex/bank/Teller.java");
            assertThat(imports.dependencies("py/app/service.py")).containsExactly("py/app/models.py");
            assertThat(imports.dependencies("py/app/cli.py")).containsExactly("py/app/models.py", "py/app/service.py");
            assertThat(imports.dependencies("web/src/main.ts")).containsExactly("web/src/circle.ts",
                    "web/src/geometry/index.ts", SHAPES);
            assertThat(imports.dependents(SHAPES)).containsExactly("web/src/circle.ts", "web/src/main.ts");
        }
    }

    @Test
    void theMostUsedFileComesFirstAndAFocusBringsItsFilesForward() throws IOException {
        try (RepoMap map = open(new CtagsSource())) {
            String plain = map.render(Focus.NONE, 1000, p -> true).text();
            assertThat(filesOf(plain).get(0)).isEqualTo(ACCOUNT);
            assertThat(plain).contains(ACCOUNT + ":\n│public class Account {\n│    public long balanceCents() {\n");

            assertThat(filesOf(map.render(Focus.of("what calls totalArea?"), 1000, p -> true).text()).get(0))
                    .isEqualTo(SHAPES);
            assertThat(filesOf(map.render(Focus.of("look at @web/src/circle.ts"), 1000, p -> true).text()).get(0))
                    .isEqualTo("web/src/circle.ts");
        }
    }

    @Test
    void theMapFitsItsBudgetAndShowsMoreWithMore() throws IOException {
        try (RepoMap map = open(new CtagsSource())) {
            RepoMap.Rendered small = map.render(Focus.NONE, 80, p -> true);
            RepoMap.Rendered large = map.render(Focus.NONE, 2000, p -> true);

            assertThat(small.text().length()).isLessThanOrEqualTo(80 * 4);
            assertThat(small.tokens()).isLessThanOrEqualTo(80);
            assertThat(small.filesShown()).isPositive().isLessThan(large.filesShown());
            assertThat(large.filesShown()).isEqualTo(13);
            assertThat(large.files()).isEqualTo(13);
            assertThat(large.text()).startsWith("Repository map: 13 of 13 source files");
        }
    }

    @Test
    void ignoredFilesAreNotInTheMap() throws IOException {
        try (RepoMap map = open(new CtagsSource())) {
            String text = map.render(Focus.NONE, 4000, p -> true).text();

            assertThat(text).doesNotContain("build/").doesNotContain("generated.py").doesNotContain("stale")
                    .doesNotContain("README");
            assertThat(map.imports().dependents("build/com/ex/model/Account.java")).isEmpty();
        }
    }

    @Test
    void filesDeniedToReadingAreLeftOut() throws IOException {
        try (RepoMap map = open(new CtagsSource())) {
            String text = map.render(Focus.NONE, 4000, p -> !p.startsWith("py/")).text();

            assertThat(text).doesNotContain("py/").contains(ACCOUNT);
        }
    }

    @Test
    void aSecondMapOverTheSameCacheReadsNothingAndDrawsTheSameMap() throws IOException {
        String first;
        try (RepoMap map = open(new CtagsSource())) {
            assertThat(map.refresh().tagged()).isEqualTo(13);
            first = map.render(Focus.NONE, 1000, p -> true).text();
        }
        Counting source = new Counting(new CtagsSource());
        try (RepoMap map = open(source)) {
            RepoMap.Refresh r = map.refresh();

            assertThat(r.files()).isEqualTo(13);
            assertThat(r.tagged()).isZero();
            assertThat(source.read).isEmpty();
            assertThat(map.render(Focus.NONE, 1000, p -> true).text()).isEqualTo(first);
        }
    }

    @Test
    void aRefreshReadsOnlyTheChangedFileAndForgetsDeletedOnes() throws IOException {
        Counting source = new Counting(new CtagsSource());
        try (RepoMap map = open(source)) {
            map.refresh();
            source.read.clear();
            assertThat(map.refresh().tagged()).as("nothing changed").isZero();

            Path service = root.resolve("py/app/service.py");
            Files.writeString(service, Files.readString(service) + "\n\ndef audit_users():\n    return load_users('a')\n");
            Files.setLastModifiedTime(service, FileTime.from(Instant.now().plusSeconds(5)));
            RepoMap.Refresh changed = map.refresh();

            assertThat(changed.tagged()).isEqualTo(1);
            assertThat(source.read).containsExactly("py/app/service.py");
            assertThat(map.render(Focus.NONE, 4000, p -> true).text()).contains("│def audit_users():");

            Files.delete(root.resolve("java/com/ex/audit/Report.java"));
            RepoMap.Refresh deleted = map.refresh();

            assertThat(deleted.removed()).isEqualTo(1);
            assertThat(deleted.files()).isEqualTo(12);
            assertThat(map.render(Focus.NONE, 4000, p -> true).text()).doesNotContain("Report.java");
            assertThat(map.imports().dependents(ACCOUNT)).doesNotContain("java/com/ex/audit/Report.java");
            assertThat(map.filesTagged()).isEqualTo(14);
        }
        Counting again = new Counting(new CtagsSource());
        try (RepoMap map = open(again)) {
            assertThat(map.refresh().files()).as("the deletion reached the cache").isEqualTo(12);
            assertThat(again.read).isEmpty();
        }
    }

    @Test
    void aNewFileIsReadAndCanBeImported() throws IOException {
        try (RepoMap map = open(new CtagsSource())) {
            map.refresh();
            Files.writeString(root.resolve("java/com/ex/bank/Vault.java"), """
                    package com.ex.bank;

                    import com.ex.model.Account;

                    public class Vault {
                        Account reserve;
                    }
                    """);

            assertThat(map.refresh().tagged()).isEqualTo(1);
            assertThat(map.imports().dependents(ACCOUNT)).contains("java/com/ex/bank/Vault.java");
        }
    }
}
