package dev.reaper.router;

/**
 * A fill-in-the-middle completion request: the code before the cursor and after it.
 *
 * @param maxTokens the longest completion wanted
 */
public record FimRequest(String prefix, String suffix, int maxTokens) {}
