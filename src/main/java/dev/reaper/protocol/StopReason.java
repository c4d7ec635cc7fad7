package dev.reaper.protocol;

/** Why the model stopped, mapped from each provider's own values (which are kept raw beside this). */
public enum StopReason {
    END_TURN,
    TOOL_USE,
    MAX_TOKENS,
    STOP_SEQUENCE,
    CONTENT_FILTER,
    REFUSAL,
    PAUSE,
    OTHER,
    /** The stream ended before the provider said it was done. */
    INCOMPLETE
}
