package dev.reaper.providers.vertex;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reaper.json.Json;
import dev.reaper.protocol.Cancellation;
import dev.reaper.providers.anthropic.AnthropicAdapter;
import dev.reaper.providers.gemini.GeminiAdapter;
import dev.reaper.router.ChatRequest;
import dev.reaper.router.HttpCall;
import dev.reaper.router.ProviderAdapter;
import dev.reaper.router.ProviderEndpoint;
import dev.reaper.router.ProviderException;
import dev.reaper.router.ResponseAssembler;
import dev.reaper.router.wire.StreamDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Google Vertex AI, hosting two wire formats: Gemini models through {@code streamGenerateContent} with
 * the Gemini adapter's body, Claude models through {@code streamRawPredict} with the Anthropic adapter's
 * body (its {@code model} moved into the URL, {@code anthropic_version} added). Responses and errors
 * are read by whichever of the two adapters their format belongs to ({@link FormatSniffer}).
 *
 * <p>Authentication is a service-account key file ({@code credentials_file}), traded for an OAuth access
 * token that is sent as a bearer token and kept, per key file, until shortly before it expires. The
 * project comes from the {@code project} option or else the key file; the location from the
 * {@code location} option, {@code global} by default; the host from the location unless a base URL
 * is configured.
 *
 * <p>Vertex AI has no list of the models a project may call, so {@link #listsModels()} is false.
 */
public final class VertexAdapter implements ProviderAdapter {

    public static final String WIRE_API = "vertex";
    static final String ANTHROPIC_VERSION = "vertex-2023-10-16";
    static final Duration TOKEN_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern LOCATION = Pattern.compile("[a-z0-9-]+");
    private static final Pattern PROJECT = Pattern.compile("[a-z0-9][a-z0-9.:-]*");

    private final GeminiAdapter gemini = new GeminiAdapter();
    private final AnthropicAdapter anthropic = new AnthropicAdapter();
    private final Clock clock;
    private final Duration tokenTimeout;
    private final Map<Path, AccessTokens> tokensByKeyFile = new ConcurrentHashMap<>();

    public VertexAdapter() {
        this(Clock.systemUTC(), TOKEN_TIMEOUT);
    }

    /** With the clock that decides when a token is due for renewal, and the limit on fetching one. */
    public VertexAdapter(Clock clock, Duration tokenTimeout) {
        this.clock = clock;
        this.tokenTimeout = tokenTimeout;
    }

    @Override
    public String wireApi() {
        return WIRE_API;
    }

    /** Claude models are Anthropic's on Vertex AI; every other model is Google's. */
    static boolean isClaude(String model) {
        return model.startsWith("claude");
    }

    @Override
    public HttpCall chatCall(ProviderEndpoint endpoint, String model, ChatRequest request) {
        Map<String, String> headers = new LinkedHashMap<>(endpoint.headers());
        headers.put("accept", "text/event-stream");
        String modelPath = modelsRoot(endpoint) + (isClaude(model) ? "/anthropic/models/" : "/google/models/")
                + URLEncoder.encode(model, StandardCharsets.UTF_8).replace("%40", "@"); // claude-x@20250514
        if (isClaude(model)) {
            ObjectNode body = (ObjectNode) Json.parse(new String(
                    anthropic.chatCall(endpoint, model, request).body(), StandardCharsets.UTF_8));
            body.remove("model");
            body.put("anthropic_version", ANTHROPIC_VERSION);
            return HttpCall.postJson(modelPath + ":streamRawPredict", headers, Json.bytes(body));
        }
        return HttpCall.postJson(modelPath + ":streamGenerateContent?alt=sse", headers,
                gemini.chatCall(endpoint, model, request).body());
    }

    /** {@code {base}/v1/projects/P/locations/L/publishers}. */
    private String modelsRoot(ProviderEndpoint endpoint) {
        String location = location(endpoint);
        String base = endpoint.baseUrl().isEmpty()
                ? location.equals("global") ? "https://aiplatform.googleapis.com"
                        : "https://" + location + "-aiplatform.googleapis.com"
                : endpoint.baseUrl();
        return base + "/v1/projects/" + project(endpoint) + "/locations/" + location + "/publishers";
    }

    private static String location(ProviderEndpoint endpoint) {
        String location = endpoint.option("location").orElse("global");
        if (!LOCATION.matcher(location).matches()) {
            throw new ProviderException(ProviderException.Kind.CONFIG, endpoint.name(), endpoint.name()
                    + ": location '" + location + "' is not a Google Cloud region (for example us-east5 or global)");
        }
        return location;
    }

    /** The project option, or else the key file's own project. */
    private String project(ProviderEndpoint endpoint) {
        if (endpoint.option("project").isEmpty() && endpoint.option("credentials_file").isEmpty()) {
            throw new ProviderException(ProviderException.Kind.AUTH, endpoint.name(), endpoint.name()
                    + " needs a service-account key file and a project: set GOOGLE_APPLICATION_CREDENTIALS and"
                    + " GOOGLE_CLOUD_PROJECT (or credentials_file and project in [providers." + endpoint.name()
                    + "] of config.toml)");
        }
        String project = endpoint.option("project").or(() -> tokens(endpoint).key().projectId()).orElseThrow(() ->
                new ProviderException(ProviderException.Kind.CONFIG, endpoint.name(), endpoint.name()
                        + " needs a Google Cloud project: set GOOGLE_CLOUD_PROJECT (or project in [providers."
                        + endpoint.name() + "] of config.toml)"));
        if (!PROJECT.matcher(project).matches()) {
            throw new ProviderException(ProviderException.Kind.CONFIG, endpoint.name(), endpoint.name()
                    + ": '" + project + "' is not a Google Cloud project id");
        }
        return project;
    }

    @Override
    public Map<String, String> credentialHeaders(ProviderEndpoint endpoint, Cancellation cancel) {
        return Map.of("authorization", "Bearer " + tokens(endpoint).token(cancel).reveal());
    }

    /** The tokens of the endpoint's key file, read once; a file that cannot be used is not remembered. */
    private AccessTokens tokens(ProviderEndpoint endpoint) {
        String name = endpoint.option("credentials_file").orElseThrow(() ->
                new ProviderException(ProviderException.Kind.AUTH, endpoint.name(),
                        endpoint.name() + " has no service-account key file"));
        Path file;
        try {
            file = Path.of(name).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw new ProviderException(ProviderException.Kind.AUTH, endpoint.name(),
                    endpoint.name() + ": the service-account key file " + name + " is not a valid path");
        }
        return tokensByKeyFile.computeIfAbsent(file, f ->
                new AccessTokens(endpoint.name(), ServiceAccountKey.read(endpoint.name(), f), clock, tokenTimeout));
    }

    @Override
    public StreamDecoder decoder(ResponseAssembler assembler) {
        return new FormatSniffer(() -> anthropic.decoder(assembler), () -> gemini.decoder(assembler));
    }

    @Override
    public void decodeBody(byte[] body, ResponseAssembler assembler) {
        (FormatSniffer.isAnthropic(body) ? anthropic : gemini).decodeBody(body, assembler);
    }

    @Override
    public ProviderException error(String provider, int status, Map<String, List<String>> headers, byte[] body) {
        // Vertex's own failures (quota, permission, unknown model) are Google RPC errors for both families;
        // Claude's own are Anthropic's
        return (FormatSniffer.isAnthropic(body) ? anthropic : gemini).error(provider, status, headers, body);
    }

    @Override
    public boolean listsModels() {
        return false;
    }

    /** Never made ({@link #listsModels()} is false). */
    @Override
    public HttpCall modelsCall(ProviderEndpoint endpoint) {
        throw new UnsupportedOperationException("Vertex AI has no list of the models a project may call");
    }

    @Override
    public List<String> parseModels(byte[] body) {
        throw new UnsupportedOperationException("Vertex AI has no list of the models a project may call");
    }
}
