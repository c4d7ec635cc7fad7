package dev.reaper.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reaper.edit.StringReplace.Result;
import org.junit.jupiter.api.Test;

/** Exact replacement first, then forgiving whole-line matches, with errors the model can act on. */
class StringReplaceTest {

    @Test
    void aUniqueMatchIsReplaced() throws EditException {
        assertThat(StringReplace.apply("a\nb\nc\n", "b", "B", false)).isEqualTo(new Result("a\nB\nc\n", 1, null));
    }

    @Test
    void aMatchInsideALineReplacesOnlyThatText() throws EditException {
        assertThat(StringReplace.apply("int x = 1; // one\n", "1;", "2;", false))
                .isEqualTo(new Result("int x = 2; // one\n", 1, null));
    }

    @Test
    void aMultiLineMatchIsReplaced() throws EditException {
        assertThat(StringReplace.apply("a\nb\nc\n", "a\nb\n", "x\n", false)).isEqualTo(new Result("x\nc\n", 1, null));
    }

    @Test
    void oldStringEndingInNewlineReplacesWholeLines() throws EditException {
        assertThat(StringReplace.apply("keep\ndrop\nkeep too\n", "drop\n", "", false))
                .isEqualTo(new Result("keep\nkeep too\n", 1, null));
    }

    @Test
    void textNotFoundPointsAtTheClosestLines() {
        String content = "int count = 0;\nfor (String s : items) {\n    count++;\n}\n";
        assertThatThrownBy(() -> StringReplace.apply(content, "for (String s : itens) {\n    count += 1;", "x", false))
                .isInstanceOf(EditException.class)
                .hasMessage("old_string was not found in the file. The closest text starts at line 2:\n"
                        + "for (String s : items) {\n    count++;\n"
                        + " Read the file again and copy the exact text, including whitespace.");
    }

    @Test
    void textNotFoundWithNothingCloseSaysSo() {
        assertThatThrownBy(() -> StringReplace.apply("alpha\nbeta\n", "zzz qqq", "x", false))
                .isInstanceOf(EditException.class)
                .hasMessage("old_string was not found in the file. Read the file again and copy the exact text,"
                        + " including whitespace.");
    }

    @Test
    void severalMatchesAreRefusedWithTheirLineNumbers() {
        assertThatThrownBy(() -> StringReplace.apply("x = 1\ny = 2\nx = 1\nz\nx = 1\n", "x = 1", "x = 3", false))
                .isInstanceOf(EditException.class)
                .hasMessage("old_string occurs 3 times (at lines 1, 3, 5). Include more surrounding lines to make"
                        + " it unique, or set replace_all to true.");
    }

    @Test
    void replaceAllReplacesEveryMatch() throws EditException {
        assertThat(StringReplace.apply("x = 1\ny = 2\nx = 1\n", "x = 1", "x = 3", true))
                .isEqualTo(new Result("x = 3\ny = 2\nx = 3\n", 2, null));
    }

    @Test
    void replaceAllWithASingleMatchReplacesIt() throws EditException {
        assertThat(StringReplace.apply("x\ny\n", "y", "z", true)).isEqualTo(new Result("x\nz\n", 1, null));
    }

    @Test
    void identicalStringsAreRefused() {
        assertThatThrownBy(() -> StringReplace.apply("a\n", "a", "a", false))
                .isInstanceOf(EditException.class)
                .hasMessage("old_string and new_string are identical: there is nothing to change");
    }

    @Test
    void anEmptyOldStringIsRefused() {
        assertThatThrownBy(() -> StringReplace.apply("a\n", "", "b", false))
                .isInstanceOf(EditException.class)
                .hasMessage("old_string is empty: give the exact text to replace (to create a file, use write)");
    }

    @Test
    void aBlankOldStringThatIsNotFoundIsNotMatchedLoosely() {
        assertThatThrownBy(() -> StringReplace.apply("a\n\nb\n", "   ", "x", false))
                .isInstanceOf(EditException.class)
                .hasMessageStartingWith("old_string was not found in the file.");
    }

    @Test
    void aCrlfFileKeepsCrlf() throws EditException {
        assertThat(StringReplace.apply("one\r\ntwo\r\nthree\r\n", "one\ntwo", "1\n2\n2.5", false))
                .isEqualTo(new Result("1\r\n2\r\n2.5\r\nthree\r\n", 1, null));
        assertThat(StringReplace.apply("one\r\ntwo\r\n", "one\r\ntwo", "x", false))
                .isEqualTo(new Result("x\r\n", 1, null));
    }

    @Test
    void anLfFileGivenCrlfStringsStaysLf() throws EditException {
        assertThat(StringReplace.apply("one\ntwo\n", "one\r\ntwo", "1\r\n2", false))
                .isEqualTo(new Result("1\n2\n", 1, null));
    }

    @Test
    void trailingWhitespaceDifferencesAreForgiven() throws EditException {
        assertThat(StringReplace.apply("if (x) {   \n  go();\n}\n", "if (x) {\n  go();", "if (y) {\n  go();", false))
                .isEqualTo(new Result("if (y) {\n  go();\n}\n", 1, "matched ignoring trailing whitespace"));
    }

    @Test
    void missingIndentationIsForgivenAndTheReplacementReindented() throws EditException {
        String content = """
                class A {
                    void f() {
                        if (x) {
                            go();
                        }
                    }
                }
                """;
        String old = "if (x) {\n    go();\n}";
        String replacement = "if (x && y) {\n    go();\n\n    stop();\n}";
        assertThat(StringReplace.apply(content, old, replacement, false)).isEqualTo(new Result("""
                class A {
                    void f() {
                        if (x && y) {
                            go();

                            stop();
                        }
                    }
                }
                """, 1, "matched ignoring indentation; the replacement was re-indented to fit"));
    }

    @Test
    void extraIndentationIsForgivenAndRemovedFromTheReplacement() throws EditException {
        String content = "def f():\n  return 1\n";
        assertThat(StringReplace.apply(content, "      return 1", "      return 2", false)).isEqualTo(
                new Result("def f():\n  return 2\n", 1, "matched ignoring indentation; the replacement was re-indented to fit"));
    }

    @Test
    void aForgivingMatchKeepsCrlf() throws EditException {
        assertThat(StringReplace.apply("a\r\n    b\r\nc\r\n", "  b \n", "  B\n  B2\n", false)).isEqualTo(
                new Result("a\r\n    B\r\n    B2\r\nc\r\n", 1, "matched ignoring indentation; the replacement was re-indented to fit"));
    }

    @Test
    void aForgivingMatchOfOldStringEndingInNewlineDoesNotDuplicateTheNewline() throws EditException {
        assertThat(StringReplace.apply("x\ny  \nz\n", "y\n", "Y\n", false))
                .isEqualTo(new Result("x\nY\nz\n", 1, "matched ignoring trailing whitespace"));
    }

    @Test
    void severalLooseMatchesAreRefused() {
        assertThatThrownBy(() -> StringReplace.apply("  go();\n    go();\n", "go(); \n", "stop();\n", false))
                .isInstanceOf(EditException.class)
                .hasMessage("old_string was not found exactly, and 2 places match it loosely. Copy the exact text from"
                        + " the file (read it again), with enough surrounding lines to make it unique.");
    }
}
