package dev.reaper.router;

/** Receives the live events of a response. Called on the thread reading the stream. */
@FunctionalInterface
public interface StreamListener {

    StreamListener NONE = e -> { };

    void onEvent(StreamEvent event);
}
