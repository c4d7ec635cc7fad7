package dev.reaper.app;

import dev.reaper.agent.PromptSection;
import dev.reaper.agent.SystemPrompt;
import dev.reaper.repomap.Focus;
import dev.reaper.repomap.RepoMap;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The repo map for a new session's system prompt, made on a background thread as the session opens: the
 * session takes it at its first request if it is ready (see {@link PromptSection}). A workspace without
 * source files gets none, and so does a home directory or a file system's root, which are no project and
 * may hold millions of files; a map that fails is logged and left out.
 */
final class StartMap {

    /** About a thousand tokens: the map orients the model, and repo_map gives more on request. */
    static final int TOKENS = 1024;
    /** A workspace with fewer files than this gets no map: listing it tells the model as much, sooner. */
    static final int MIN_FILES = 5;

    private static final Logger LOG = Logger.getLogger(StartMap.class.getName());

    private StartMap() {}

    static PromptSection start(Path root, Optional<Path> home, Supplier<RepoMap> map, Predicate<String> readable) {
        Path folder = root.toAbsolutePath().normalize();
        if (folder.getParent() == null || home.map(h -> h.toAbsolutePath().normalize().equals(folder)).orElse(false)) {
            return PromptSection.NONE;
        }
        CompletableFuture<Optional<String>> text = new CompletableFuture<>();
        Thread.ofVirtual().name("reaper-start-map").start(() -> {
            try {
                if (fewFiles(folder)) {
                    text.complete(Optional.empty());
                    return;
                }
                RepoMap.Rendered r = map.get().render(Focus.NONE, TOKENS, readable);
                text.complete(r.files() == 0 ? Optional.empty() : Optional.of(SystemPrompt.repoMap(r.text())));
            } catch (IOException | RuntimeException e) {
                LOG.warning("no repo map for the session: " + e.getMessage());
                text.complete(Optional.empty());
            }
        });
        return PromptSection.of(text);
    }

    /** Whether the workspace has fewer than {@link #MIN_FILES} files (ignored ones aside); stops counting there. */
    static boolean fewFiles(Path root) throws IOException {
        int[] n = {0};
        dev.reaper.context.FileWalker.walk(root, new dev.reaper.context.IgnoreRules(root), () -> false,
                (file, attrs) -> ++n[0] < MIN_FILES);
        return n[0] < MIN_FILES;
    }
}
