package dev.reaper.policy;

/** The answer to a permission request, with the reason to show the model and the user. */
public record Decision(Verdict verdict, String reason) {

    public enum Verdict { ALLOW, ASK, DENY }

    public static Decision allow(String reason) {
        return new Decision(Verdict.ALLOW, reason);
    }

    public static Decision ask(String reason) {
        return new Decision(Verdict.ASK, reason);
    }

    public static Decision deny(String reason) {
        return new Decision(Verdict.DENY, reason);
    }
}
