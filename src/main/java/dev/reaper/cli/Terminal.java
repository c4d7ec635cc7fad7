package dev.reaper.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a standard stream is a terminal, decided without touching it. */
final class Terminal {

    private Terminal() {}

    /** fd 0, 1 or 2. On Linux the answer comes from /proc; elsewhere a console means both stdin and stdout are. */
    static boolean isTty(int fd) {
        Path link = Path.of("/proc/self/fd/" + fd);
        if (Files.exists(Path.of("/proc/self/fd"))) {
            try {
                String target = Files.readSymbolicLink(link).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        return fd != 2 && System.console() != null;
    }
}
