package dev.reaper.router.select;

import dev.reaper.router.ChatRequest;
import dev.reaper.router.ModelRef;
import dev.reaper.router.Selector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Session stickiness: the model that served a session's last request goes first for its next one, so a
 * conversation stays with one model (and its provider-side prompt cache) unless that model fails.
 * Remembers a bounded number of sessions.
 */
public final class StickySelector implements Selector {

    static final int SESSIONS = 1_000;

    private final Map<String, ModelRef> last = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ModelRef> eldest) {
            return size() > SESSIONS;
        }
    };

    @Override
    public String name() {
        return "sticky";
    }

    @Override
    public List<ModelRef> order(List<ModelRef> candidates, ChatRequest request, StringBuilder why) {
        if (request.sessionId() == null) {
            return candidates;
        }
        ModelRef previous;
        synchronized (last) {
            previous = last.get(request.sessionId());
        }
        if (previous == null || !candidates.contains(previous) || candidates.get(0).equals(previous)) {
            return candidates;
        }
        List<ModelRef> ordered = new ArrayList<>(candidates);
        ordered.remove(previous);
        ordered.add(0, previous);
        why.append(why.isEmpty() ? "" : "; ").append("sticky: ").append(previous).append(" served this session");
        return List.copyOf(ordered);
    }

    @Override
    public void served(ChatRequest request, ModelRef model) {
        if (request.sessionId() != null) {
            synchronized (last) {
                last.put(request.sessionId(), model);
            }
        }
    }
}
