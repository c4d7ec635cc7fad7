package dev.reaper.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.json.Json;
import dev.reaper.router.HttpCall;
import dev.reaper.router.ProviderEndpoint;
import dev.reaper.router.Timeouts;
import dev.reaper.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/** Endpoints and request bodies for adapter encoding tests. */
public final class Requests {

    private Requests() {}

    public static ProviderEndpoint endpoint(String name, String wireApi, String baseUrl) {
        return new ProviderEndpoint(name, wireApi, baseUrl, Optional.of(Secret.of("k-123456789")), "KEY_VAR",
                Map.of(), Timeouts.DEFAULT, 3);
    }

    /** The JSON body of a call. */
    public static JsonNode body(HttpCall call) {
        return Json.parse(new String(call.body(), StandardCharsets.UTF_8));
    }
}
