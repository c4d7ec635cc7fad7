package dev.reaper.protocol;

/**
 * Token counts of one request or a sum of them. {@code inputTokens} excludes tokens read from or written
 * to the provider's prompt cache, which are counted apart (Anthropic's convention); adapters convert
 * providers that count them inside the prompt total. Reasoning tokens are included in output tokens.
 */
public record Usage(long inputTokens, long outputTokens, long cacheReadTokens, long cacheWriteTokens,
                    long reasoningTokens) {

    public static final Usage ZERO = new Usage(0, 0, 0, 0, 0);

    public Usage plus(Usage o) {
        return new Usage(inputTokens + o.inputTokens, outputTokens + o.outputTokens,
                cacheReadTokens + o.cacheReadTokens, cacheWriteTokens + o.cacheWriteTokens,
                reasoningTokens + o.reasoningTokens);
    }

    /** Every prompt token, cached or not. */
    public long promptTokens() {
        return inputTokens + cacheReadTokens + cacheWriteTokens;
    }
}
