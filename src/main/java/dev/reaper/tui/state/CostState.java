package dev.reaper.tui.state;

import dev.reaper.protocol.Event;
import dev.reaper.protocol.Usage;
import java.util.ArrayList;
import java.util.List;

/** Tokens, cost and latency of the current turn and the whole session, for the cost pane and status bar. */
public final class CostState {

    public Usage turnUsage = Usage.ZERO;
    public Usage sessionUsage = Usage.ZERO;
    public double turnCost;
    public double sessionCost;
    public boolean unpriced;
    public long lastTtftMs = -1;
    public long lastDurationMs;
    public long turnStartedAt;
    public long turnMillis;
    public String provider = "";
    public String model = "";
    public final List<Event.RequestFinished> requests = new ArrayList<>();

    public void startTurn(long now) {
        turnUsage = Usage.ZERO;
        turnCost = 0;
        turnStartedAt = now;
    }

    public void request(Event.RequestFinished r) {
        turnUsage = turnUsage.plus(r.usage());
        sessionUsage = sessionUsage.plus(r.usage());
        turnCost += r.costUsd();
        sessionCost += r.costUsd();
        unpriced |= !r.priced();
        lastTtftMs = r.timeToFirstTokenMs();
        lastDurationMs = r.durationMs();
        provider = r.provider();
        model = r.model();
        requests.add(r);
        if (requests.size() > 200) {
            requests.remove(0);
        }
    }
}
