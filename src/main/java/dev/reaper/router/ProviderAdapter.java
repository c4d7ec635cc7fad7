package dev.reaper.router;

import dev.reaper.protocol.Cancellation;
import dev.reaper.router.wire.StreamDecoder;
import java.util.List;
import java.util.Map;

/**
 * The provider SPI: one implementation per wire format. An adapter only translates: Reaper's request
 * into an HTTP call, response bytes into calls on a {@link ResponseAssembler}, error bodies into typed
 * {@link ProviderException}s. Sending, timeouts, retries and fallbacks belong to the router.
 */
public interface ProviderAdapter {

    /** The wire format's name, as used in config ({@code wire_api}). */
    String wireApi();

    HttpCall chatCall(ProviderEndpoint endpoint, String model, ChatRequest request);

    /**
     * A fill-in-the-middle completion call, where the endpoint has one (Mistral's {@code /fim/completions});
     * its stream is read by {@link #decoder}. Empty for the others.
     */
    default java.util.Optional<HttpCall> fimCall(ProviderEndpoint endpoint, String model, FimRequest request) {
        return java.util.Optional.empty();
    }

    /**
     * Headers carrying credentials that take a round trip to obtain (an OAuth access token), added to each
     * call just before it is sent, so a retry picks up a renewed one. The fetch must be bounded by a
     * timeout and stop when {@code cancel} fires. Adapters that put their key in the call directly add
     * nothing here.
     *
     * @throws ProviderException when the credentials cannot be had ({@link ProviderException.Kind#AUTH} when
     *                           they are missing or refused)
     */
    default Map<String, String> credentialHeaders(ProviderEndpoint endpoint, Cancellation cancel) {
        return Map.of();
    }

    /** An embeddings call for {@code inputs}, where the API has one (OpenAI's, Ollama's); empty otherwise. */
    default java.util.Optional<HttpCall> embedCall(ProviderEndpoint endpoint, String model, List<String> inputs) {
        return java.util.Optional.empty();
    }

    /** The vectors of an embeddings answer, in input order. */
    default List<float[]> parseEmbeddings(byte[] body) {
        throw new UnsupportedOperationException(wireApi() + " has no embeddings");
    }

    /** A decoder that feeds one streamed response body into the assembler. */
    StreamDecoder decoder(ResponseAssembler assembler);

    /**
     * Decodes a whole, non-streamed response body (a server that ignored {@code stream: true}, or a
     * recorded body) into the assembler.
     */
    void decodeBody(byte[] body, ResponseAssembler assembler);

    /** Interprets a non-2xx response. */
    ProviderException error(String provider, int status, Map<String, List<String>> headers, byte[] body);

    /**
     * Whether the API can list the models it serves. When it cannot (Vertex AI lists no models per
     * project), {@link #modelsCall} is never made and a probe checks the credentials alone.
     */
    default boolean listsModels() {
        return true;
    }

    /** The request listing the models the endpoint serves. */
    HttpCall modelsCall(ProviderEndpoint endpoint);

    List<String> parseModels(byte[] body);
}
