package dev.reaper.providers.openai;

import dev.reaper.router.ChatRequest;
import dev.reaper.router.HttpCall;
import dev.reaper.router.ProviderAdapter;
import dev.reaper.router.ProviderEndpoint;
import dev.reaper.router.ProviderException;
import dev.reaper.router.ResponseAssembler;
import dev.reaper.router.wire.SseDecoder;
import dev.reaper.router.wire.StreamDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The OpenAI Responses API ({@code POST {base}/responses}, streamed, nothing stored), for OpenAI and
 * compatible servers (xAI, LM Studio, ...), and on Azure OpenAI through its v1 API
 * ({@code {resource}/openai/v1/responses}, the deployment name as the model, the key in {@code api-key}).
 */
public final class ResponsesAdapter implements ProviderAdapter {

    public static final String WIRE_API = "openai-responses";
    public static final String AZURE_WIRE_API = "azure-openai-responses";

    private final boolean azure;

    /** The adapter for OpenAI and compatible servers. */
    public ResponsesAdapter() {
        this(false);
    }

    private ResponsesAdapter(boolean azure) {
        this.azure = azure;
    }

    /** The adapter for Azure OpenAI's v1 Responses API. */
    public static ResponsesAdapter azure() {
        return new ResponsesAdapter(true);
    }

    @Override
    public String wireApi() {
        return azure ? AZURE_WIRE_API : WIRE_API;
    }

    @Override
    public HttpCall chatCall(ProviderEndpoint endpoint, String model, ChatRequest request) {
        String url = azure ? AzureEndpoint.v1Url(endpoint, "responses") : endpoint.baseUrl() + "/responses";
        Map<String, String> headers = headers(endpoint);
        headers.put("accept", "text/event-stream");
        boolean official = !azure && ChatCompletionsAdapter.isOfficial(endpoint);
        return HttpCall.postJson(url, headers,
                ResponsesRequestEncoder.encode(endpoint.name(), model, request, official));
    }

    private Map<String, String> headers(ProviderEndpoint endpoint) {
        return azure ? AzureEndpoint.headers(endpoint) : ChatCompletionsAdapter.bearerHeaders(endpoint);
    }

    @Override
    public StreamDecoder decoder(ResponseAssembler assembler) {
        return new SseDecoder(new ResponsesStreamParser(assembler));
    }

    @Override
    public void decodeBody(byte[] body, ResponseAssembler assembler) {
        new ResponsesStreamParser(assembler).wholeResponse(new String(body, StandardCharsets.UTF_8));
    }

    @Override
    public ProviderException error(String provider, int status, Map<String, List<String>> headers, byte[] body) {
        return OpenAiErrors.fromHttp(provider, status, headers, body);
    }

    @Override
    public HttpCall modelsCall(ProviderEndpoint endpoint) {
        String url = azure ? AzureEndpoint.v1Url(endpoint, "models") : endpoint.baseUrl() + "/models";
        return HttpCall.get(url, headers(endpoint));
    }

    /** OpenAI's model ids; on Azure none, as its list holds base models, not the deployments requests name. */
    @Override
    public List<String> parseModels(byte[] body) {
        return azure ? List.of() : ChatCompletionsAdapter.modelIds(body);
    }
}
