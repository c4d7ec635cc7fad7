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
 * Azure OpenAI Chat Completions: the Chat Completions format sent to a deployment
 * ({@code {resource}/openai/deployments/{model}/chat/completions?api-version=V}, the model id naming the
 * deployment) with the key in an {@code api-key} header. Azure's content filter adds a choice-less
 * {@code prompt_filter_results} chunk, {@code content_filter_results} on choices and a
 * {@code content_filter} finish, which the Chat Completions parser reads as it reads any chunk.
 */
public final class AzureOpenAiAdapter implements ProviderAdapter {

    public static final String WIRE_API = "azure-openai";

    @Override
    public String wireApi() {
        return WIRE_API;
    }

    @Override
    public HttpCall chatCall(ProviderEndpoint endpoint, String model, ChatRequest request) {
        Map<String, String> headers = AzureEndpoint.headers(endpoint);
        headers.put("accept", "text/event-stream");
        return HttpCall.postJson(AzureEndpoint.deploymentUrl(endpoint, model, "chat/completions"), headers,
                ChatCompletionsEncoder.encode(model, request, ChatCompletionsEncoder.Dialect.AZURE));
    }

    @Override
    public StreamDecoder decoder(ResponseAssembler assembler) {
        return new SseDecoder(new ChatCompletionsStreamParser(assembler));
    }

    @Override
    public void decodeBody(byte[] body, ResponseAssembler assembler) {
        new ChatCompletionsStreamParser(assembler).wholeCompletion(new String(body, StandardCharsets.UTF_8));
    }

    @Override
    public ProviderException error(String provider, int status, Map<String, List<String>> headers, byte[] body) {
        return OpenAiErrors.fromHttp(provider, status, headers, body);
    }

    /** The resource's model list: it answers when the endpoint, version and key are right. */
    @Override
    public HttpCall modelsCall(ProviderEndpoint endpoint) {
        return HttpCall.get(AzureEndpoint.resourceUrl(endpoint, "models"), AzureEndpoint.headers(endpoint));
    }

    /**
     * None: Azure lists the base models a resource may deploy, while requests name deployments, which the
     * user named and the inference API does not list.
     */
    @Override
    public List<String> parseModels(byte[] body) {
        return List.of();
    }
}
