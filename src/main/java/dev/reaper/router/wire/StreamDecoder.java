package dev.reaper.router.wire;

/**
 * Turns a response body into events, fed with bytes exactly as they arrive: any split, one byte at a
 * time included. {@link #end()} is called once at end of input; a decoder must never wait for more.
 */
public interface StreamDecoder {

    void feed(byte[] bytes, int offset, int length);

    void end();

    default void feed(byte[] bytes) {
        feed(bytes, 0, bytes.length);
    }
}
