package dev.reaper.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A checkpoint before each prompt: how long the conversation was, and the bytes of every file the prompt's
 * tools then changed, taken just before the first change. Undo puts the files back and says how long the
 * conversation should become. Changes made by shell commands are not seen, and so not undone.
 */
final class Checkpoints {

    /** Checkpoints kept; older ones are dropped. */
    static final int KEEP = 20;
    /** Above this, a checkpoint stops taking file copies and can no longer be undone. */
    static final long MAX_BYTES = 64L * 1024 * 1024;

    private static final class Checkpoint {
        final int historySize;
        final Map<Path, byte[]> files = new LinkedHashMap<>(); // null: the file did not exist
        long bytes;
        boolean complete = true;

        Checkpoint(int historySize) {
            this.historySize = historySize;
        }
    }

    /** What an undo did. */
    record Undone(int historySize, List<Path> restored, List<Path> removed) {}

    private final Deque<Checkpoint> stack = new ArrayDeque<>();

    void begin(int historySize) {
        stack.push(new Checkpoint(historySize));
        while (stack.size() > KEEP) {
            stack.removeLast();
        }
    }

    /** Called before a tool writes {@code path}: the first time in a checkpoint, its bytes are kept. */
    void beforeChange(Path path) {
        Checkpoint c = stack.peek();
        if (c == null || c.files.containsKey(path) || !c.complete) {
            return;
        }
        try {
            byte[] data = Files.isRegularFile(path) ? Files.readAllBytes(path) : null;
            c.bytes += data == null ? 0 : data.length;
            if (c.bytes > MAX_BYTES) {
                c.complete = false;
                c.files.clear();
                return;
            }
            c.files.put(path, data);
        } catch (IOException e) {
            c.complete = false;
        }
    }

    boolean isEmpty() {
        return stack.isEmpty();
    }

    /** Restores the files of the last checkpoint and drops it; empty when there is none to undo. */
    Optional<Undone> undo() throws IOException {
        Checkpoint c = stack.peek();
        if (c == null) {
            return Optional.empty();
        }
        if (!c.complete) {
            throw new IOException("the last turn changed more than " + MAX_BYTES / (1024 * 1024)
                    + " MB of files, too much to keep a copy: it cannot be undone");
        }
        stack.pop();
        List<Path> restored = new ArrayList<>();
        List<Path> removed = new ArrayList<>();
        for (Map.Entry<Path, byte[]> e : c.files.entrySet()) {
            Path p = e.getKey();
            if (e.getValue() == null) {
                if (Files.deleteIfExists(p)) {
                    removed.add(p);
                }
            } else {
                Files.createDirectories(p.toAbsolutePath().getParent());
                Path tmp = Files.createTempFile(p.toAbsolutePath().getParent(), "." + p.getFileName(), ".reaper-undo");
                Files.write(tmp, e.getValue());
                Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                restored.add(p);
            }
        }
        return Optional.of(new Undone(c.historySize, restored, removed));
    }
}
