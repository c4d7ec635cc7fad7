package dev.reaper.tui.input;

import dev.reaper.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Prompts typed before, newest last, kept in a file across sessions (one JSON string per line). Up and
 * Down walk it, keeping what was being typed as a draft; Ctrl+R searches it.
 */
public final class History {

    static final int MAX = 1000;

    private final Path file;
    private final List<String> entries = new ArrayList<>();
    private boolean loaded;
    private int index = -1;
    private String draft = "";

    public History(Path file) {
        this.file = file;
    }

    /** The entries, read from the file on first use (start-up does not wait for it). */
    private List<String> entries() {
        if (!loaded) {
            loaded = true;
            if (file != null && Files.isRegularFile(file)) {
                try {
                    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                        Json.tryParse(line).filter(n -> n.isTextual()).ifPresent(n -> entries.add(n.asText()));
                    }
                } catch (IOException | java.io.UncheckedIOException e) {
                    // no history: start empty
                }
                while (entries.size() > MAX) {
                    entries.remove(0);
                }
            }
        }
        return entries;
    }

    public void add(String entry) {
        index = -1;
        if (entry.isBlank() || (!entries().isEmpty() && entries().get(entries().size() - 1).equals(entry))) {
            return;
        }
        entries().add(entry);
        if (file != null) {
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, Json.write(entry) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException ignored) {
                // history is a convenience; a full disk must not stop typing
            }
        }
    }

    /** The previous entry, remembering {@code current} as the draft when leaving it. */
    public Optional<String> previous(String current) {
        if (entries().isEmpty()) {
            return Optional.empty();
        }
        if (index == -1) {
            draft = current;
            index = entries().size();
        }
        if (index == 0) {
            return Optional.empty();
        }
        index--;
        return Optional.of(entries().get(index));
    }

    /** The next entry, or the draft after the newest. */
    public Optional<String> next() {
        if (index == -1) {
            return Optional.empty();
        }
        index++;
        if (index >= entries().size()) {
            index = -1;
            return Optional.of(draft);
        }
        return Optional.of(entries().get(index));
    }

    /** The newest entry containing {@code query} that is older than {@code before} (an index), or empty. */
    public Optional<Integer> search(String query, int before) {
        for (int i = Math.min(before, entries().size()) - 1; i >= 0; i--) {
            if (entries().get(i).contains(query)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    public String get(int i) {
        return entries().get(i);
    }

    public int size() {
        return entries().size();
    }
}
