package dev.reaper.tools;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TruncateTest {

    private static final String EMOJI = "\uD83D\uDE00"; // one code point, two chars

    @Test
    void headNeverEndsWithHalfAPair() {
        String s = "ab" + EMOJI + "cd";
        assertThat(Truncate.head(s, 3)).isEqualTo("ab");
        assertThat(Truncate.head(s, 4)).isEqualTo("ab" + EMOJI);
        assertThat(Truncate.head(s, 100)).isEqualTo(s);
    }

    @Test
    void tailNeverStartsWithHalfAPair() {
        String s = "ab" + EMOJI + "cd";
        assertThat(Truncate.tail(s, 3)).isEqualTo("cd");
        assertThat(Truncate.tail(s, 4)).isEqualTo(EMOJI + "cd");
    }
}
