package dev.reaper.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reaper.agent.PromptSection;
import dev.reaper.context.IgnoreRules;
import dev.reaper.repomap.RepoMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The session's start map: made for a project, not for a home directory or a disk. */
class StartMapTest {

    @TempDir
    Path work;

    @TempDir
    Path cache;

    static final Supplier<RepoMap> NEVER = () -> {
        throw new AssertionError("the map should not be opened");
    };

    @Test
    void aWorkspaceOfAFewFilesGetsNoMap() throws IOException {
        Files.writeString(work.resolve("app.py"), "def run():\n    pass\n");
        assertThat(StartMap.start(work, Optional.empty(), NEVER, p -> true).await(Duration.ofSeconds(10))).isEmpty();
    }

    @Test
    void aHomeDirectoryOrAFileSystemRootGetsNoMap() {
        assertThat(StartMap.start(work, Optional.of(work), NEVER, p -> true)).isSameAs(PromptSection.NONE);
        assertThat(StartMap.start(Path.of("/"), Optional.empty(), NEVER, p -> true)).isSameAs(PromptSection.NONE);
    }

    @Test
    void aProjectGetsItsMapAsAPromptSection() throws IOException {
        Files.writeString(work.resolve("app.py"), "def run():\n    pass\n");
        for (int i = 0; i < StartMap.MIN_FILES; i++) {
            Files.writeString(work.resolve("notes" + i + ".txt"), "text\n");
        }
        try (RepoMap map = RepoMap.open(work, new IgnoreRules(work), cache)) {
            PromptSection section = StartMap.start(work, Optional.of(cache), () -> map, p -> true);

            assertThat(section.await(Duration.ofSeconds(30))).hasValueSatisfying(s -> assertThat(s)
                    .startsWith("# Repository map\nRepository map: 1 of 1 source files").contains("app.py"));
        }
    }

    @Test
    void aWorkspaceWithoutSourcesGetsNoSection() throws IOException {
        Files.writeString(work.resolve("notes.md"), "# notes\n");
        try (RepoMap map = RepoMap.open(work, new IgnoreRules(work), cache)) {
            assertThat(StartMap.start(work, Optional.empty(), () -> map, p -> true).await(Duration.ofSeconds(30)))
                    .isEmpty();
        }
    }
}
