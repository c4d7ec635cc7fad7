package dev.reaper.router;

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

    /** A decoder that feeds one streamed response body into the assembler. */
    StreamDecoder decoder(ResponseAssembler assembler);

    /**
     * Decodes a whole, non-streamed response body (a server that ignored {@code stream: true}, or a
     * recorded body) into the assembler.
     */
    void decodeBody(byte[] body, ResponseAssembler assembler);

    /** Interprets a non-2xx response. */
    ProviderException error(String provider, int status, Map<String, List<String>> headers, byte[] body);

    /** The request listing the models the endpoint serves. */
    HttpCall modelsCall(ProviderEndpoint endpoint);

    List<String> parseModels(byte[] body);
}
