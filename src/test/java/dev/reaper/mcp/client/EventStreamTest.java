package dev.reaper.mcp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Server-sent events as MCP sends them: messages, event ids (priming events too), retry, comments, limits. */
class EventStreamTest {

    static InputStream text(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void messagesIdsAndRetryAreRead() throws Exception {
        EventStream s = new EventStream(1000);
        List<String> got = new ArrayList<>();

        boolean stopped = s.read(text(": keep-alive\r\nid: p\r\nretry: 500\r\ndata: \r\n\r\n"
                + "event: message\nid: 7\ndata: {\"a\":\ndata: 1}\n\nretry: x\n\rdata:{}"), got::add);

        assertThat(stopped).isFalse();
        assertThat(got).as("the last event, cut off by the end, is dropped").containsExactly("{\"a\":\n1}");
        assertThat(s.lastEventId()).contains("7");
        assertThat(s.retry()).contains(Duration.ofMillis(500));
        assertThat(s.events()).isEqualTo(2);
    }

    @Test
    void theIdOfAnEventCutOffIsNotTakenAsRead() throws Exception {
        EventStream s = new EventStream(1000);
        List<String> got = new ArrayList<>();

        s.read(text("id: 1\ndata: a\n\nid: 2\ndata: {\"jsonrpc\":\"2.0\",\"id\":9,"), got::add);

        assertThat(got).containsExactly("a");
        assertThat(s.lastEventId()).as("resuming must bring event 2 again").contains("1");
    }

    @Test
    void readingStopsWhenTheAwaitedMessageCame() throws Exception {
        EventStream s = new EventStream(1000);
        List<String> got = new ArrayList<>();

        boolean stopped = s.read(text("id: 1\ndata: a\n\nid: 2\ndata: b\n\nid: 3\ndata: c\n\n"), m -> {
            got.add(m);
            return !m.equals("b");
        });

        assertThat(stopped).isTrue();
        assertThat(got).containsExactly("a", "b");
        assertThat(s.lastEventId()).contains("2");
    }

    @Test
    void aMessageOverTheLimitEndsTheStream() {
        EventStream s = new EventStream(10);

        assertThatThrownBy(() -> s.read(text("data: 12345\ndata: 67890\n\n"), m -> true))
                .isInstanceOf(BoundedLines.TooLong.class).hasMessage("a message is longer than 10 characters");
        assertThatThrownBy(() -> s.read(text("data: " + "x".repeat(20000) + "\n\n"), m -> true))
                .isInstanceOf(BoundedLines.TooLong.class);
    }

    @Test
    void linesEndInAnyOfTheThreeWays() throws Exception {
        BoundedLines lines = new BoundedLines(text("a\r\nb\rc\n\nd"), 100);
        List<String> got = new ArrayList<>();
        for (String l; (l = lines.next()) != null; ) {
            got.add(l);
        }
        assertThat(got).containsExactly("a", "b", "c", "", "d");
    }
}
