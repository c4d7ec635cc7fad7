package dev.reaper.testing;

/** Conversation scripts used by several tests and the benchmark. */
public final class Scripts {

    private Scripts() {}

    /** Renames foo to bar in a.py: read it, edit it, then say so. */
    public static Step[] rename() {
        return new Step[] {
            Step.call("read", "{\"path\":\"a.py\"}"),
            Step.call("edit", "{\"path\":\"a.py\",\"old_string\":\"def foo():\",\"new_string\":\"def bar():\"}"),
            Step.text("Renamed foo to bar in a.py:1.")
        };
    }
}
