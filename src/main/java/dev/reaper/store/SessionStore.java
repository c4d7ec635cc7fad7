package dev.reaper.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reaper.json.Json;
import dev.reaper.protocol.ContentBlock;
import dev.reaper.protocol.Message;
import dev.reaper.protocol.Role;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Session transcripts in one folder, one {@code ID.jsonl} each. Loading tolerates a torn last line and
 * repairs a conversation cut inside a turn (tool calls without results get an "interrupted" result), so
 * any session can be resumed.
 */
public final class SessionStore {

    private final Path dir;
    private final Clock clock;

    public SessionStore(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
    }

    /** A loaded session: its metadata, its conversation, and what had to be repaired. */
    public record Loaded(SessionMeta meta, List<Message> messages, List<String> repairs) {}

    public Transcript create(String workspace, String model) {
        String id = SessionIds.next(clock);
        try {
            Files.createDirectories(dir);
            Transcript t = new Transcript(id, file(id), clock);
            ObjectNode meta = Json.object();
            meta.put("id", id);
            meta.put("workspace", workspace);
            meta.put("model", model);
            t.append("session", meta);
            return t;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a session in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Reopens a session's transcript to append to it. */
    public Transcript reopen(String id) {
        try {
            return new Transcript(id, file(id), clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open session " + id + ": " + e.getMessage(), e);
        }
    }

    private Path file(String id) {
        return dir.resolve(id + ".jsonl");
    }

    /** The full id for an id or a unique prefix of one. */
    public Optional<String> resolve(String idOrPrefix) {
        if (!SessionIds.plausible(idOrPrefix)) {
            return Optional.empty();
        }
        String p = idOrPrefix.toLowerCase(java.util.Locale.ROOT);
        if (Files.isRegularFile(file(p))) {
            return Optional.of(p);
        }
        List<String> hits = ids().stream().filter(id -> id.startsWith(p)).toList();
        return hits.size() == 1 ? Optional.of(hits.get(0)) : Optional.empty();
    }

    private List<String> ids() {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.jsonl")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                out.add(name.substring(0, name.length() - ".jsonl".length()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list sessions in " + dir, e);
        }
        return out;
    }

    public Loaded load(String id) {
        Path f = file(id);
        List<Message> messages = new ArrayList<>();
        List<String> repairs = new ArrayList<>();
        String workspace = "";
        String model = "";
        Instant created = null;
        Instant updated = null;
        // Lenient decoding: a crash can cut the last line inside a multi-byte character, and that line is
        // skipped below like any torn line rather than making the whole session unreadable.
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(f), decoder))) {
            List<String> lines = in.lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.isBlank()) {
                    continue;
                }
                Optional<JsonNode> rec = Json.tryParse(line);
                if (rec.isEmpty()) {
                    repairs.add(i == lines.size() - 1 ? "ignored a torn last line (the session was cut off while writing)"
                            : "skipped an unreadable line " + (i + 1));
                    continue;
                }
                JsonNode r = rec.get();
                Instant ts = parseTs(Json.text(r, "ts"));
                if (created == null) {
                    created = ts;
                }
                if (ts != null) {
                    updated = ts;
                }
                switch (String.valueOf(Json.text(r, "type"))) {
                    case "session" -> {
                        workspace = r.path("workspace").asText("");
                        model = r.path("model").asText("");
                    }
                    case "message" -> messages.add(MessageCodec.decode(r.path("message")));
                    case "rewind" -> {
                        int to = r.path("to").asInt(messages.size());
                        while (messages.size() > Math.max(0, to)) {
                            messages.remove(messages.size() - 1);
                        }
                    }
                    case "compact" -> {
                        messages.clear();
                        r.path("messages").forEach(m -> messages.add(MessageCodec.decode(m)));
                    }
                    case "model" -> model = r.path("model").asText(model);
                    default -> { }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read session " + id + ": " + e.getMessage(), e);
        }
        repair(messages, repairs);
        Instant now = clock.instant();
        SessionMeta meta = new SessionMeta(id, created == null ? now : created, updated == null ? now : updated,
                workspace, model, title(messages), messages.size());
        return new Loaded(meta, messages, repairs);
    }

    /** Tool calls left without results (a crash or an interrupt mid-turn) get an "interrupted" result. */
    static void repair(List<Message> messages, List<String> repairs) {
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            if (m.role() != Role.ASSISTANT || m.toolUses().isEmpty()) {
                continue;
            }
            Set<String> answered = new HashSet<>();
            Message next = i + 1 < messages.size() ? messages.get(i + 1) : null;
            if (next != null && next.role() == Role.USER) {
                next.toolResults().forEach(r -> answered.add(r.toolUseId()));
            }
            List<ContentBlock> missing = new ArrayList<>();
            for (ContentBlock.ToolUse u : m.toolUses()) {
                if (!answered.contains(u.id())) {
                    missing.add(new ContentBlock.ToolResult(u.id(),
                            "interrupted: the session stopped before this tool call finished", true));
                }
            }
            if (missing.isEmpty()) {
                continue;
            }
            if (next != null && next.role() == Role.USER) {
                List<ContentBlock> merged = new ArrayList<>(missing);
                merged.addAll(next.content());
                messages.set(i + 1, new Message(Role.USER, merged));
            } else {
                messages.add(i + 1, new Message(Role.USER, missing));
            }
            repairs.add("marked " + missing.size() + " unfinished tool call(s) as interrupted");
        }
    }

    private static Instant parseTs(String s) {
        try {
            return s == null ? null : Instant.parse(s);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String title(List<Message> messages) {
        for (Message m : messages) {
            String t = titleOf(m);
            if (t != null) {
                return t;
            }
        }
        return "";
    }

    /** A user message's text on one line, shortened; null for messages without text. */
    private static String titleOf(Message m) {
        if (m.role() != Role.USER) {
            return null;
        }
        String t = m.text().strip().replaceAll("\\s+", " ");
        if (t.isEmpty()) {
            return null;
        }
        return t.length() > 60 ? t.substring(0, 59) + "…" : t;
    }

    /** Every session, newest first. */
    public List<SessionMeta> list() {
        List<SessionMeta> out = new ArrayList<>();
        for (String id : ids()) {
            try {
                out.add(meta(id));
            } catch (IOException | UncheckedIOException e) {
                // unreadable transcript: leave it out of the list
            }
        }
        out.sort(Comparator.comparing(SessionMeta::updated).reversed());
        return out;
    }

    /**
     * A session's metadata without decoding its whole conversation: only the header, the first prompt and
     * model records are parsed; messages are counted by their record prefix (records are written with
     * {@code type} first). The update time is that of the last record.
     */
    SessionMeta meta(String id) throws IOException {
        Path f = file(id);
        String workspace = "";
        String model = "";
        String title = null;
        Instant created = null;
        int messages = 0;
        String last = null;
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(f), decoder))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    last = line;
                }
                if (line.startsWith("{\"type\":\"message\"")) {
                    messages++;
                    if (title == null && line.contains("\"role\":\"user\"")) {
                        title = Json.tryParse(line).map(r -> titleOf(MessageCodec.decode(r.path("message")))).orElse(null);
                    }
                } else if (line.startsWith("{\"type\":\"session\"") || line.startsWith("{\"type\":\"model\"")) {
                    Optional<JsonNode> r = Json.tryParse(line);
                    if (r.isPresent()) {
                        model = r.get().path("model").asText(model);
                        if (Json.text(r.get(), "workspace") != null) {
                            workspace = Json.text(r.get(), "workspace");
                            created = parseTs(Json.text(r.get(), "ts"));
                        }
                    }
                }
            }
        }
        // the time of the last record that can be read; a torn last line falls back to the file's time
        Instant updated = last == null ? null : Json.tryParse(last).map(r -> parseTs(Json.text(r, "ts"))).orElse(null);
        if (updated == null) {
            updated = Files.getLastModifiedTime(f).toInstant();
        }
        return new SessionMeta(id, created == null ? updated : created, updated, workspace, model,
                title == null ? "" : title, messages);
    }

    /** The most recently updated session of a workspace. */
    public Optional<SessionMeta> latest(String workspace) {
        return list().stream().filter(m -> m.workspace().equals(workspace)).findFirst();
    }

    public boolean delete(String id) {
        try {
            return Files.deleteIfExists(file(id));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete session " + id + ": " + e.getMessage(), e);
        }
    }
}
