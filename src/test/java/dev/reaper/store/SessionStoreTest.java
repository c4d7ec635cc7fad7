package dev.reaper.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reaper.json.Json;
import dev.reaper.protocol.ContentBlock;
import dev.reaper.protocol.Message;
import dev.reaper.protocol.Role;
import dev.reaper.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionStoreTest {

    @TempDir
    Path dir;

    final TestClock clock = new TestClock(Instant.parse("2025-03-01T10:00:00Z"));
    SessionStore store;

    @BeforeEach
    void setUp() {
        store = new SessionStore(dir, clock);
    }

    private static final List<Message> EVERY_BLOCK = List.of(
            new Message(Role.USER, List.of(new ContentBlock.Text("look at this → 🎉"),
                    new ContentBlock.Image("image/png", "iVBORw0KGgo="))),
            new Message(Role.ASSISTANT, List.of(
                    new ContentBlock.Reasoning("thinking…", "sig-abc", null, "anthropic"),
                    new ContentBlock.Reasoning("", null, "ENCRYPTED==", "anthropic"),
                    new ContentBlock.Text("Let me read it."),
                    new ContentBlock.ToolUse("call_1", "read", "{\"path\":\"a.txt\"}"),
                    new ContentBlock.ToolUse("call_2", "grep", "{\"pattern\":\"x\"}", "thought-sig", "google"),
                    new ContentBlock.Opaque("anthropic", "{\"type\":\"server_tool_use\",\"id\":\"srv_1\"}"))),
            new Message(Role.USER, List.of(
                    new ContentBlock.ToolResult("call_1", "     1→hello\n", false),
                    new ContentBlock.ToolResult("call_2", "invalid regular expression", true))),
            Message.assistant("Done."));

    private String createWith(String workspace, List<Message> messages) {
        try (Transcript t = store.create(workspace, "anthropic/claude-sonnet-4-5")) {
            messages.forEach(t::appendMessage);
            return t.sessionId();
        }
    }

    @Test
    void everyContentBlockRoundTrips() {
        String id = createWith("/work/project", EVERY_BLOCK);

        SessionStore.Loaded loaded = store.load(id);

        assertThat(loaded.messages()).isEqualTo(EVERY_BLOCK);
        assertThat(loaded.repairs()).isEmpty();
        assertThat(loaded.meta()).isEqualTo(new SessionMeta(id, clock.instant(), clock.instant(), "/work/project",
                "anthropic/claude-sonnet-4-5", "look at this → 🎉", 4));
    }

    @Test
    void theCodecRoundTripsEachBlockAlone() {
        for (Message m : EVERY_BLOCK) {
            assertThat(MessageCodec.decode(Json.parse(MessageCodec.encode(m).toString()))).isEqualTo(m);
        }
    }

    @Test
    void metadataFollowsTheRecords() {
        String id;
        try (Transcript t = store.create("/w", "openai/gpt-5")) {
            id = t.sessionId();
            clock.advance(Duration.ofMinutes(5));
            t.appendMessage(Message.user("   a\n  long   prompt " + "x".repeat(80)));
            ObjectNode switched = Json.object();
            switched.put("model", "google/gemini-2.5-pro");
            clock.advance(Duration.ofMinutes(5));
            t.append("model", switched);
        }

        SessionMeta meta = store.load(id).meta();

        assertThat(meta.created()).isEqualTo(Instant.parse("2025-03-01T10:00:00Z"));
        assertThat(meta.updated()).isEqualTo(Instant.parse("2025-03-01T10:10:00Z"));
        assertThat(meta.model()).isEqualTo("google/gemini-2.5-pro");
        assertThat(meta.title()).hasSize(60).startsWith("a long prompt xxx").endsWith("x…");
        assertThat(meta.messages()).isEqualTo(1);
    }

    @Test
    void aTornLastLineIsIgnoredAndTheSessionResumesAndGrowsCleanly() throws Exception {
        String id = createWith("/w", List.of(Message.user("first"), Message.assistant("answer")));
        Path file = dir.resolve(id + ".jsonl");
        String whole = "{\"type\":\"message\",\"ts\":\"2025-03-01T10:00:00Z\",\"message\":{\"role\":\"user\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"lost\"}]}}";
        Files.writeString(file, whole.substring(0, whole.length() / 2), StandardOpenOption.APPEND);

        SessionStore.Loaded torn = store.load(id);

        assertThat(torn.messages()).containsExactly(Message.user("first"), Message.assistant("answer"));
        assertThat(torn.repairs()).containsExactly("ignored a torn last line (the session was cut off while writing)");

        try (Transcript t = store.reopen(id)) {
            t.appendMessage(Message.user("second"));
        }
        SessionStore.Loaded resumed = store.load(id);

        assertThat(resumed.messages()).containsExactly(Message.user("first"), Message.assistant("answer"),
                Message.user("second"));
        assertThat(resumed.repairs()).hasSize(1);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(lines.size() - 1)).startsWith("{\"type\":\"message\"").contains("second");
        assertThat(lines.get(lines.size() - 2)).isEqualTo(whole.substring(0, whole.length() / 2));
    }

    @Test
    void aLastLineTornInsideAMultiByteCharacterIsIgnoredToo() throws Exception {
        String id = createWith("/w", List.of(Message.user("first")));
        Path file = dir.resolve(id + ".jsonl");
        byte[] line = ("{\"type\":\"message\",\"message\":{\"role\":\"assistant\",\"content\":[{\"type\":\"text\","
                + "\"text\":\"     1→x\"}]}}\n").getBytes(StandardCharsets.UTF_8);
        int arrow = indexOf(line, "→".getBytes(StandardCharsets.UTF_8));
        Files.write(file, Arrays.copyOf(line, arrow + 1), StandardOpenOption.APPEND);

        SessionStore.Loaded torn = store.load(id);

        assertThat(torn.messages()).containsExactly(Message.user("first"));
        assertThat(torn.repairs()).containsExactly("ignored a torn last line (the session was cut off while writing)");
        assertThat(store.list()).extracting(SessionMeta::id).containsExactly(id);
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    @Test
    void toolCallsWithoutResultsGetInterruptedResults() {
        Message calls = new Message(Role.ASSISTANT, List.of(new ContentBlock.Text("running"),
                new ContentBlock.ToolUse("c1", "bash", "{\"command\":\"make\"}"),
                new ContentBlock.ToolUse("c2", "read", "{\"path\":\"a\"}")));
        String id = createWith("/w", List.of(Message.user("build it"), calls));

        SessionStore.Loaded loaded = store.load(id);

        assertThat(loaded.messages()).containsExactly(Message.user("build it"), calls, new Message(Role.USER, List.of(
                new ContentBlock.ToolResult("c1", "interrupted: the session stopped before this tool call finished", true),
                new ContentBlock.ToolResult("c2", "interrupted: the session stopped before this tool call finished", true))));
        assertThat(loaded.repairs()).containsExactly("marked 2 unfinished tool call(s) as interrupted");
    }

    @Test
    void missingResultsArePutBeforeTheNextUserMessagesContent() {
        Message calls = new Message(Role.ASSISTANT, List.of(
                new ContentBlock.ToolUse("c1", "bash", "{}"), new ContentBlock.ToolUse("c2", "read", "{}")));
        Message partial = new Message(Role.USER, List.of(new ContentBlock.ToolResult("c1", "ok", false),
                new ContentBlock.Text("and then?")));
        String id = createWith("/w", List.of(Message.user("go"), calls, partial));

        SessionStore.Loaded loaded = store.load(id);

        assertThat(loaded.messages().get(2)).isEqualTo(new Message(Role.USER, List.of(
                new ContentBlock.ToolResult("c2", "interrupted: the session stopped before this tool call finished", true),
                new ContentBlock.ToolResult("c1", "ok", false),
                new ContentBlock.Text("and then?"))));
        assertThat(loaded.messages()).hasSize(3);
    }

    @Test
    void resolvesAUniquePrefixAndRefusesAnAmbiguousOne() throws Exception {
        String a = createWith("/w", List.of());
        String b = createWith("/w", List.of());
        // Two ids made in the same millisecond share their first 12 hex digits.
        String common = commonPrefix(a, b);

        assertThat(store.resolve(a)).contains(a);
        assertThat(store.resolve(a.toUpperCase())).contains(a);
        assertThat(store.resolve(a.substring(0, common.length() + 1))).contains(a);
        assertThat(store.resolve(common)).isEmpty();
        assertThat(store.resolve("ffffffff")).isEmpty();
        assertThat(store.resolve("../etc/passwd")).isEmpty();
        assertThat(store.resolve("")).isEmpty();
    }

    private static String commonPrefix(String a, String b) {
        int i = 0;
        while (i < a.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return a.substring(0, i);
    }

    @Test
    void listsSessionsNewestFirstAndFindsTheLatestOfAWorkspace() {
        String old = createWith("/a", List.of(Message.user("old")));
        clock.advance(Duration.ofHours(1));
        String other = createWith("/b", List.of(Message.user("other")));
        clock.advance(Duration.ofHours(1));
        String recent = createWith("/a", List.of(Message.user("recent")));
        clock.advance(Duration.ofHours(1));
        try (Transcript t = store.reopen(old)) {
            t.appendMessage(Message.assistant("touched last"));
        }

        assertThat(store.list()).extracting(SessionMeta::id).containsExactly(old, recent, other);
        assertThat(store.latest("/a")).map(SessionMeta::id).contains(old);
        assertThat(store.latest("/b")).map(SessionMeta::id).contains(other);
        assertThat(store.latest("/c")).isEmpty();
    }

    @Test
    void anEmptyStoreListsNothing() {
        assertThat(new SessionStore(dir.resolve("never-created"), clock).list()).isEmpty();
    }

    @Test
    void deletesASession() {
        String id = createWith("/w", List.of(Message.user("bye")));

        assertThat(store.delete(id)).isTrue();
        assertThat(store.delete(id)).isFalse();
        assertThat(store.resolve(id)).isEmpty();
        assertThat(store.list()).isEmpty();
    }

    @Test
    void idsCreatedTogetherDifferInTheirShortForm() {
        String first = createWith("/w", List.of());
        String second = createWith("/w", List.of());

        assertThat(first.substring(0, 8)).isNotEqualTo(second.substring(0, 8));
        assertThat(first.charAt(14)).isEqualTo('4');
    }
}
