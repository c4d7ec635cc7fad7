package dev.reaper.router;

import dev.reaper.protocol.Message;
import java.util.List;

/**
 * One model request in Reaper's terms; each adapter translates it to its wire format. The model is
 * chosen by the router per attempt, so it is not part of the request.
 *
 * @param system        the system prompt
 * @param messages      the conversation, oldest first
 * @param tools         tools the model may call
 * @param maxTokens     the output limit
 * @param sessionId     a stable id for provider-side caching and stickiness, or null
 */
public record ChatRequest(String system, List<Message> messages, List<ToolSpec> tools, int maxTokens,
                          String sessionId) {

    public ChatRequest {
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
    }
}
