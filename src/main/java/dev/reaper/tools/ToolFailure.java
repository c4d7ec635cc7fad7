package dev.reaper.tools;

/** A tool call that failed in a way the model should see and can correct. */
public final class ToolFailure extends Exception {

    public ToolFailure(String message) {
        super(message);
    }
}
