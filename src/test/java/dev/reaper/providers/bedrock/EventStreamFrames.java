package dev.reaper.providers.bedrock;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;

/** Writes AWS event stream frames for tests, with every header value type. */
final class EventStreamFrames {

    private EventStreamFrames() {}

    /** A ConverseStream event frame: {@code :event-type} and a JSON payload. */
    static byte[] event(String eventType, String json) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put(":event-type", eventType);
        h.put(":content-type", "application/json");
        h.put(":message-type", "event");
        return frame(h, json.getBytes(StandardCharsets.UTF_8));
    }

    /** An exception frame, as Bedrock sends a failure after HTTP 200. */
    static byte[] exception(String exceptionType, String json) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put(":exception-type", exceptionType);
        h.put(":content-type", "application/json");
        h.put(":message-type", "exception");
        return frame(h, json.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] frame(Map<String, Object> headers, byte[] payload) {
        byte[] h = headers(headers);
        int total = 12 + h.length + payload.length + 4;
        ByteBuffer b = ByteBuffer.allocate(total);
        b.putInt(total).putInt(h.length).putInt((int) crc(b.array(), 8));
        b.put(h).put(payload);
        b.putInt((int) crc(b.array(), total - 4));
        return b.array();
    }

    private static byte[] headers(Map<String, Object> headers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        headers.forEach((name, value) -> {
            byte[] n = name.getBytes(StandardCharsets.UTF_8);
            out.write(n.length);
            out.writeBytes(n);
            ByteBuffer v = switch (value) {
                case Boolean bool -> ByteBuffer.allocate(1).put((byte) (bool ? 0 : 1));
                case Byte x -> ByteBuffer.allocate(2).put((byte) 2).put(x);
                case Short x -> ByteBuffer.allocate(3).put((byte) 3).putShort(x);
                case Integer x -> ByteBuffer.allocate(5).put((byte) 4).putInt(x);
                case Long x -> ByteBuffer.allocate(9).put((byte) 5).putLong(x);
                case byte[] x -> ByteBuffer.allocate(3 + x.length).put((byte) 6).putShort((short) x.length).put(x);
                case String s -> {
                    byte[] x = s.getBytes(StandardCharsets.UTF_8);
                    yield ByteBuffer.allocate(3 + x.length).put((byte) 7).putShort((short) x.length).put(x);
                }
                case Instant t -> ByteBuffer.allocate(9).put((byte) 8).putLong(t.toEpochMilli());
                case UUID u -> ByteBuffer.allocate(17).put((byte) 9).putLong(u.getMostSignificantBits())
                        .putLong(u.getLeastSignificantBits());
                default -> throw new IllegalArgumentException("no header type for " + value.getClass());
            };
            out.writeBytes(v.array());
        });
        return out.toByteArray();
    }

    private static long crc(byte[] bytes, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, length);
        return crc.getValue();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
