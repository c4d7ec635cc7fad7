package dev.reaper.protocol;

/**
 * How a turn ended. {@code result} is the final assistant text (possibly partial when the turn did not
 * succeed); {@code error} says what went wrong and what to do about it, or is null on success.
 */
public record Outcome(Status status, String result, String error, int numTurns, Usage usage,
                      double costUsd, long durationMs, long apiDurationMs, String model) {

    public enum Status {
        SUCCESS,
        /** Provider error after retries and fallbacks, or a tool-loop error. */
        FAILED,
        /** Missing or rejected credentials, bad configuration. */
        CONFIG,
        BUDGET_EXCEEDED,
        MAX_TURNS,
        INTERRUPTED
    }

    public boolean isError() {
        return status != Status.SUCCESS;
    }
}
