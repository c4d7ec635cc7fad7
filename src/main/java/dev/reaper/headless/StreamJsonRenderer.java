package dev.reaper.headless;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reaper.agent.EventSink;
import dev.reaper.json.Json;
import dev.reaper.protocol.ContentBlock;
import dev.reaper.protocol.Event;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code --output-format stream-json}: one JSON object per line on stdout, flushed as it happens.
 * Types: {@code system} (init), {@code text_delta}, {@code reasoning_delta}, {@code assistant} (each
 * complete message, in Claude Code's shape), {@code tool_use}, {@code tool_result}, {@code file_change},
 * {@code plan} (the model's todo list), {@code notice}, {@code request} (tokens, cost, latency of one
 * model request) and last {@code result}.
 */
public final class StreamJsonRenderer implements EventSink {

    private final PrintWriter out;
    private final Supplier<String> sessionId;

    public StreamJsonRenderer(PrintWriter out, Supplier<String> sessionId) {
        this.out = out;
        this.sessionId = sessionId;
    }

    @Override
    public void emit(Event event) {
        ObjectNode n = Json.object();
        switch (event) {
            case Event.SessionStarted s -> {
                n.put("type", "system");
                n.put("subtype", "init");
                n.put("cwd", s.cwd());
                n.put("model", s.model());
                ArrayNode tools = n.putArray("tools");
                s.tools().forEach(tools::add);
                n.put("permissionMode", s.permissionMode());
                n.put("resumed", s.resumed());
            }
            case Event.TextDelta t -> {
                n.put("type", "text_delta");
                n.put("text", t.text());
            }
            case Event.ReasoningDelta r -> {
                n.put("type", "reasoning_delta");
                n.put("text", r.text());
            }
            case Event.AssistantMessage a -> {
                n.put("type", "assistant");
                ObjectNode msg = n.putObject("message");
                msg.put("role", "assistant");
                msg.put("model", a.model());
                ArrayNode content = msg.putArray("content");
                for (ContentBlock b : a.message().content()) {
                    if (b instanceof ContentBlock.Text t) {
                        content.addObject().put("type", "text").put("text", t.text());
                    } else if (b instanceof ContentBlock.ToolUse u) {
                        ObjectNode tu = content.addObject();
                        tu.put("type", "tool_use").put("id", u.id()).put("name", u.name());
                        tu.set("input", input(u.argumentsJson()));
                    }
                }
            }
            case Event.ToolStarted t -> {
                n.put("type", "tool_use");
                n.put("id", t.callId());
                n.put("name", t.name());
                n.set("input", input(t.argumentsJson()));
            }
            case Event.ToolFinished f -> {
                n.put("type", "tool_result");
                n.put("tool_use_id", f.callId());
                n.put("name", f.name());
                n.put("content", f.output());
                n.put("is_error", f.status() != Event.ToolStatus.OK);
                n.put("status", f.status().name().toLowerCase(Locale.ROOT));
            }
            case Event.PlanUpdated p -> {
                n.put("type", "plan");
                ArrayNode items = n.putArray("items");
                for (var item : p.items()) {
                    items.addObject().put("content", item.content())
                            .put("status", item.status().name().toLowerCase(Locale.ROOT));
                }
            }
            case Event.FileChanged c -> {
                n.put("type", "file_change");
                n.put("path", c.path());
                n.put("diff", c.diff());
            }
            case Event.Notice no -> {
                n.put("type", "notice");
                n.put("kind", no.kind().name().toLowerCase(Locale.ROOT));
                n.put("message", no.message());
            }
            case Event.Routed r -> {
                n.put("type", "routing");
                n.put("strategy", r.strategy());
                n.put("served", r.served());
                ArrayNode cancelled = n.putArray("cancelled");
                r.cancelled().forEach(cancelled::add);
                n.put("reason", r.reason());
            }
            case Event.RequestFinished r -> {
                n.put("type", "request");
                n.put("provider", r.provider());
                n.put("model", r.model());
                ObjectNode usage = n.putObject("usage");
                usage.put("input_tokens", r.usage().inputTokens());
                usage.put("output_tokens", r.usage().outputTokens());
                usage.put("cache_read_input_tokens", r.usage().cacheReadTokens());
                usage.put("cache_creation_input_tokens", r.usage().cacheWriteTokens());
                n.put("cost_usd", r.costUsd());
                n.put("priced", r.priced());
                n.put("time_to_first_token_ms", r.timeToFirstTokenMs());
                n.put("duration_ms", r.durationMs());
            }
            case Event.TurnFinished f -> n = ResultJson.of(f.outcome(), sessionId.get());
        }
        if (!n.has("session_id")) {
            n.put("session_id", sessionId.get());
        }
        synchronized (out) {
            out.println(Json.write(n));
            out.flush();
        }
    }

    private static JsonNode input(String argumentsJson) {
        return Json.tryParse(argumentsJson).orElseGet(() -> Json.object().put("_raw", argumentsJson));
    }
}
