package dev.reaper.router.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterTest {

    private final List<String> lines = new ArrayList<>();
    private final LineSplitter splitter = new LineSplitter(lines::add);

    private void feed(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        splitter.feed(b, 0, b.length);
    }

    /** The lines of the whole input fed in two reads split at {@code at}, end included. */
    private static List<String> splitAt(byte[] input, int at) {
        List<String> out = new ArrayList<>();
        LineSplitter s = new LineSplitter(out::add);
        s.feed(input, 0, at);
        s.feed(input, at, input.length - at);
        s.end();
        return out;
    }

    @Test
    void splitsAtLfCrlfAndLoneCr() {
        feed("one\ntwo\r\nthree\rfour\n");

        assertThat(lines).containsExactly("one", "two", "three", "four");
    }

    @Test
    void aCrlfSplitAcrossReadsIsOneLineEnd() {
        feed("one\r");
        feed("\ntwo\r");
        feed("\n");

        assertThat(lines).containsExactly("one", "two");
    }

    @Test
    void emptyLinesAreKept() {
        feed("a\n\nb\r\n\r\nc\r\rd\n");

        assertThat(lines).containsExactly("a", "", "b", "", "c", "", "d");
    }

    @Test
    void aLastLineWithoutTerminatorComesAtTheEnd() {
        feed("done\npartial");

        assertThat(lines).containsExactly("done");
        assertThat(splitter.hasPartialLine()).isTrue();
        assertThat(splitter.end()).isTrue();
        assertThat(lines).containsExactly("done", "partial");
        assertThat(splitter.end()).isFalse();
    }

    @Test
    void aTrailingCrIsAFullLineEnd() {
        feed("x\r");

        assertThat(splitter.end()).isFalse();
        assertThat(lines).containsExactly("x");
    }

    @Test
    void aFourByteCharacterSplitAtEveryPositionDecodesWhole() {
        byte[] input = "a🎉b\n→🎉\n".getBytes(StandardCharsets.UTF_8);
        for (int at = 0; at <= input.length; at++) {
            assertThat(splitAt(input, at)).as("split at %d", at).containsExactly("a🎉b", "→🎉");
        }
    }

    @Test
    void oneByteAtATimeGivesTheSameLines() {
        byte[] input = "🎉 first\r\nsecond\rthird\n\nlast".getBytes(StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        LineSplitter s = new LineSplitter(out::add);
        for (int i = 0; i < input.length; i++) {
            s.feed(input, i, 1);
        }
        s.end();

        assertThat(out).containsExactly("🎉 first", "second", "third", "", "last");
    }

    @Test
    void handlesLinesLongerThanItsBuffer() {
        String longLine = "x".repeat(200_000);
        feed(longLine.substring(0, 70_000));
        feed(longLine.substring(70_000) + "\nshort\n");

        assertThat(lines).containsExactly(longLine, "short");
    }

    @Test
    void respectsOffsetAndLength() {
        byte[] b = "XXa\nbXX".getBytes(StandardCharsets.UTF_8);
        splitter.feed(b, 2, 3);
        splitter.end();

        assertThat(lines).containsExactly("a", "b");
    }
}
