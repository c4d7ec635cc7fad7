package dev.reaper.providers.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.json.Json;
import dev.reaper.router.ChatRequest;
import dev.reaper.router.HttpCall;
import dev.reaper.router.ProviderAdapter;
import dev.reaper.router.ProviderEndpoint;
import dev.reaper.router.ProviderException;
import dev.reaper.router.ResponseAssembler;
import dev.reaper.router.wire.StreamDecoder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Amazon Bedrock's Converse API ({@code POST /model/MODEL/converse-stream}), signed with AWS Signature
 * Version 4 and answered in the binary AWS event stream. Models are listed by the control plane's
 * {@code ListFoundationModels} ({@code GET /foundation-models} on {@code bedrock.REGION.amazonaws.com}).
 */
public final class BedrockAdapter implements ProviderAdapter {

    public static final String WIRE_API = "bedrock-converse";
    static final String EVENT_STREAM = "application/vnd.amazon.eventstream";

    private final Clock clock;

    public BedrockAdapter() {
        this(Clock.systemUTC());
    }

    /** An adapter signing with the given clock's time. */
    public BedrockAdapter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String wireApi() {
        return WIRE_API;
    }

    /** The call, signed at the clock's time: AWS accepts it for about five minutes after. */
    @Override
    public HttpCall chatCall(ProviderEndpoint endpoint, String model, ChatRequest request) {
        BedrockEndpoint bedrock = BedrockEndpoint.resolve(endpoint, clock);
        byte[] body = BedrockRequestEncoder.encode(endpoint.name(), request);
        // one path segment, whatever the id holds: ':' in versions, '/' in inference profile ARNs
        String url = bedrock.runtimeUrl() + "/model/" + SigV4Signer.encode(model, true) + "/converse-stream";
        Map<String, String> headers = new LinkedHashMap<>(endpoint.headers());
        headers.put("accept", EVENT_STREAM);
        headers.putAll(bedrock.signer().sign("POST", URI.create(url), Map.of(), body, true).headers());
        return HttpCall.postJson(url, headers, body);
    }

    @Override
    public StreamDecoder decoder(ResponseAssembler assembler) {
        return new EventStreamDecoder(new BedrockStreamParser(assembler));
    }

    @Override
    public void decodeBody(byte[] body, ResponseAssembler assembler) {
        new BedrockStreamParser(assembler).wholeResponse(body);
    }

    @Override
    public ProviderException error(String provider, int status, Map<String, List<String>> headers, byte[] body) {
        return BedrockErrors.fromHttp(provider, status, headers, body, clock);
    }

    /** Signed like a chat call, on the control-plane host (or the configured base URL). */
    @Override
    public HttpCall modelsCall(ProviderEndpoint endpoint) {
        BedrockEndpoint bedrock = BedrockEndpoint.resolve(endpoint, clock);
        String url = bedrock.controlUrl() + "/foundation-models?byOutputModality=TEXT";
        Map<String, String> headers = new LinkedHashMap<>(endpoint.headers());
        headers.put("accept", "application/json");
        headers.putAll(bedrock.signer().sign("GET", URI.create(url), Map.of(), null, true).headers());
        return HttpCall.get(url, headers);
    }

    @Override
    public List<String> parseModels(byte[] body) {
        List<String> ids = new ArrayList<>();
        for (JsonNode m : Json.parse(new String(body, StandardCharsets.UTF_8)).path("modelSummaries")) {
            String id = Json.text(m, "modelId");
            if (id != null) {
                ids.add(id);
            }
        }
        return ids;
    }
}
