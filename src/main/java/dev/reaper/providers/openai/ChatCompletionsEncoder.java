package dev.reaper.providers.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reaper.json.Json;
import dev.reaper.protocol.ContentBlock;
import dev.reaper.protocol.Message;
import dev.reaper.protocol.Role;
import dev.reaper.router.ChatRequest;
import dev.reaper.router.ToolSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a Chat Completions request. Tool results become {@code tool} messages placed before the rest of
 * their user message, as the API requires them right after the assistant's tool calls.
 */
final class ChatCompletionsEncoder {

    /** How a server names the output limit, and whether it takes a prompt cache key. */
    enum Dialect {
        /** api.openai.com: {@code max_completion_tokens} (reasoning models refuse max_tokens) and a cache key. */
        OPENAI,
        /** Azure OpenAI: {@code max_completion_tokens}, no cache key. */
        AZURE,
        /** Other compatible servers, which know {@code max_tokens}. */
        COMPATIBLE
    }

    private ChatCompletionsEncoder() {}

    static byte[] encode(String model, ChatRequest request, Dialect dialect) {
        ObjectNode body = Json.object();
        body.put("model", model);
        body.put("stream", true);
        body.putObject("stream_options").put("include_usage", true);
        if (dialect == Dialect.COMPATIBLE) {
            body.put("max_tokens", request.maxTokens());
        } else {
            body.put("max_completion_tokens", request.maxTokens());
        }
        if (dialect == Dialect.OPENAI && request.sessionId() != null) {
            body.put("prompt_cache_key", "reaper-" + request.sessionId());
        }
        ArrayNode messages = body.putArray("messages");
        if (request.system() != null && !request.system().isEmpty()) {
            ObjectNode sys = messages.addObject();
            sys.put("role", "system");
            sys.put("content", request.system());
        }
        for (Message m : request.messages()) {
            if (m.role() == Role.ASSISTANT) {
                assistant(messages, m);
            } else {
                user(messages, m);
            }
        }
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (ToolSpec t : request.tools()) {
                ObjectNode fn = tools.addObject();
                fn.put("type", "function");
                ObjectNode f = fn.putObject("function");
                f.put("name", t.name());
                f.put("description", t.description());
                f.set("parameters", Json.parse(t.inputSchemaJson()));
            }
        }
        return Json.bytes(body);
    }

    private static void assistant(ArrayNode messages, Message m) {
        StringBuilder text = new StringBuilder();
        ArrayNode calls = Json.array();
        for (ContentBlock b : m.content()) {
            if (b instanceof ContentBlock.Text t) {
                text.append(t.text());
            } else if (b instanceof ContentBlock.ToolUse call) {
                ObjectNode c = calls.addObject();
                c.put("id", call.id());
                c.put("type", "function");
                ObjectNode f = c.putObject("function");
                f.put("name", call.name());
                f.put("arguments", call.argumentsJson());
            }
        }
        if (text.isEmpty() && calls.isEmpty()) {
            return;
        }
        ObjectNode msg = messages.addObject();
        msg.put("role", "assistant");
        if (text.isEmpty()) {
            msg.putNull("content");
        } else {
            msg.put("content", text.toString());
        }
        if (!calls.isEmpty()) {
            msg.set("tool_calls", calls);
        }
    }

    private static void user(ArrayNode messages, Message m) {
        List<ContentBlock> rest = new ArrayList<>();
        for (ContentBlock b : m.content()) {
            if (b instanceof ContentBlock.ToolResult r) {
                ObjectNode tool = messages.addObject();
                tool.put("role", "tool");
                tool.put("tool_call_id", r.toolUseId());
                tool.put("content", r.content().isEmpty() ? "(no output)" : r.content());
            } else if (b instanceof ContentBlock.Text || b instanceof ContentBlock.Image) {
                rest.add(b);
            }
        }
        if (rest.isEmpty()) {
            return;
        }
        ObjectNode msg = messages.addObject();
        msg.put("role", "user");
        if (rest.size() == 1 && rest.get(0) instanceof ContentBlock.Text t) {
            msg.put("content", t.text());
            return;
        }
        ArrayNode parts = msg.putArray("content");
        for (ContentBlock b : rest) {
            ObjectNode part = parts.addObject();
            if (b instanceof ContentBlock.Text t) {
                part.put("type", "text");
                part.put("text", t.text());
            } else if (b instanceof ContentBlock.Image img) {
                part.put("type", "image_url");
                part.putObject("image_url").put("url", "data:" + img.mediaType() + ";base64," + img.base64Data());
            }
        }
    }
}
