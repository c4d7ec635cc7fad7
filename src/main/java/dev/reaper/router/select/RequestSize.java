package dev.reaper.router.select;

import dev.reaper.protocol.ContentBlock;
import dev.reaper.protocol.Message;
import dev.reaper.router.ChatRequest;

/**
 * A request's size in tokens, estimated at four characters a token from string lengths (constant time
 * per block): selectors must not tokenise the prompt on every request.
 */
final class RequestSize {

    static final int IMAGE_TOKENS = 1_500;

    private RequestSize() {}

    static long estimateTokens(ChatRequest request) {
        long chars = request.system() == null ? 0 : request.system().length();
        for (Message m : request.messages()) {
            for (ContentBlock b : m.content()) {
                chars += switch (b) {
                    case ContentBlock.Text t -> t.text().length();
                    case ContentBlock.ToolUse u -> u.argumentsJson().length();
                    case ContentBlock.ToolResult r -> r.content().length();
                    case ContentBlock.Image i -> IMAGE_TOKENS * 4L;
                    default -> 0;
                };
            }
        }
        return chars / 4;
    }
}
