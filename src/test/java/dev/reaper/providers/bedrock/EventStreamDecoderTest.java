package dev.reaper.providers.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class EventStreamDecoderTest {

    /** What a decoder delivered: frames, then at most one problem. */
    static final class Recorder implements EventStreamDecoder.Handler {
        final List<EventStreamMessage> messages = new ArrayList<>();
        final List<String> problems = new ArrayList<>();

        @Override
        public void onMessage(EventStreamMessage message) {
            messages.add(message);
        }

        @Override
        public void onMalformed(String problem) {
            problems.add(problem);
        }
    }

    static Recorder decode(byte[] body, int readSize) {
        Recorder r = new Recorder();
        EventStreamDecoder d = new EventStreamDecoder(r);
        for (int i = 0; i < body.length; i += readSize) {
            d.feed(Arrays.copyOfRange(body, i, Math.min(body.length, i + readSize)));
        }
        d.end();
        return r;
    }

    static byte[] fixture(String name) {
        try (InputStream in = EventStreamDecoderTest.class.getResourceAsStream("/wire/amazon-bedrock/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyHeaderValueTypeIsRead() {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("yes", true);
        headers.put("no", false);
        headers.put("byte", (byte) -7);
        headers.put("short", (short) -300);
        headers.put("int", 70_000);
        headers.put("long", 1L << 40);
        headers.put("bytes", new byte[] {1, 2, 3});
        headers.put("string", "héllo");
        headers.put("time", Instant.parse("2025-03-01T10:00:00.123Z"));
        headers.put("uuid", UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
        byte[] body = EventStreamFrames.frame(headers, "payload".getBytes(StandardCharsets.UTF_8));

        for (int read : new int[] {body.length, 1, 5}) {
            Recorder r = decode(body, read);
            assertThat(r.problems).isEmpty();
            assertThat(r.messages).singleElement().satisfies(m -> {
                assertThat(m.headers()).containsOnlyKeys(headers.keySet());
                headers.forEach((name, value) -> {
                    if (value instanceof byte[] b) {
                        assertThat((byte[]) m.headers().get(name)).isEqualTo(b);
                    } else {
                        assertThat(m.headers().get(name)).isEqualTo(value);
                    }
                });
                assertThat(m.stringHeader("string")).isEqualTo("héllo");
                assertThat(m.stringHeader("int")).isNull();
                assertThat(new String(m.payload(), StandardCharsets.UTF_8)).isEqualTo("payload");
            });
        }
    }

    @Test
    void aRecordedStreamSplitsIntoItsFramesHoweverItIsRead() {
        byte[] body = fixture("amazon-bedrock-text.eventstream");

        for (int read : new int[] {body.length, 1, 13, 4096}) {
            Recorder r = decode(body, read);
            assertThat(r.problems).isEmpty();
            assertThat(r.messages).hasSize(16);
            assertThat(r.messages.get(0).stringHeader(":event-type")).isEqualTo("messageStart");
            assertThat(new String(r.messages.get(0).payload(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"role\":\"assistant\"}");
            assertThat(r.messages.get(15).stringHeader(":message-type")).isEqualTo("event");
        }
    }

    @Test
    void aFrameWithoutHeadersOrPayloadIsValid() {
        Recorder r = decode(EventStreamFrames.frame(Map.of(), new byte[0]), 1);

        assertThat(r.problems).isEmpty();
        assertThat(r.messages).singleElement().satisfies(m -> {
            assertThat(m.headers()).isEmpty();
            assertThat(m.payload()).isEmpty();
        });
    }

    @Test
    void aCorruptedLengthFailsThePreludeChecksum() {
        byte[] body = fixture("amazon-bedrock-text.eventstream");
        int second = ByteBuffer.wrap(body).getInt(0);
        body[second + 3] ^= 0x01; // the second frame's total length

        Recorder r = decode(body, 7);

        assertThat(r.messages).hasSize(1);
        assertThat(r.problems).containsExactly(
                "the prelude checksum of the frame at byte " + second + " does not match");
    }

    @Test
    void aCorruptedPayloadFailsTheMessageChecksum() {
        byte[] body = fixture("amazon-bedrock-text.eventstream");
        int second = ByteBuffer.wrap(body).getInt(0);
        int third = second + ByteBuffer.wrap(body).getInt(second);
        body[third - 6] ^= 0x20; // inside the second frame's JSON payload

        Recorder r = decode(body, body.length);

        assertThat(r.messages).hasSize(1);
        assertThat(r.problems).containsExactly(
                "the message checksum of the frame at byte " + second + " does not match");
    }

    @Test
    void aStreamCutInsideAFrameIsReportedAtTheEnd() {
        byte[] body = fixture("amazon-bedrock-text.eventstream");
        int second = ByteBuffer.wrap(body).getInt(0);
        int secondLength = ByteBuffer.wrap(body).getInt(second);

        Recorder r = decode(Arrays.copyOf(body, second + 20), 3);

        assertThat(r.messages).hasSize(1);
        assertThat(r.problems).containsExactly(
                "the stream ended 20 bytes into a frame of " + secondLength + " bytes at byte " + second);
    }

    @Test
    void aStreamCutInsideAPreludeIsReportedAtTheEnd() {
        byte[] body = fixture("amazon-bedrock-text.eventstream");

        Recorder r = decode(Arrays.copyOf(body, 5), 1);

        assertThat(r.messages).isEmpty();
        assertThat(r.problems).containsExactly("the stream ended 5 bytes into its 12-byte prelude at byte 0");
    }

    @Test
    void lengthsThatCannotHoldTheFrameAreRefusedEvenWithAGoodChecksum() {
        ByteBuffer b = ByteBuffer.allocate(16);
        b.putInt(16).putInt(40); // 40 bytes of headers in a 16-byte frame
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, 8);
        b.putInt((int) crc.getValue());

        Recorder r = decode(b.array(), 16);

        assertThat(r.problems).containsExactly(
                "the frame at byte 0 claims impossible lengths (16 bytes, 40 of headers)");
    }

    @Test
    void anUnknownHeaderTypeIsMalformed() {
        byte[] body = EventStreamFrames.frame(Map.of("n", 1), new byte[0]);
        body[12 + 2] = 10; // the type byte of header "n"
        fixMessageCrc(body);

        Recorder r = decode(body, body.length);

        assertThat(r.messages).isEmpty();
        assertThat(r.problems).containsExactly("header 'n' of the frame at byte 0 has unknown type 10");
    }

    @Test
    void nothingIsDeliveredAfterTheFirstProblem() {
        byte[] good = EventStreamFrames.event("messageStop", "{}");
        byte[] bad = good.clone();
        bad[bad.length - 1] ^= 1;

        Recorder r = decode(EventStreamFrames.concat(good, bad, good), 1);

        assertThat(r.messages).hasSize(1);
        assertThat(r.problems).hasSize(1);
    }

    private static void fixMessageCrc(byte[] frame) {
        CRC32 crc = new CRC32();
        crc.update(frame, 0, frame.length - 4);
        ByteBuffer.wrap(frame).putInt(frame.length - 4, (int) crc.getValue());
    }
}
