package dev.reaper.agent;

import java.util.List;

/**
 * Answers "may this tool call run?" when the policy says to ask. Interactive front-ends show a dialog;
 * non-interactive ones deny at once, so nothing ever waits for a keypress that cannot come.
 */
@FunctionalInterface
public interface Approver {

    /** What is asked: the tool, what it touches, its arguments and why approval is needed. */
    record Request(String tool, List<String> targets, String argumentsJson, String reason) {}

    /** {@code allowed} false carries the reason told to the model. */
    record Answer(boolean allowed, String reason) {}

    Answer ask(Request request);

    /** For one-shot runs: every request is denied, with the way to allow it next time. */
    Approver NON_INTERACTIVE = request -> new Answer(false, request.reason()
            + ", and this non-interactive run cannot ask the user. Do not retry it: finish what you can and say"
            + " what the user should run or allow (for example --permission-mode acceptEdits, or an allow rule"
            + " in .reaper/config.toml).");
}
