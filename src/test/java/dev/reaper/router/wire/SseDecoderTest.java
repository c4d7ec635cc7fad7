package dev.reaper.router.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseDecoderTest {

    /** Everything a decoder reported, in order, as text. */
    private static final class Recorder implements SseDecoder.Handler {
        final List<String> seen = new ArrayList<>();

        @Override
        public void onEvent(String event, String data) {
            seen.add("event=" + event + " data=" + data);
        }

        @Override
        public void onStrayLine(String line) {
            seen.add("stray=" + line);
        }

        @Override
        public void onEnd(boolean midLine) {
            seen.add("end midLine=" + midLine);
        }
    }

    private static List<String> decode(String... reads) {
        Recorder r = new Recorder();
        SseDecoder d = new SseDecoder(r);
        for (String read : reads) {
            d.feed(read.getBytes(StandardCharsets.UTF_8));
        }
        d.end();
        return r.seen;
    }

    private static List<String> decodeSplitAt(byte[] input, int at) {
        Recorder r = new Recorder();
        SseDecoder d = new SseDecoder(r);
        d.feed(input, 0, at);
        d.feed(input, at, input.length - at);
        d.end();
        return r.seen;
    }

    @Test
    void dispatchesAnEventAtABlankLine() {
        assertThat(decode("data: {\"a\":1}\n\ndata: {\"b\":2}\n\n"))
                .containsExactly("event=null data={\"a\":1}", "event=null data={\"b\":2}", "end midLine=false");
    }

    @Test
    void dataWithOrWithoutASpaceAfterTheColon() {
        assertThat(decode("data:x\n\ndata: y\n\ndata:  z\n\n"))
                .containsExactly("event=null data=x", "event=null data=y", "event=null data= z", "end midLine=false");
    }

    @Test
    void severalDataLinesAreJoinedWithLf() {
        assertThat(decode("data: one\ndata:\ndata: three\n\n"))
                .containsExactly("event=null data=one\n\nthree", "end midLine=false");
    }

    @Test
    void eventNamesApplyToTheirEventOnly() {
        assertThat(decode("event: message_start\ndata: {}\n\ndata: plain\n\nevent: ping\n\ndata: after\n\n"))
                .containsExactly("event=message_start data={}", "event=null data=plain", "event=null data=after",
                        "end midLine=false");
    }

    @Test
    void commentsIdsAndRetriesAreIgnored() {
        assertThat(decode(": keep-alive\nid: 7\nretry: 1000\ndata: x\n:another\n\n"))
                .containsExactly("event=null data=x", "end midLine=false");
    }

    @Test
    void acceptsCrlfAndLoneCrLineEnds() {
        assertThat(decode("event: a\r\ndata: 1\r\n\r\ndata: 2\r\rdata: 3\n\n"))
                .containsExactly("event=a data=1", "event=null data=2", "event=null data=3", "end midLine=false");
    }

    @Test
    void aCrlfSplitAcrossReadsIsNotABlankLine() {
        assertThat(decode("data: one\r", "\ndata: two\r", "\n\r", "\n"))
                .containsExactly("event=null data=one\ntwo", "end midLine=false");
    }

    @Test
    void aMissingFinalBlankLineStillDispatches() {
        assertThat(decode("data: last\n")).containsExactly("event=null data=last", "end midLine=false");
        assertThat(decode("data: cut")).containsExactly("event=null data=cut", "end midLine=true");
    }

    @Test
    void reportsStrayLinesThatAreNotFields() {
        assertThat(decode("{\"error\": {\"code\": 429}}\ndata: x\n\nnot-a-field\nunknown: ignored\n\n"))
                .containsExactly("stray={\"error\": {\"code\": 429}}", "event=null data=x", "stray=not-a-field",
                        "end midLine=false");
    }

    @Test
    void aFourByteCharacterSplitAtEveryPositionArrivesWhole() {
        byte[] input = "event: e🎉\ndata: 🎉🎉\n\n".getBytes(StandardCharsets.UTF_8);
        for (int at = 0; at <= input.length; at++) {
            assertThat(decodeSplitAt(input, at)).as("split at %d", at)
                    .containsExactly("event=e🎉 data=🎉🎉", "end midLine=false");
        }
    }

    @Test
    void oneByteAtATimeGivesTheSameEvents() {
        byte[] input = "event: a\r\ndata: 1\r\n\r\n: c\ndata: 🎉\n\n".getBytes(StandardCharsets.UTF_8);
        Recorder r = new Recorder();
        SseDecoder d = new SseDecoder(r);
        for (int i = 0; i < input.length; i++) {
            d.feed(input, i, 1);
        }
        d.end();

        assertThat(r.seen).containsExactly("event=a data=1", "event=null data=🎉", "end midLine=false");
    }

    @Test
    void anEmptyDataFieldIsStillAnEvent() {
        assertThat(decode("data:\n\ndata\n\n"))
                .containsExactly("event=null data=", "event=null data=", "end midLine=false");
    }
}
