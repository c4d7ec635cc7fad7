package dev.reaper.edit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The git-style diff shown to users for a change. */
class UnifiedDiffTest {

    private static final String TWENTY = IntStream.rangeClosed(1, 20).mapToObj(i -> "l" + i + "\n")
            .collect(Collectors.joining());

    @Test
    void aChangedLineWithItsContext() {
        assertThat(UnifiedDiff.of("src/x.txt", "a\nb\nc\n", "a\nB\nc\n")).isEqualTo("""
                --- a/src/x.txt
                +++ b/src/x.txt
                @@ -1,3 +1,3 @@
                 a
                -b
                +B
                 c
                """);
    }

    @Test
    void distantChangesGetTheirOwnHunksWithThreeLinesOfContext() {
        String after = TWENTY.replace("l2\n", "L2\n").replace("l18\n", "L18\n");
        assertThat(UnifiedDiff.of("x", TWENTY, after)).isEqualTo("""
                --- a/x
                +++ b/x
                @@ -1,5 +1,5 @@
                 l1
                -l2
                +L2
                 l3
                 l4
                 l5
                @@ -15,6 +15,6 @@
                 l15
                 l16
                 l17
                -l18
                +L18
                 l19
                 l20
                """);
    }

    @Test
    void aNewFileComesFromDevNull() {
        assertThat(UnifiedDiff.of("n.txt", null, "a\nb\n")).isEqualTo("""
                --- /dev/null
                +++ b/n.txt
                @@ -0,0 +1,2 @@
                +a
                +b
                """);
    }

    @Test
    void aDeletedFileGoesToDevNull() {
        assertThat(UnifiedDiff.of("d.txt", "a\nb\n", null)).isEqualTo("""
                --- a/d.txt
                +++ /dev/null
                @@ -1,2 +0,0 @@
                -a
                -b
                """);
    }

    @Test
    void noChangeIsAnEmptyDiff() {
        assertThat(UnifiedDiff.of("x", "a\nb\n", "a\nb\n")).isEmpty();
    }

    @Test
    void crlfLinesAreComparedAndShownAsLf() {
        assertThat(UnifiedDiff.of("w", "a\r\nb\r\n", "a\r\nc\r\n")).isEqualTo("""
                --- a/w
                +++ b/w
                @@ -1,2 +1,2 @@
                 a
                -b
                +c
                """);
        assertThat(UnifiedDiff.of("w", "a\r\nb\r\n", "a\nb\n")).isEmpty();
    }

    @Test
    void theDiffAppliesBackAsAPatch() throws EditException {
        String after = TWENTY.replace("l2\n", "").replace("l10\n", "ten\nmore\n") + "l21\n";
        Patch patch = PatchParser.parse(UnifiedDiff.of("x", TWENTY, after));
        Patch.UpdateFile update = (Patch.UpdateFile) patch.changes().get(0);
        assertThat(PatchApplier.apply("x", TWENTY, update.hunks())).isEqualTo(after);
    }

    @org.junit.jupiter.api.Test
    void aChangeTooLargeToDiffIsSummarisedByItsLineCounts() {
        String before = "a\n".repeat(15_000);
        String after = "b\n".repeat(15_000);
        org.assertj.core.api.Assertions.assertThat(UnifiedDiff.of("big.txt", before, after))
                .isEqualTo("--- a/big.txt\n+++ b/big.txt\n@@ 15000 lines replaced by 15000 lines (too large to diff) @@\n");
    }

    @org.junit.jupiter.api.Test
    void aLargeNewFileShowsItsFirstLinesAndACount() {
        String diff = UnifiedDiff.of("big.txt", null, "x\n".repeat(5_000));
        org.assertj.core.api.Assertions.assertThat(diff).startsWith("--- /dev/null\n+++ b/big.txt\n@@ -0,0 +1,5000 @@\n+x\n")
                .endsWith("+... 3000 more lines\n");
    }
}
