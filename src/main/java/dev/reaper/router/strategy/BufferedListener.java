package dev.reaper.router.strategy;

import dev.reaper.router.StreamEvent;
import dev.reaper.router.StreamListener;
import java.util.ArrayList;
import java.util.List;

/** Keeps a response's events while it is being weighed against others, to replay the chosen one. */
final class BufferedListener implements StreamListener {

    private final List<StreamEvent> events = new ArrayList<>();

    @Override
    public synchronized void onEvent(StreamEvent event) {
        events.add(event);
    }

    synchronized void replayTo(StreamListener listener) {
        events.forEach(listener::onEvent);
    }
}
