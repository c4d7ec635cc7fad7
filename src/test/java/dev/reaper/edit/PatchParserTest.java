package dev.reaper.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reaper.edit.Patch.AddFile;
import dev.reaper.edit.Patch.DeleteFile;
import dev.reaper.edit.Patch.Hunk;
import dev.reaper.edit.Patch.UpdateFile;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the parser makes of each patch format; applying is pinned by the golden scenarios. */
class PatchParserTest {

    @Test
    void readsTheEnvelopeFormatIntoChangesInOrder() throws EditException {
        Patch patch = PatchParser.parse("""
                *** Begin Patch
                *** Add File: docs/new.md
                +# New
                +
                +text
                *** Delete File: old.txt
                *** Update File: src/a.py
                *** Move to: src/b.py
                @@ def f():
                 x = 1
                -y = 2
                +y = 3
                @@
                 last
                +appended
                *** End of File
                *** End Patch
                """);
        assertThat(patch).isEqualTo(new Patch(List.of(
                new AddFile("docs/new.md", "# New\n\ntext\n"),
                new DeleteFile("old.txt"),
                new UpdateFile("src/a.py", "src/b.py", List.of(
                        new Hunk("def f():", List.of("x = 1", "y = 2"), List.of("x = 1", "y = 3"), false),
                        new Hunk(null, List.of("last"), List.of("last", "appended"), true))))));
    }

    @Test
    void anAddedFileCanBeEmpty() throws EditException {
        assertThat(PatchParser.parse("*** Begin Patch\n*** Add File: empty.txt\n*** End Patch\n"))
                .isEqualTo(new Patch(List.of(new AddFile("empty.txt", ""))));
    }

    @Test
    void linesBeforeTheFirstAtAtStartAHunkWithoutAnchor() throws EditException {
        Patch patch = PatchParser.parse("*** Begin Patch\n*** Update File: a\n-x\n+y\n*** End Patch");
        assertThat(patch).isEqualTo(new Patch(List.of(
                new UpdateFile("a", null, List.of(new Hunk(null, List.of("x"), List.of("y"), false))))));
    }

    @Test
    void emptyLinesBetweenSectionsAreSeparatorsButInsideAHunkAreContext() throws EditException {
        Patch patch = PatchParser.parse("*** Begin Patch\n*** Add File: n\n+x\n\n*** Update File: a\n@@\n p\n\n-q\n+r\n\n"
                + "@@\n-s\n+t\n\n\n*** Update File: b\n*** Move to: c\n\n*** End Patch");
        assertThat(patch).isEqualTo(new Patch(List.of(
                new AddFile("n", "x\n"),
                new UpdateFile("a", null, List.of(
                        new Hunk(null, List.of("p", "", "q"), List.of("p", "", "r"), false),
                        new Hunk(null, List.of("s"), List.of("t"), false))),
                new UpdateFile("b", "c", List.of()))));
    }

    @Test
    void anEmptyLineInsideAnAddedFileStillNeedsItsPlus() {
        assertThatThrownBy(() -> PatchParser.parse("*** Begin Patch\n*** Add File: n\n+x\n\n+y\n*** End Patch"))
                .isInstanceOf(EditException.class)
                .hasMessage("line 4 of the patch: every line of an added file must start with '+'");
    }

    @Test
    void anUpdateWithOnlyEmptyLinesHasNoHunks() {
        assertThatThrownBy(() -> PatchParser.parse("*** Begin Patch\n*** Update File: a\n\n\n*** End Patch"))
                .isInstanceOf(EditException.class)
                .hasMessage("'Update File: a' has no hunks");
    }

    @Test
    void readsAGitDiffWithHeadersAndFunctionContext() throws EditException {
        Patch patch = PatchParser.parse("""
                diff --git a/app.py b/app.py
                index f591ddc..266dd72 100644
                --- a/app.py
                +++ b/app.py
                @@ -1,2 +1,2 @@
                -a
                +b
                 c
                @@ -7,3 +7,3 @@ def main():
                 d
                -e
                +f
                diff --git a/new.txt b/new.txt
                new file mode 100644
                index 0000000..39963cd
                --- /dev/null
                +++ b/new.txt
                @@ -0,0 +1,2 @@
                +brand new
                +file
                diff --git a/old.txt b/old.txt
                deleted file mode 100644
                --- a/old.txt
                +++ /dev/null
                @@ -1 +0,0 @@
                -gone
                """);
        assertThat(patch).isEqualTo(new Patch(List.of(
                new UpdateFile("app.py", null, List.of(
                        new Hunk(null, List.of("a", "c"), List.of("b", "c"), false),
                        new Hunk("def main():", List.of("d", "e"), List.of("d", "f"), false))),
                new AddFile("new.txt", "brand new\nfile\n"),
                new DeleteFile("old.txt"))));
    }

    @Test
    void aUnifiedDiffCanRenameAndCarryTimestamps() throws EditException {
        Patch patch = PatchParser.parse("--- a/old.txt\t2024-01-01 10:00:00\n+++ b/new.txt\t2024-01-02 10:00:00\n"
                + "@@ -1 +1 @@\n-x\n+y\n");
        assertThat(patch).isEqualTo(new Patch(List.of(
                new UpdateFile("old.txt", "new.txt", List.of(new Hunk(null, List.of("x"), List.of("y"), false))))));
    }

    @Test
    void noNewlineMarkersAreNotContent() throws EditException {
        Patch patch = PatchParser.parse("--- a/t\n+++ b/t\n@@ -1 +1 @@\n-x\n\\ No newline at end of file\n+y\n"
                + "\\ No newline at end of file\n");
        assertThat(patch).isEqualTo(new Patch(List.of(
                new UpdateFile("t", null, List.of(new Hunk(null, List.of("x"), List.of("y"), false))))));
    }

    @Test
    void aRemovedLineStartingWithTwoDashesIsNotAFileHeader() throws EditException {
        Patch patch = PatchParser.parse("--- a/q.sql\n+++ b/q.sql\n@@ -1,3 +1,2 @@\n a\n--- note\n b\n");
        assertThat(patch).isEqualTo(new Patch(List.of(
                new UpdateFile("q.sql", null, List.of(new Hunk(null, List.of("a", "-- note", "b"), List.of("a", "b"),
                        false))))));
    }

    @Test
    void codeFencesAndSurroundingBlankLinesAreIgnored() throws EditException {
        Patch fenced = PatchParser.parse("\n\n```patch\n*** Begin Patch\n*** Delete File: a\n*** End Patch\n```\n\n");
        assertThat(fenced).isEqualTo(new Patch(List.of(new DeleteFile("a"))));
    }

    @Test
    void crlfPatchesReadLikeLfPatches() throws EditException {
        assertThat(PatchParser.parse("*** Begin Patch\r\n*** Add File: a\r\n+x\r\n*** End Patch\r\n"))
                .isEqualTo(new Patch(List.of(new AddFile("a", "x\n"))));
    }

    @Test
    void anEmptyPatchIsRefused() {
        assertThatThrownBy(() -> PatchParser.parse(" \n\n")).isInstanceOf(EditException.class)
                .hasMessage("the patch is empty");
        assertThatThrownBy(() -> PatchParser.parse("```\n```")).isInstanceOf(EditException.class)
                .hasMessage("the patch is empty");
    }

    @Test
    void textThatIsNeitherFormatIsRefusedNamingBoth() {
        assertThatThrownBy(() -> PatchParser.parse("change x to y")).isInstanceOf(EditException.class)
                .hasMessage("the patch must start with '*** Begin Patch' (or be a unified diff with ---/+++ headers)");
    }

    @Test
    void aMinusHeaderWithoutPlusHeaderIsRefused() {
        assertThatThrownBy(() -> PatchParser.parse("--- a/x\n@@ -1 +1 @@\n-a\n+b\n")).isInstanceOf(EditException.class)
                .hasMessage("line 2 of the diff: '---' must be followed by '+++'");
    }

    @Test
    void aDiffWithoutFilesIsRefused() {
        assertThatThrownBy(() -> PatchParser.parse("diff --git a/x b/x\nBinary files a/x and b/x differ\n"))
                .isInstanceOf(EditException.class)
                .hasMessage("the diff changes no file");
    }
}
