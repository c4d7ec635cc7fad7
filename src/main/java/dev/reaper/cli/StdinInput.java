package dev.reaper.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Timer;
import java.util.TimerTask;

/**
 * Piped standard input, read whole (up to a cap). Binary data is described rather than passed on, and
 * text that is not UTF-8 is decoded with replacement characters and flagged.
 */
final class StdinInput {

    static final int MAX_BYTES = 4 * 1024 * 1024;

    record Read(String text, String note) {}

    private StdinInput() {}

    static Read read(InputStream in, PrintWriter err, boolean promptGiven) throws IOException {
        Timer hint = new Timer("stdin-hint", true);
        if (promptGiven) {
            hint.schedule(new TimerTask() {
                @Override
                public void run() {
                    err.println("reaper: waiting for standard input to end (pipe data in, or run with </dev/null)");
                    err.flush();
                }
            }, 5000);
        }
        byte[] bytes;
        boolean cut;
        try {
            bytes = in.readNBytes(MAX_BYTES + 1);
            cut = bytes.length > MAX_BYTES;
            if (cut) {
                bytes = java.util.Arrays.copyOf(bytes, MAX_BYTES);
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
        } finally {
            hint.cancel();
        }
        for (int i = 0; i < Math.min(bytes.length, 8192); i++) {
            if (bytes[i] == 0) {
                return new Read("", "standard input held " + bytes.length + " bytes of binary data; it is not included");
            }
        }
        String note = cut ? "standard input was cut at " + MAX_BYTES / (1024 * 1024) + " MB" : null;
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return new Read(text, note);
        } catch (CharacterCodingException e) {
            String text = new String(bytes, StandardCharsets.UTF_8);
            return new Read(text, (note == null ? "" : note + "; ")
                    + "standard input is not valid UTF-8: undecodable bytes are shown as \uFFFD");
        }
    }
}
