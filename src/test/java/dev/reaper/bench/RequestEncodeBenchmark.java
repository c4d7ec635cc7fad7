package dev.reaper.bench;

import dev.reaper.protocol.ContentBlock;
import dev.reaper.protocol.Message;
import dev.reaper.protocol.Role;
import dev.reaper.providers.anthropic.AnthropicAdapter;
import dev.reaper.providers.gemini.GeminiAdapter;
import dev.reaper.providers.openai.ChatCompletionsAdapter;
import dev.reaper.router.ChatRequest;
import dev.reaper.router.HttpCall;
import dev.reaper.router.ProviderAdapter;
import dev.reaper.router.ProviderEndpoint;
import dev.reaper.router.Timeouts;
import dev.reaper.router.ToolSpec;
import dev.reaper.tools.Tool;
import dev.reaper.tools.builtin.BuiltinTools;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Serialising a 40-turn agent conversation (text, tool calls, 2 KB tool results) with the built-in tools
 * into each wire format: the work the router adds on the request path, once per request.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RequestEncodeBenchmark {

    @Param({"anthropic", "openai-chat", "gemini"})
    public String wire;

    private ProviderAdapter adapter;
    private ProviderEndpoint endpoint;
    private ChatRequest request;

    @Setup
    public void build() {
        adapter = switch (wire) {
            case "anthropic" -> new AnthropicAdapter();
            case "gemini" -> new GeminiAdapter();
            default -> new ChatCompletionsAdapter();
        };
        endpoint = new ProviderEndpoint("bench", wire, "http://127.0.0.1:1", Optional.empty(), null, Map.of(),
                Timeouts.DEFAULT, 0);
        List<Message> messages = new ArrayList<>();
        String result = "line of tool output\n".repeat(100);
        for (int i = 0; i < 40; i++) {
            messages.add(Message.user("please look at file" + i + ".py"));
            messages.add(new Message(Role.ASSISTANT, List.of(new ContentBlock.Text("Reading it."),
                    new ContentBlock.ToolUse("call_" + i, "read", "{\"path\":\"file" + i + ".py\"}"))));
            messages.add(new Message(Role.USER, List.of(new ContentBlock.ToolResult("call_" + i, result, false))));
            messages.add(Message.assistant("It defines a function."));
        }
        List<ToolSpec> tools = new ArrayList<>();
        for (Tool t : BuiltinTools.all()) {
            tools.add(new ToolSpec(t.name(), t.description(), t.inputSchema()));
        }
        request = new ChatRequest("You are Reaper.", messages, tools, 8192, "bench");
    }

    @Benchmark
    public HttpCall encode() {
        return adapter.chatCall(endpoint, "model", request);
    }
}
