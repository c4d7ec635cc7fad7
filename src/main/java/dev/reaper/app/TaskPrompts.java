package dev.reaper.app;

/**
 * What Reaper asks a model for in its task modes (explain, refactor, tests, review), shared by the commands
 * ({@code reaper explain}…) and the prompts {@code reaper mcp serve} offers.
 */
public final class TaskPrompts {

    private TaskPrompts() {}

    /** @param what the code, as in "a.py (lines 3-9)" */
    public static String explain(String what) {
        return "Explain " + what + ", attached below: what it does, how it fits the rest of the codebase (read the"
                + " code it uses and that uses it), and anything surprising or risky. Be concrete and cite line"
                + " numbers.";
    }

    public static String refactor(String what, String goal) {
        return "Refactor " + what + ", attached below, to " + goal.strip() + ". Keep its behaviour: update every"
                + " caller you change the interface of, keep the tests passing, and change nothing beyond what the"
                + " goal needs. Then summarise what changed.";
    }

    public static String tests(String what) {
        return "Write tests for " + what + ", attached below. Find how the project tests code (framework, folders,"
                + " naming, fixtures) and follow it: unit tests for the main behaviour and the edge cases,"
                + " property-based tests where the project already has a library for them, and a short list of"
                + " integration tests worth adding. Put the tests where the project keeps its tests.";
    }

    /** @param what the change, as in "the staged changes" */
    public static String review(String what) {
        return "Review " + what + ", attached below as a diff. Find real problems in the lines the change adds or"
                + " modifies: bugs (wrong results, crashes, unhandled edge cases, races), security problems,"
                + " performance problems, style that hurts readability or breaks the codebase's conventions, and"
                + " missing tests. For each: the file and line range, a severity (critical, high, medium, low,"
                + " info), what is wrong and why it matters, and a fix when you can. Do not report problems in code"
                + " the change did not touch, and do not praise. End with one line on the change's quality.";
    }
}
