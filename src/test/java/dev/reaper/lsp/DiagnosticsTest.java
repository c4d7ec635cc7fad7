package dev.reaper.lsp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reaper.protocol.Cancellation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.junit.jupiter.api.Test;

/** Waiting for a file's diagnostics: only fresh ones count, and only once the server has gone quiet. */
class DiagnosticsTest {

    final Diagnostics diagnostics = new Diagnostics();
    final Path file = Path.of("/work/a.py");

    private static Diagnostic error(String message) {
        return new Diagnostic(new Range(new Position(0, 0), new Position(0, 1)), message);
    }

    private void publish(Integer version, String... messages) {
        diagnostics.publish(new PublishDiagnosticsParams(Uris.of(file),
                List.of(messages).stream().map(DiagnosticsTest::error).toList(), version));
    }

    private void publishLater(Duration delay, Integer version, String... messages) {
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                return;
            }
            publish(version, messages);
        });
    }

    private Optional<List<String>> await(int version, long mark, Duration limit) throws InterruptedException {
        return diagnostics.await(file, version, mark, System.nanoTime() + limit.toNanos(), new Cancellation())
                .map(list -> list.stream().map(d -> d.getMessage().getLeft()).toList());
    }

    @Test
    void diagnosticsOfAnOlderVersionAreNotTheAnswer() throws Exception {
        long mark = diagnostics.mark();
        publish(1, "old");
        publishLater(Duration.ofMillis(100), 2, "new");

        assertThat(await(2, mark, Duration.ofSeconds(5))).contains(List.of("new"));
    }

    @Test
    void withoutVersionsOnlyPublicationsAfterTheMarkCount() throws Exception {
        publish(null, "before");
        long mark = diagnostics.mark();
        publishLater(Duration.ofMillis(100), null, "after");

        assertThat(await(1, mark, Duration.ofSeconds(5))).contains(List.of("after"));
    }

    @Test
    void aPublicationSoonFollowedByAnotherIsNotTheAnswer() throws Exception {
        long mark = diagnostics.mark();
        publish(1, "syntax only");
        publishLater(Duration.ofMillis(100), 1, "syntax only", "types too");

        assertThat(await(1, mark, Duration.ofSeconds(5))).contains(List.of("syntax only", "types too"));
    }

    @Test
    void nothingFreshByTheDeadlineIsNoAnswer() throws Exception {
        publish(1, "old");
        long mark = diagnostics.mark();

        long start = System.nanoTime();
        assertThat(await(2, mark, Duration.ofMillis(200))).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(200), Duration.ofSeconds(2));
    }

    @Test
    void anAnswerGivenLongAgoIsReturnedAtOnce() throws Exception {
        long mark = diagnostics.mark();
        publish(1, "done");
        Thread.sleep(Diagnostics.SETTLE.toMillis() + 50);

        long start = System.nanoTime();
        assertThat(await(1, mark, Duration.ofSeconds(5))).contains(List.of("done"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(100));
    }
}
