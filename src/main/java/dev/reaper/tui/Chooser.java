package dev.reaper.tui;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Asks the user to pick one of a few choices, from any thread: the TUI shows them in a dialog and the future
 * completes with the index picked, or empty when the user dismissed the dialog (or another one had to take its
 * place). An MCP server's question (an elicitation) is asked this way.
 */
public interface Chooser {

    /**
     * @param title    a few words, on the dialog's border
     * @param question what is asked, as long as it needs, above the choices
     */
    CompletableFuture<Optional<Integer>> choose(String title, String question, List<String> choices);
}
