package dev.reaper.bench;

import dev.reaper.providers.anthropic.AnthropicAdapter;
import dev.reaper.providers.openai.ChatCompletionsAdapter;
import dev.reaper.router.ChatResponse;
import dev.reaper.router.ProviderAdapter;
import dev.reaper.router.ResponseAssembler;
import dev.reaper.router.StreamListener;
import dev.reaper.router.wire.StreamDecoder;
import java.io.IOException;
import java.io.InputStream;
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
 * Decoding a recorded provider stream from bytes to a finished response, fed in 8 KB reads as the HTTP
 * client delivers them. The time per stream over its size is the router's parsing cost per byte.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StreamDecodeBenchmark {

    @Param({"anthropic/anthropic-code-execution-20250825.pptx-skill.sse", "openai/chat/openai-text.sse"})
    public String fixture;

    private byte[] body;
    private ProviderAdapter adapter;

    @Setup
    public void load() throws IOException {
        try (InputStream in = StreamDecodeBenchmark.class.getResourceAsStream("/wire/" + fixture)) {
            body = in.readAllBytes();
        }
        adapter = fixture.startsWith("anthropic") ? new AnthropicAdapter() : new ChatCompletionsAdapter();
    }

    @Benchmark
    public ChatResponse decode() {
        ResponseAssembler asm = new ResponseAssembler("bench", StreamListener.NONE);
        StreamDecoder d = adapter.decoder(asm);
        for (int i = 0; i < body.length; i += 8192) {
            d.feed(body, i, Math.min(8192, body.length - i));
        }
        d.end();
        return asm.finishStream();
    }
}
