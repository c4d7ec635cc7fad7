package dev.reaper.agent;

import dev.reaper.protocol.Event;

/** Where a session sends its events. Called from the session's thread; implementations must not block long. */
@FunctionalInterface
public interface EventSink {

    void emit(Event event);
}
