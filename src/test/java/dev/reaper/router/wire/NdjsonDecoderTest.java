package dev.reaper.router.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NdjsonDecoderTest {

    private static List<String> decode(byte[] input, int... splits) {
        List<String> seen = new ArrayList<>();
        NdjsonDecoder d = new NdjsonDecoder(new NdjsonDecoder.Handler() {
            @Override
            public void onLine(String json) {
                seen.add(json);
            }

            @Override
            public void onEnd(boolean midLine) {
                seen.add("end midLine=" + midLine);
            }
        });
        int from = 0;
        for (int s : splits) {
            d.feed(input, from, s - from);
            from = s;
        }
        d.feed(input, from, input.length - from);
        d.end();
        return seen;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void deliversOneValuePerLineAndSkipsBlankOnes() {
        assertThat(decode(bytes("{\"a\":1}\n\n  \n{\"b\":2}\r\n")))
                .containsExactly("{\"a\":1}", "{\"b\":2}", "end midLine=false");
    }

    @Test
    void acceptsALastLineWithoutLf() {
        assertThat(decode(bytes("{\"a\":1}\n{\"done\":true}")))
                .containsExactly("{\"a\":1}", "{\"done\":true}", "end midLine=true");
    }

    @Test
    void aValueSplitAtEveryPositionArrivesWhole() {
        byte[] input = bytes("{\"t\":\"🎉→\"}\n{\"u\":2}\n");
        for (int at = 0; at <= input.length; at++) {
            assertThat(decode(input, at)).as("split at %d", at)
                    .containsExactly("{\"t\":\"🎉→\"}", "{\"u\":2}", "end midLine=false");
        }
    }
}
