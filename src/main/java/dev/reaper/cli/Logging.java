package dev.reaper.cli;

import dev.reaper.secret.Redactor;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Logs go to a file in the state folder, and to stderr with {@code -v}; never to stdout, which belongs
 * to the answer. Every line is redacted.
 */
final class Logging {

    private Logging() {}

    static void configure(Path logFile, boolean verbose, PrintWriter err) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(verbose ? Level.FINE : Level.INFO);
        try {
            Files.createDirectories(logFile.getParent());
            Writer file = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            root.addHandler(new LineHandler(file, Level.INFO, true));
        } catch (IOException e) {
            // no log file (read-only or full disk): logging must not stop the run
        }
        if (verbose) {
            root.addHandler(new LineHandler(err, Level.FINE, false));
        }
    }

    private static final class LineHandler extends Handler {
        private final Writer out;
        private final boolean stamp;

        LineHandler(Writer out, Level level, boolean stamp) {
            this.out = out;
            this.stamp = stamp;
            setLevel(level);
        }

        @Override
        public synchronized void publish(LogRecord r) {
            if (!isLoggable(r)) {
                return;
            }
            StringBuilder sb = new StringBuilder();
            if (stamp) {
                sb.append(Instant.ofEpochMilli(r.getMillis())).append(' ').append(r.getLevel()).append(' ');
            } else {
                sb.append("reaper: ");
            }
            String logger = r.getLoggerName() == null ? "" : r.getLoggerName();
            sb.append(logger.substring(logger.lastIndexOf('.') + 1)).append(": ").append(r.getMessage());
            if (r.getThrown() != null) {
                sb.append(" (").append(r.getThrown()).append(')');
            }
            try {
                out.write(Redactor.global().redact(sb.toString()));
                out.write(System.lineSeparator());
                out.flush();
            } catch (IOException ignored) {
                // the log is best-effort
            }
        }

        @Override
        public void flush() {
            try {
                out.flush();
            } catch (IOException ignored) {
                // best-effort
            }
        }

        @Override
        public void close() {
            flush();
        }
    }
}
