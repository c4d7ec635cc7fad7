package dev.reaper.lsp;

import dev.reaper.protocol.Cancellation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.PublishDiagnosticsParams;

/**
 * The diagnostics a server last published for each file, and waiting for ones that are fresh: published
 * after a given version of the file was sent. Servers may publish a file's diagnostics in parts (syntax
 * first, types later), so a wait ends only once the file has been quiet for a moment. Times are
 * {@link System#nanoTime()} readings: these are real waits.
 */
final class Diagnostics {

    /** How long a file must go without a new publication before its diagnostics count as complete. */
    static final Duration SETTLE = Duration.ofMillis(300);

    private record Published(List<Diagnostic> items, Integer version, long seq, long at) {}

    private final Map<Path, Published> byFile = new TreeMap<>();
    private long seq;

    synchronized void publish(PublishDiagnosticsParams p) {
        Optional<Path> file = Uris.toPath(p.getUri());
        if (file.isEmpty()) {
            return;
        }
        seq++;
        byFile.put(file.get(), new Published(List.copyOf(p.getDiagnostics()), p.getVersion(), seq, System.nanoTime()));
        notifyAll();
    }

    /** A mark to wait from: publications after it are newer than anything seen so far. */
    synchronized long mark() {
        return seq;
    }

    /**
     * The file's diagnostics once the server has published them for {@code version} of it (or, when it does
     * not say versions, after {@code mark}) and then gone quiet for {@link #SETTLE}; empty when that does not
     * happen before {@code deadline} (a nanoTime) or the turn is cancelled.
     */
    synchronized Optional<List<Diagnostic>> await(Path file, int version, long mark, long deadline,
                                                  Cancellation cancel) throws InterruptedException {
        while (!cancel.isCancelled()) {
            long now = System.nanoTime();
            Published p = byFile.get(file);
            boolean fresh = p != null && p.seq > mark && (p.version == null || p.version >= version);
            long wakeUp = deadline;
            if (fresh) {
                long quietAt = p.at + SETTLE.toNanos();
                if (now - quietAt >= 0 || now - deadline >= 0) {
                    return Optional.of(p.items);
                }
                wakeUp = quietAt - deadline < 0 ? quietAt : deadline;
            } else if (now - deadline >= 0) {
                return Optional.empty();
            }
            // short waits, so a cancelled turn is noticed soon
            wait(Math.max(1, Math.min(100, (wakeUp - now) / 1_000_000)));
        }
        return Optional.empty();
    }

    /** Every file's latest diagnostics, by path. */
    synchronized Map<Path, List<Diagnostic>> all() {
        Map<Path, List<Diagnostic>> out = new TreeMap<>();
        byFile.forEach((f, p) -> out.put(f, p.items));
        return out;
    }

    /** Forgets a file the server no longer reports on. */
    synchronized void forget(Path file) {
        byFile.remove(file);
    }
}
