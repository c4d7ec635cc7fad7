package dev.reaper.repomap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reaper.context.IgnoreRules;
import dev.reaper.testing.PolyglotRepo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Closing a map (Reaper exiting) does not wait for a refresh to finish: it stops it. */
class RepoMapCloseTest {

    @TempDir
    Path root;

    /** A source that reads until it is told to stop. */
    static final class Endless implements SymbolSource {
        final CountDownLatch reading = new CountDownLatch(1);

        @Override
        public String id() {
            return "endless";
        }

        @Override
        public Optional<String> unavailable() {
            return Optional.empty();
        }

        @Override
        public Map<String, FileSymbols> read(Path root, List<String> files, BooleanSupplier cancelled) {
            reading.countDown();
            while (!cancelled.getAsBoolean()) {
                Thread.onSpinWait();
            }
            return Map.of();
        }
    }

    @Test
    void closingStopsARefreshUnderWay() throws Exception {
        PolyglotRepo.write(root);
        Endless source = new Endless();
        RepoMap map = RepoMap.open(root, new IgnoreRules(root), source, Optional.empty());
        CompletableFuture<Throwable> failure = CompletableFuture.supplyAsync(() -> {
            try {
                map.render(Focus.NONE, 1000, p -> true);
                return null;
            } catch (IOException e) {
                return e;
            }
        });
        source.reading.await();

        map.close();

        assertThat(failure.get(10, TimeUnit.SECONDS)).hasMessage("the repo map was closed");
    }
}
