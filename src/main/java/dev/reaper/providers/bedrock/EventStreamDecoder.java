package dev.reaper.providers.bedrock;

import dev.reaper.router.wire.StreamDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * The AWS event stream framing ({@code application/vnd.amazon.eventstream}), decoded from bytes fed in
 * any split. A frame is, big-endian: total length (u32), headers length (u32), the CRC32 of those eight
 * bytes, the headers, the payload, and the CRC32 of everything before it. Both checksums are checked
 * before anything in the frame is believed. A bad checksum, impossible lengths, a header that runs past
 * its block or has an unknown type, and input that ends inside a frame are reported once to
 * {@link Handler#onMalformed}, after which the rest of the input is ignored.
 */
final class EventStreamDecoder implements StreamDecoder {

    /** Receives decoded frames. */
    interface Handler {
        void onMessage(EventStreamMessage message);

        /** The stream broke the framing; {@code problem} says how, and nothing more is delivered. */
        void onMalformed(String problem);
    }

    private static final int PRELUDE = 12;
    private static final int OVERHEAD = PRELUDE + 4;
    /** AWS caps a frame at 16 MiB and its headers at 128 KiB. */
    private static final int MAX_FRAME = 16 * 1024 * 1024;
    private static final int MAX_HEADERS = 128 * 1024;

    private final Handler handler;
    private byte[] buffer = new byte[8192];
    private int start;
    private int end;
    /** Stream offset of {@code buffer[start]}, for messages that say where a frame went wrong. */
    private long offset;
    private boolean failed;

    EventStreamDecoder(Handler handler) {
        this.handler = handler;
    }

    @Override
    public void feed(byte[] bytes, int from, int length) {
        if (failed || length == 0) {
            return;
        }
        append(bytes, from, length);
        drain();
    }

    @Override
    public void end() {
        if (failed || end == start) {
            return;
        }
        int have = end - start;
        String frame = have < PRELUDE ? "its 12-byte prelude" : "a frame of " + ByteBuffer.wrap(buffer, start, 4).getInt()
                + " bytes";
        fail("the stream ended " + have + " bytes into " + frame + " at byte " + offset);
    }

    private void append(byte[] bytes, int from, int length) {
        if (start > 0 && end + length > buffer.length) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end + length > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, end + length));
        }
        System.arraycopy(bytes, from, buffer, end, length);
        end += length;
    }

    private void drain() {
        while (!failed && end - start >= PRELUDE) {
            ByteBuffer prelude = ByteBuffer.wrap(buffer, start, PRELUDE);
            long total = Integer.toUnsignedLong(prelude.getInt());
            long headersLength = Integer.toUnsignedLong(prelude.getInt());
            long preludeCrc = Integer.toUnsignedLong(prelude.getInt());
            if (crc(start, 8) != preludeCrc) {
                fail("the prelude checksum of the frame at byte " + offset + " does not match");
                return;
            }
            if (total < OVERHEAD || total > MAX_FRAME || headersLength > MAX_HEADERS
                    || headersLength > total - OVERHEAD) {
                fail("the frame at byte " + offset + " claims impossible lengths (" + total + " bytes, "
                        + headersLength + " of headers)");
                return;
            }
            if (end - start < total) {
                return; // wait for the rest of the frame
            }
            frame((int) total, (int) headersLength);
        }
    }

    private void frame(int total, int headersLength) {
        long messageCrc = Integer.toUnsignedLong(ByteBuffer.wrap(buffer, start + total - 4, 4).getInt());
        if (crc(start, total - 4) != messageCrc) {
            fail("the message checksum of the frame at byte " + offset + " does not match");
            return;
        }
        Map<String, Object> headers = headers(start + PRELUDE, headersLength);
        if (headers == null) {
            return;
        }
        int payloadStart = start + PRELUDE + headersLength;
        byte[] payload = Arrays.copyOfRange(buffer, payloadStart, start + total - 4);
        start += total;
        offset += total;
        if (start == end) {
            start = 0;
            end = 0;
        }
        handler.onMessage(new EventStreamMessage(headers, payload));
    }

    /** The headers of the frame at {@code start}, or null (after reporting why) when they do not parse. */
    private Map<String, Object> headers(int from, int length) {
        Map<String, Object> headers = new LinkedHashMap<>();
        ByteBuffer in = ByteBuffer.wrap(buffer, from, length);
        try {
            while (in.hasRemaining()) {
                String name = string(in, in.get() & 0xff);
                int type = in.get() & 0xff;
                Object value = switch (type) {
                    case 0 -> Boolean.TRUE;
                    case 1 -> Boolean.FALSE;
                    case 2 -> in.get();
                    case 3 -> in.getShort();
                    case 4 -> in.getInt();
                    case 5 -> in.getLong();
                    case 6 -> bytes(in, in.getShort() & 0xffff);
                    case 7 -> string(in, in.getShort() & 0xffff);
                    case 8 -> Instant.ofEpochMilli(in.getLong());
                    case 9 -> new UUID(in.getLong(), in.getLong());
                    default -> null;
                };
                if (value == null) {
                    fail("header '" + name + "' of the frame at byte " + offset + " has unknown type " + type);
                    return null;
                }
                headers.put(name, value);
            }
        } catch (java.nio.BufferUnderflowException e) {
            fail("a header of the frame at byte " + offset + " runs past the header block");
            return null;
        }
        return headers;
    }

    private static byte[] bytes(ByteBuffer in, int length) {
        byte[] b = new byte[length];
        in.get(b);
        return b;
    }

    private static String string(ByteBuffer in, int length) {
        return new String(bytes(in, length), StandardCharsets.UTF_8);
    }

    private long crc(int from, int length) {
        CRC32 crc = new CRC32();
        crc.update(buffer, from, length);
        return crc.getValue();
    }

    private void fail(String problem) {
        failed = true;
        buffer = new byte[0];
        start = 0;
        end = 0;
        handler.onMalformed(problem);
    }
}
