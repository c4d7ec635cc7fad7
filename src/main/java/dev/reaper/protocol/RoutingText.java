package dev.reaper.protocol;

/** A routing decision in one line, for people: {@code race: openai/gpt-5 served (first token); cancelled ...}. */
public final class RoutingText {

    private RoutingText() {}

    public static String of(Event.Routed r) {
        return r.strategy() + ": " + r.served() + " served (" + r.reason() + ")"
                + (r.cancelled().isEmpty() ? "" : "; cancelled " + String.join(", ", r.cancelled()));
    }
}
