package dev.reaper.tools;

/** What a tool returns to the model. */
public record ToolOutput(String text, boolean isError) {

    public static ToolOutput ok(String text) {
        return new ToolOutput(text, false);
    }

    public static ToolOutput error(String text) {
        return new ToolOutput(text, true);
    }
}
