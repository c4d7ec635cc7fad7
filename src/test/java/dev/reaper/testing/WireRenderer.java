package dev.reaper.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reaper.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a {@link Step} in each provider's streaming wire format, event for event as the providers send
 * them (modelled on the recorded streams in the wire fixtures): Anthropic SSE with pings and
 * input_json_delta fragments, Chat Completions chunks with a usage-only chunk and [DONE], Responses events
 * opening with a reasoning item that carries encrypted content, Gemini SSE with CRLF line ends, Ollama
 * NDJSON with a done line.
 */
final class WireRenderer {

    enum Format { ANTHROPIC, OPENAI, RESPONSES, GEMINI, OLLAMA }

    /** The encrypted reasoning every Responses reply carries, which the next request must send back verbatim. */
    static final String ENCRYPTED_REASONING = "gAAAAB-fake-encrypted-reasoning==";

    record Rendered(String contentType, byte[] body) {}

    private WireRenderer() {}

    static Rendered render(Format f, Step step, long inputTokens) {
        String text;
        List<Step.Call> calls;
        if (step instanceof Step.Paced p) {
            text = p.text();
            calls = List.of();
        } else if (step instanceof Step.Text t) {
            text = t.text();
            calls = List.of();
        } else if (step instanceof Step.ToolCalls c) {
            text = c.text();
            calls = c.calls();
        } else {
            throw new IllegalArgumentException("not a model reply: " + step);
        }
        long out = Math.max(1, (text.length() + calls.toString().length()) / 4);
        TOKEN_PIECES.set(step instanceof Step.Paced);
        return switch (f) {
            case ANTHROPIC -> new Rendered("text/event-stream", anthropic(text, calls, inputTokens, out));
            case OPENAI -> new Rendered("text/event-stream", openai(text, calls, inputTokens, out));
            case RESPONSES -> new Rendered("text/event-stream", responses(text, calls, inputTokens, out));
            case GEMINI -> new Rendered("text/event-stream", gemini(text, calls, inputTokens, out));
            case OLLAMA -> new Rendered("application/x-ndjson", ollama(text, calls, inputTokens, out));
        };
    }

    /** Whether the reply being rendered streams a token per event (a paced step) rather than a few pieces. */
    private static final ThreadLocal<Boolean> TOKEN_PIECES = ThreadLocal.withInitial(() -> false);

    /** Splits text into a few deltas, as providers stream it (or into tokens of four characters). */
    static List<String> pieces(String s) {
        List<String> out = new ArrayList<>();
        int step = TOKEN_PIECES.get() ? 4 : Math.max(1, (s.length() + 2) / 3);
        for (int i = 0; i < s.length(); i += step) {
            out.add(s.substring(i, Math.min(s.length(), i + step)));
        }
        return out;
    }

    private static byte[] anthropic(String text, List<Step.Call> calls, long in, long out) {
        StringBuilder sb = new StringBuilder();
        ObjectNode start = Json.object().put("type", "message_start");
        ObjectNode msg = start.putObject("message");
        msg.put("id", "msg_fake").put("type", "message").put("role", "assistant").put("model", "fake-model");
        msg.putArray("content");
        msg.putNull("stop_reason");
        msg.putObject("usage").put("input_tokens", in).put("cache_creation_input_tokens", 0)
                .put("cache_read_input_tokens", 0).put("output_tokens", 1);
        sse(sb, "message_start", start);
        sse(sb, "ping", Json.object().put("type", "ping"));
        int index = 0;
        if (!text.isEmpty()) {
            ObjectNode s = Json.object().put("type", "content_block_start").put("index", index);
            s.putObject("content_block").put("type", "text").put("text", "");
            sse(sb, "content_block_start", s);
            for (String p : pieces(text)) {
                ObjectNode d = Json.object().put("type", "content_block_delta").put("index", index);
                d.putObject("delta").put("type", "text_delta").put("text", p);
                sse(sb, "content_block_delta", d);
            }
            sse(sb, "content_block_stop", Json.object().put("type", "content_block_stop").put("index", index));
            index++;
        }
        for (Step.Call c : calls) {
            ObjectNode s = Json.object().put("type", "content_block_start").put("index", index);
            s.putObject("content_block").put("type", "tool_use").put("id", "toolu_fake" + index)
                    .put("name", c.name()).putObject("input");
            sse(sb, "content_block_start", s);
            List<String> frags = new ArrayList<>();
            frags.add("");
            frags.addAll(pieces(c.argumentsJson()));
            for (String p : frags) {
                ObjectNode d = Json.object().put("type", "content_block_delta").put("index", index);
                d.putObject("delta").put("type", "input_json_delta").put("partial_json", p);
                sse(sb, "content_block_delta", d);
            }
            sse(sb, "content_block_stop", Json.object().put("type", "content_block_stop").put("index", index));
            index++;
        }
        ObjectNode delta = Json.object().put("type", "message_delta");
        delta.putObject("delta").put("stop_reason", calls.isEmpty() ? "end_turn" : "tool_use").putNull("stop_sequence");
        delta.putObject("usage").put("output_tokens", out);
        sse(sb, "message_delta", delta);
        sse(sb, "message_stop", Json.object().put("type", "message_stop"));
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] openai(String text, List<Step.Call> calls, long in, long out) {
        StringBuilder sb = new StringBuilder();
        ObjectNode first = chunk();
        ObjectNode d0 = first.withArray("choices").addObject().put("index", 0).putObject("delta");
        d0.put("role", "assistant").put("content", "");
        data(sb, first);
        for (String p : pieces(text)) {
            ObjectNode c = chunk();
            c.withArray("choices").addObject().put("index", 0).putNull("finish_reason").putObject("delta").put("content", p);
            data(sb, c);
        }
        int i = 0;
        for (Step.Call call : calls) {
            ObjectNode c = chunk();
            ObjectNode tc = c.withArray("choices").addObject().put("index", 0).putObject("delta").putArray("tool_calls").addObject();
            tc.put("index", i).put("id", "call_fake" + i).put("type", "function");
            tc.putObject("function").put("name", call.name()).put("arguments", "");
            data(sb, c);
            for (String p : pieces(call.argumentsJson())) {
                ObjectNode a = chunk();
                ObjectNode t = a.withArray("choices").addObject().put("index", 0).putObject("delta").putArray("tool_calls").addObject();
                t.put("index", i).putObject("function").put("arguments", p);
                data(sb, a);
            }
            i++;
        }
        ObjectNode fin = chunk();
        fin.withArray("choices").addObject().put("index", 0).put("finish_reason", calls.isEmpty() ? "stop" : "tool_calls")
                .putObject("delta");
        data(sb, fin);
        ObjectNode usage = chunk();
        usage.putArray("choices");
        usage.putObject("usage").put("prompt_tokens", in).put("completion_tokens", out).put("total_tokens", in + out)
                .putObject("prompt_tokens_details").put("cached_tokens", 0);
        data(sb, usage);
        sb.append("data: [DONE]\n\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] responses(String text, List<Step.Call> calls, long in, long out) {
        StringBuilder sb = new StringBuilder();
        ObjectNode created = Json.object().put("type", "response.created");
        created.putObject("response").put("id", "resp_fake").put("object", "response").put("model", "fake-model")
                .put("status", "in_progress").putArray("output");
        sse(sb, "response.created", created);
        int index = 0;
        ObjectNode reasoning = Json.object().put("id", "rs_fake").put("type", "reasoning");
        reasoning.putArray("summary");
        sse(sb, "response.output_item.added", item("response.output_item.added", index, reasoning));
        ObjectNode thought = Json.object().put("type", "response.reasoning_summary_text.delta")
                .put("item_id", "rs_fake").put("output_index", index).put("summary_index", 0).put("delta", "Thinking.");
        sse(sb, "response.reasoning_summary_text.delta", thought);
        reasoning.put("encrypted_content", ENCRYPTED_REASONING);
        reasoning.withArray("summary").addObject().put("type", "summary_text").put("text", "Thinking.");
        sse(sb, "response.output_item.done", item("response.output_item.done", index, reasoning));
        index++;
        if (!text.isEmpty()) {
            ObjectNode msg = Json.object().put("id", "msg_fake").put("type", "message").put("role", "assistant")
                    .put("status", "in_progress");
            msg.putArray("content");
            sse(sb, "response.output_item.added", item("response.output_item.added", index, msg));
            for (String p : pieces(text)) {
                sse(sb, "response.output_text.delta", Json.object().put("type", "response.output_text.delta")
                        .put("item_id", "msg_fake").put("output_index", index).put("content_index", 0).put("delta", p));
            }
            msg.put("status", "completed");
            msg.withArray("content").addObject().put("type", "output_text").put("text", text);
            sse(sb, "response.output_item.done", item("response.output_item.done", index, msg));
            index++;
        }
        for (Step.Call c : calls) {
            ObjectNode fc = Json.object().put("id", "fc_fake" + index).put("type", "function_call")
                    .put("call_id", "call_fake" + index).put("name", c.name()).put("arguments", "");
            sse(sb, "response.output_item.added", item("response.output_item.added", index, fc));
            for (String p : pieces(c.argumentsJson())) {
                sse(sb, "response.function_call_arguments.delta", Json.object()
                        .put("type", "response.function_call_arguments.delta").put("item_id", "fc_fake" + index)
                        .put("output_index", index).put("delta", p));
            }
            sse(sb, "response.function_call_arguments.done", Json.object()
                    .put("type", "response.function_call_arguments.done").put("item_id", "fc_fake" + index)
                    .put("output_index", index).put("arguments", c.argumentsJson()));
            fc.put("arguments", c.argumentsJson());
            sse(sb, "response.output_item.done", item("response.output_item.done", index, fc));
            index++;
        }
        ObjectNode completed = Json.object().put("type", "response.completed");
        ObjectNode response = completed.putObject("response").put("id", "resp_fake").put("object", "response")
                .put("model", "fake-model").put("status", "completed");
        ObjectNode usage = response.putObject("usage").put("input_tokens", in).put("output_tokens", out)
                .put("total_tokens", in + out);
        usage.putObject("input_tokens_details").put("cached_tokens", 0);
        usage.putObject("output_tokens_details").put("reasoning_tokens", 2);
        sse(sb, "response.completed", completed);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode item(String type, int index, ObjectNode item) {
        ObjectNode e = Json.object().put("type", type).put("output_index", index);
        e.set("item", item.deepCopy());
        return e;
    }

    private static byte[] gemini(String text, List<Step.Call> calls, long in, long out) {
        StringBuilder sb = new StringBuilder();
        for (String p : pieces(text)) {
            ObjectNode c = Json.object();
            c.putArray("candidates").addObject().putObject("content").put("role", "model").putArray("parts")
                    .addObject().put("text", p);
            c.put("modelVersion", "fake-model");
            sb.append("data: ").append(Json.write(c)).append("\r\n\r\n");
        }
        ObjectNode last = Json.object();
        ObjectNode cand = last.putArray("candidates").addObject();
        ArrayNode parts = cand.putObject("content").put("role", "model").putArray("parts");
        for (Step.Call call : calls) {
            ObjectNode fc = parts.addObject().putObject("functionCall");
            fc.put("name", call.name());
            fc.set("args", Json.parse(call.argumentsJson()));
        }
        if (calls.isEmpty()) {
            parts.addObject().put("text", "");
        }
        cand.put("finishReason", "STOP");
        last.putObject("usageMetadata").put("promptTokenCount", in).put("candidatesTokenCount", out)
                .put("totalTokenCount", in + out);
        last.put("modelVersion", "fake-model");
        sb.append("data: ").append(Json.write(last)).append("\r\n\r\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] ollama(String text, List<Step.Call> calls, long in, long out) {
        StringBuilder sb = new StringBuilder();
        for (String p : pieces(text)) {
            ObjectNode line = Json.object().put("model", "fake").put("done", false);
            line.putObject("message").put("role", "assistant").put("content", p);
            sb.append(Json.write(line)).append('\n');
        }
        if (!calls.isEmpty()) {
            ObjectNode line = Json.object().put("model", "fake").put("done", false);
            ObjectNode m = line.putObject("message").put("role", "assistant").put("content", "");
            ArrayNode tcs = m.putArray("tool_calls");
            for (Step.Call call : calls) {
                ObjectNode f = tcs.addObject().putObject("function");
                f.put("name", call.name());
                f.set("arguments", Json.parse(call.argumentsJson()));
            }
            sb.append(Json.write(line)).append('\n');
        }
        ObjectNode done = Json.object().put("model", "fake").put("done", true).put("done_reason", "stop");
        done.putObject("message").put("role", "assistant").put("content", "");
        done.put("prompt_eval_count", in).put("eval_count", out).put("total_duration", 1000);
        sb.append(Json.write(done)).append('\n');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode chunk() {
        return Json.object().put("id", "chatcmpl-fake").put("object", "chat.completion.chunk").put("model", "fake-model");
    }

    private static void sse(StringBuilder sb, String event, ObjectNode data) {
        sb.append("event: ").append(event).append('\n').append("data: ").append(Json.write(data)).append("\n\n");
    }

    private static void data(StringBuilder sb, ObjectNode data) {
        sb.append("data: ").append(Json.write(data)).append("\n\n");
    }
}
