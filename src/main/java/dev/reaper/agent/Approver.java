package dev.reaper.agent;

import dev.reaper.tools.FileEdit;
import java.util.List;
import java.util.Optional;

/**
 * Answers "may this tool call run?" when the policy says to ask. Interactive front-ends show a dialog;
 * non-interactive ones deny at once, so nothing ever waits for a keypress that cannot come.
 */
@FunctionalInterface
public interface Approver {

    /**
     * What is asked: the tool, what it touches, its arguments, why approval is needed, and for tools
     * that edit files the changes they would make (empty otherwise).
     */
    record Request(String tool, List<String> targets, String argumentsJson, String reason, List<FileEdit> edits) {}

    /**
     * The answer. {@code edits}, when present, is the user's version of the change (some hunks rejected),
     * to be written instead of the proposed one. {@code always} asks to allow such calls from now on in
     * this project.
     */
    record Answer(boolean allowed, String reason, Optional<List<FileEdit>> edits, boolean always) {

        public static Answer allow() {
            return new Answer(true, "approved by the user", Optional.empty(), false);
        }

        public static Answer allowAlways() {
            return new Answer(true, "approved by the user for this project", Optional.empty(), true);
        }

        public static Answer deny(String reason) {
            return new Answer(false, reason, Optional.empty(), false);
        }

        public static Answer partly(List<FileEdit> edits) {
            return new Answer(true, "approved in part by the user", Optional.of(List.copyOf(edits)), false);
        }
    }

    Answer ask(Request request);

    /** For one-shot runs: every request is denied, with the way to allow it next time. */
    Approver NON_INTERACTIVE = request -> Answer.deny(request.reason()
            + ", and this non-interactive run cannot ask the user. Do not retry it: finish what you can and say"
            + " what the user should run or allow (for example --permission-mode acceptEdits, or an allow rule"
            + " in .reaper/config.toml).");
}
