package dev.reaper.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reaper.edit.Patch.Hunk;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Applying hunks to one file's text; whole patches are pinned by the golden scenarios. */
class PatchApplierTest {

    private static Hunk hunk(List<String> oldLines, List<String> newLines) {
        return new Hunk(null, oldLines, newLines, false);
    }

    @Test
    void aFileWithoutFinalNewlineStaysWithout() throws EditException {
        assertThat(PatchApplier.apply("a", "x\ny", List.of(hunk(List.of("y"), List.of("z"))))).isEqualTo("x\nz");
    }

    @Test
    void linesAddedToAnEmptyFileEndWithANewline() throws EditException {
        assertThat(PatchApplier.apply("a", "", List.of(hunk(List.of(), List.of("one", "two")))))
                .isEqualTo("one\ntwo\n");
    }

    @Test
    void removingEveryLineLeavesAnEmptyFile() throws EditException {
        assertThat(PatchApplier.apply("a", "x\ny\n", List.of(hunk(List.of("x", "y"), List.of())))).isEmpty();
    }

    @Test
    void aHunkWithoutAnchorOrContextAppendsAtTheEnd() throws EditException {
        assertThat(PatchApplier.apply("a", "x\n", List.of(hunk(List.of(), List.of("y"))))).isEqualTo("x\ny\n");
    }

    @Test
    void hunksAreLookedForAfterThePreviousOne() throws EditException {
        String content = "v\nv\nv\n";
        List<Hunk> hunks = List.of(hunk(List.of("v"), List.of("first")), hunk(List.of("v"), List.of("second")));
        assertThat(PatchApplier.apply("a", content, hunks)).isEqualTo("first\nsecond\nv\n");
    }

    @Test
    void anEndOfFileHunkPrefersTheLastLines() throws EditException {
        Hunk atEnd = new Hunk(null, List.of("}"), List.of("}", "// end"), true);
        assertThat(PatchApplier.apply("a", "{\n}\n{\n}\n", List.of(atEnd))).isEqualTo("{\n}\n{\n}\n// end\n");
    }

    @Test
    void anAnchorFoundByPartOfItsLineLocatesTheHunk() throws EditException {
        Hunk h = new Hunk("second", List.of("  x = 1"), List.of("  x = 2"), false);
        assertThat(PatchApplier.apply("a", "def first():\n  x = 1\ndef second():\n  x = 1\n", List.of(h)))
                .isEqualTo("def first():\n  x = 1\ndef second():\n  x = 2\n");
    }

    @Test
    void crlfContentKeepsCrlf() throws EditException {
        assertThat(PatchApplier.apply("a", "x\r\ny\r\n", List.of(hunk(List.of("y"), List.of("z", "w")))))
                .isEqualTo("x\r\nz\r\nw\r\n");
    }

    @Test
    void aHunkThatMatchesNowhereNamesItselfAndItsLines() {
        List<Hunk> hunks = List.of(hunk(List.of("x"), List.of("X")), hunk(List.of("nope", "never"), List.of("y")));
        assertThatThrownBy(() -> PatchApplier.apply("src/a.txt", "x\ny\n", hunks))
                .isInstanceOf(EditException.class)
                .hasMessage("hunk 2 of src/a.txt does not match the file: these lines were not found:\nnope\nnever\n"
                        + "Read the file again and resend the patch with exact context lines.");
    }
}
