package dev.reaper.agent;

import dev.reaper.protocol.Event;
import dev.reaper.router.ModelRef;
import dev.reaper.router.RouterObserver;
import dev.reaper.store.UsageLedger;
import java.time.Clock;
import java.util.Locale;

/**
 * Turns the router's reports into events for the front-end and rows in the usage ledger, and keeps the
 * running totals of one prompt.
 */
final class UsageRecorder implements RouterObserver {

    private final EventSink events;
    private final UsageLedger ledger;
    private final String sessionId;
    private final String workspace;
    private final Clock clock;
    dev.reaper.protocol.Usage usage = dev.reaper.protocol.Usage.ZERO;
    double costUsd;
    long apiMillis;
    private boolean ledgerFailed;

    UsageRecorder(EventSink events, UsageLedger ledger, String sessionId, String workspace, Clock clock) {
        this.events = events;
        this.ledger = ledger;
        this.sessionId = sessionId;
        this.workspace = workspace;
        this.clock = clock;
    }

    @Override
    public void attemptFinished(Attempt a) {
        usage = usage.plus(a.usage());
        costUsd += a.costUsd();
        apiMillis += a.durationMs();
        events.emit(new Event.RequestFinished(a.model().provider(), a.model().model(), a.usage(), a.costUsd(),
                a.priced(), a.timeToFirstTokenMs(), a.durationMs()));
        if (ledger != null && !ledgerFailed) {
            var u = a.usage();
            try {
                ledger.record(new UsageLedger.Entry(clock.instant(), sessionId, workspace, a.model().provider(),
                        a.model().model(), u.inputTokens(), u.outputTokens(), u.cacheReadTokens(),
                        u.cacheWriteTokens(), a.costUsd(), a.priced(), a.timeToFirstTokenMs(), a.durationMs(),
                        a.failure() == null ? "ok" : a.failure().kind().name().toLowerCase(Locale.ROOT), a.savedUsd()));
            } catch (RuntimeException e) {
                // the answer matters more than its bookkeeping: say so once and go on
                ledgerFailed = true;
                events.emit(new Event.Notice(Event.NoticeKind.WARNING,
                        "usage is not being recorded: " + e.getMessage()));
            }
        }
    }

    @Override
    public void retrying(ModelRef model, int retry, java.time.Duration wait, dev.reaper.router.ProviderException cause) {
        events.emit(new Event.Notice(Event.NoticeKind.RETRY, model + ": " + cause.getMessage() + "; retry " + retry
                + " in " + wait.toMillis() + " ms"));
    }

    @Override
    public void answeredFromCache(ModelRef model, dev.reaper.protocol.Usage original, double savedUsd, boolean shared) {
        events.emit(new Event.Routed("cache", model.toString(), java.util.List.of(), shared
                ? "shared the answer of an identical request in flight"
                : String.format(Locale.ROOT, "asked before: answered from the cache, saving $%.4f", savedUsd)));
        if (ledger != null && !ledgerFailed) {
            try {
                ledger.record(new UsageLedger.Entry(clock.instant(), sessionId, workspace, model.provider(), model.model(),
                        0, 0, 0, 0, 0, true, 0, 0, "cache", savedUsd));
            } catch (RuntimeException e) {
                ledgerFailed = true;
                events.emit(new Event.Notice(Event.NoticeKind.WARNING, "usage is not being recorded: " + e.getMessage()));
            }
        }
    }

    @Override
    public void decided(Decision d) {
        events.emit(new Event.Routed(d.strategy(), d.served().toString(),
                d.cancelled().stream().map(ModelRef::toString).toList(), d.reason()));
    }

    @Override
    public void fallingBack(ModelRef from, ModelRef to, dev.reaper.router.ProviderException cause) {
        events.emit(new Event.Notice(Event.NoticeKind.FALLBACK, from + " failed (" + cause.getMessage()
                + "); falling back to " + to));
    }
}
