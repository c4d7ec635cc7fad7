package dev.reaper.router;

import java.util.Optional;

/**
 * Answers kept for requests seen before, by the {@link RequestKey} of the request. Implementations
 * expire entries after their time to live and must be safe to call from several threads.
 */
public interface ResponseCache {

    /** A kept answer: the model that gave it and what it cost then. */
    record Entry(ModelRef model, ChatResponse response, double costUsd) {}

    Optional<Entry> get(String key);

    void put(String key, Entry entry);
}
