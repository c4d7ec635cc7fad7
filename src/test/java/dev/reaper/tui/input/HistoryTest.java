package dev.reaper.tui.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryTest {

    @TempDir
    Path dir;

    @Test
    void walksBackAndForthAndReturnsToTheDraft() {
        History h = new History(dir.resolve("h.jsonl"));
        h.add("one");
        h.add("two");
        assertThat(h.previous("draft")).contains("two");
        assertThat(h.previous("ignored")).contains("one");
        assertThat(h.previous("ignored")).isEmpty();
        assertThat(h.next()).contains("two");
        assertThat(h.next()).contains("draft");
        assertThat(h.next()).isEmpty();
    }

    @Test
    void survivesARestartWithMultiLineEntriesAndSkipsRepeatsAndBlanks() {
        Path file = dir.resolve("state/h.jsonl");
        History h = new History(file);
        h.add("line one\nline two");
        h.add("line one\nline two");
        h.add("   ");
        h.add("\"quoted\"");
        History again = new History(file);
        assertThat(again.size()).isEqualTo(2);
        assertThat(again.get(0)).isEqualTo("line one\nline two");
        assertThat(again.get(1)).isEqualTo("\"quoted\"");
    }

    @Test
    void searchFindsTheNewestMatchOlderThanAnIndex() {
        History h = new History(null);
        h.add("fix the coupon bug");
        h.add("run the tests");
        h.add("coupon test");
        assertThat(h.search("coupon", h.size())).contains(2);
        assertThat(h.search("coupon", 2)).contains(0);
        assertThat(h.search("coupon", 0)).isEmpty();
        assertThat(h.search("nothing", h.size())).isEmpty();
    }

    @Test
    void aCorruptOrUnwritableFileLosesNothingTyped() throws Exception {
        Path file = dir.resolve("h.jsonl");
        Files.writeString(file, "\"ok\"\nnot json\n{\"an\":\"object\"}\n");
        History h = new History(file);
        assertThat(h.size()).isEqualTo(1);
        Path blocked = dir.resolve("a-file");
        Files.writeString(blocked, "x");
        History unwritable = new History(blocked.resolve("h.jsonl"));
        unwritable.add("still remembered");
        assertThat(unwritable.previous("")).contains("still remembered");
    }
}
