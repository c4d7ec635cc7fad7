package dev.reaper.bench;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * A provider that answers inside the HTTP client, without a network: an OkHttp interceptor returning an
 * Anthropic Messages stream at once. What the router does around it (choosing, serialising, parsing the
 * stream, accounting) is what benchmarks measure.
 */
final class InstantUpstream {

    private static final MediaType SSE = MediaType.get("text/event-stream");

    private InstantUpstream() {}

    /** A client whose every request is answered by {@code answer}. */
    static OkHttpClient client(Function<Request, byte[]> answer) {
        Interceptor instant = chain -> new Response.Builder().request(chain.request()).protocol(Protocol.HTTP_1_1)
                .code(200).message("OK").body(ResponseBody.create(answer.apply(chain.request()), SSE)).build();
        return new OkHttpClient.Builder().addInterceptor(instant).build();
    }

    /** An Anthropic stream of {@code text} with the given usage. */
    static byte[] anthropic(String text, long input, long cacheRead, long output) {
        String sse = "event: message_start\n"
                + "data: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
                + "\"model\":\"claude-sonnet-4-5\",\"content\":[],\"stop_reason\":null,\"usage\":{\"input_tokens\":" + input
                + ",\"cache_read_input_tokens\":" + cacheRead + ",\"cache_creation_input_tokens\":0,\"output_tokens\":1}}}\n\n"
                + "event: content_block_start\n"
                + "data: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
                + "event: content_block_delta\n"
                + "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\""
                + text + "\"}}\n\n"
                + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
                + "event: message_delta\n"
                + "data: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":"
                + output + "}}\n\n"
                + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
        return sse.getBytes(StandardCharsets.UTF_8);
    }
}
