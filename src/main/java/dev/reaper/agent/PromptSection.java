package dev.reaper.agent;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A part of the system prompt made in the background while a session opens (the repo map), so opening
 * never waits for it. The session settles its system prompt at its first request: with this part if it
 * is ready by then (waiting a moment at most), without it otherwise. The prompt then stays the same for
 * the rest of the session, so the provider's prompt cache keeps matching it.
 */
@FunctionalInterface
public interface PromptSection {

    PromptSection NONE = wait -> Optional.empty();

    /** The text, if it is ready within {@code wait}; empty when it is not, or when there is none. */
    Optional<String> await(Duration wait);

    /** The section a future will give: nothing when it fails or is not done in time. */
    static PromptSection of(CompletableFuture<Optional<String>> text) {
        return wait -> {
            try {
                return text.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        };
    }
}
