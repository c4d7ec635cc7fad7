package dev.reaper.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.logging.Logger;

/**
 * The stderr of a process Reaper started (a language server, an MCP server), read to its end on a thread
 * of its own: each line goes to Reaper's log (up to a limit, so a chatty server cannot fill it), never to
 * the terminal, and the last few are kept to say why the process exited.
 */
public final class StderrLog {

    private static final Logger LOG = Logger.getLogger(StderrLog.class.getName());
    static final int LOGGED = 2_000;
    static final int KEPT = 5;

    private final String server;
    private final Deque<String> last = new ArrayDeque<>();
    private final Thread reader;

    /** @param server how the log names the process: {@code pyright}, {@code mcp everything} */
    public StderrLog(String server, InputStream stderr) {
        this.server = server;
        this.reader = Thread.ofVirtual().name("reaper-" + server.replace(' ', '-') + "-stderr").start(() -> read(stderr));
    }

    private void read(InputStream stderr) {
        int logged = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                synchronized (last) {
                    last.addLast(line.strip());
                    if (last.size() > KEPT) {
                        last.removeFirst();
                    }
                }
                if (logged < LOGGED) {
                    LOG.info(server + " (stderr): " + line);
                } else if (logged == LOGGED) {
                    LOG.info(server + " (stderr): more lines follow; they are not logged");
                }
                logged++;
            }
        } catch (IOException e) {
            // the process is gone
        }
    }

    /** The last lines, joined; once the process has exited, waits briefly for them to be read. */
    public String lastWords() {
        try {
            reader.join(Duration.ofMillis(500));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (last) {
            return String.join(" / ", last);
        }
    }
}
