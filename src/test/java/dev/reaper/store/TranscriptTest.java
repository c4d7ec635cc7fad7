package dev.reaper.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reaper.json.Json;
import dev.reaper.protocol.ContentBlock;
import dev.reaper.protocol.Message;
import dev.reaper.protocol.Role;
import dev.reaper.secret.Redactor;
import dev.reaper.secret.Secret;
import dev.reaper.testing.TestClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscriptTest {

    @TempDir
    Path dir;

    @Test
    void registeredSecretsNeverReachTheFile() throws Exception {
        String registered = "reaper-transcript-secret-" + System.nanoTime();
        Redactor.global().register(registered);
        String wrapped = "wrapped-" + System.nanoTime() + "-value";
        Secret.of(wrapped);
        SessionStore store = new SessionStore(dir, new TestClock());

        String id;
        try (Transcript t = store.create("/w", "m")) {
            id = t.sessionId();
            t.appendMessage(Message.user("my key is " + registered));
            t.appendMessage(new Message(Role.ASSISTANT, List.of(
                    new ContentBlock.ToolUse("c1", "bash", "{\"command\":\"curl -H 'x-api-key: " + wrapped + "'\"}"))));
            t.appendMessage(new Message(Role.USER, List.of(new ContentBlock.ToolResult("c1", registered, false))));
            ObjectNode notice = Json.object();
            notice.put("text", "retrying with " + wrapped);
            t.append("notice", notice);
        }

        String text = Files.readString(dir.resolve(id + ".jsonl"));
        assertThat(text).doesNotContain(registered).doesNotContain(wrapped).contains(Redactor.MASK);
        assertThat(store.load(id).messages().get(0)).isEqualTo(Message.user("my key is " + Redactor.MASK));
    }

    @Test
    void eachRecordIsOneLineWithTypeAndTimestamp() throws Exception {
        TestClock clock = new TestClock();
        SessionStore store = new SessionStore(dir, clock);
        String id;
        try (Transcript t = store.create("/w", "m")) {
            id = t.sessionId();
            t.appendMessage(Message.user("line one\nline two"));
        }

        List<String> lines = Files.readAllLines(dir.resolve(id + ".jsonl"));

        assertThat(lines).hasSize(2);
        assertThat(Json.parse(lines.get(0))).isEqualTo(Json.parse("{\"type\":\"session\",\"ts\":\"2025-03-01T10:00:00Z\","
                + "\"id\":\"" + id + "\",\"workspace\":\"/w\",\"model\":\"m\"}"));
        assertThat(Json.text(Json.parse(lines.get(1)), "type")).isEqualTo("message");
    }
}
