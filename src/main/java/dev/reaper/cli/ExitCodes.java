package dev.reaper.cli;

import dev.reaper.protocol.Outcome;

/** Reaper's exit codes (SPEC §1), decided here and nowhere else. */
public final class ExitCodes {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int CONFIG = 3;
    public static final int BUDGET = 4;
    public static final int MAX_TURNS = 5;
    /** {@code reaper mcp call|tools}: the MCP server could not be reached, or answered with a protocol error. */
    public static final int SERVER = 6;
    public static final int INTERRUPTED = 130;

    private ExitCodes() {}

    public static int of(Outcome.Status status) {
        return switch (status) {
            case SUCCESS -> OK;
            case FAILED -> FAILED;
            case CONFIG -> CONFIG;
            case BUDGET_EXCEEDED -> BUDGET;
            case MAX_TURNS -> MAX_TURNS;
            case INTERRUPTED -> INTERRUPTED;
        };
    }
}
