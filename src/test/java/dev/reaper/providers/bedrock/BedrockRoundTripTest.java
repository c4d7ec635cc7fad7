package dev.reaper.providers.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.reaper.protocol.Cancellation;
import dev.reaper.protocol.ContentBlock;
import dev.reaper.protocol.Message;
import dev.reaper.protocol.StopReason;
import dev.reaper.protocol.Usage;
import dev.reaper.router.BudgetGuard;
import dev.reaper.router.ChatRequest;
import dev.reaper.router.ChatResponse;
import dev.reaper.router.HttpCall;
import dev.reaper.router.HttpProviderClient;
import dev.reaper.router.ModelCatalog;
import dev.reaper.router.ModelRef;
import dev.reaper.router.ProviderDirectory;
import dev.reaper.router.ProviderEndpoint;
import dev.reaper.router.ProviderException;
import dev.reaper.router.ResponseAssembler;
import dev.reaper.router.RetryPolicy;
import dev.reaper.router.Router;
import dev.reaper.router.RouterObserver;
import dev.reaper.router.StreamListener;
import dev.reaper.secret.Secret;
import dev.reaper.testing.TestClock;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.random.RandomGenerator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Bedrock call through the real HTTP client to a loopback server that checks the request's signature
 * the way AWS does, from what arrived on the wire (written here apart from {@link SigV4Signer}), and
 * answers with a recorded event stream sent in small chunks; through the router, a retry is signed anew.
 */
class BedrockRoundTripTest {

    /** A request as the server received it. */
    record Received(String method, String rawPath, String rawQuery, Map<String, String> headers, byte[] body) {}

    /** What the server answers to the next request. */
    record Reply(int status, Map<String, String> headers, byte[] body) {}

    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Reply> replies = new ConcurrentLinkedQueue<>();
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::serve);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void serve(HttpExchange x) throws IOException {
        Map<String, String> headers = new TreeMap<>();
        x.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
        received.add(new Received(x.getRequestMethod(), x.getRequestURI().getRawPath(), x.getRequestURI().getRawQuery(),
                headers, x.getRequestBody().readAllBytes()));
        Reply reply = replies.poll();
        if (reply == null) {
            reply = new Reply(500, Map.of(), "{\"message\":\"no reply scripted\"}".getBytes(StandardCharsets.UTF_8));
        }
        reply.headers().forEach((k, v) -> x.getResponseHeaders().add(k, v));
        x.sendResponseHeaders(reply.status(), 0); // chunked
        try (OutputStream out = x.getResponseBody()) {
            byte[] body = reply.body();
            for (int i = 0; i < body.length; i += 100) {
                out.write(body, i, Math.min(100, body.length - i));
                out.flush();
            }
        }
    }

    private static Reply recordedToolCall() {
        return new Reply(200, Map.of("Content-Type", "application/vnd.amazon.eventstream"),
                EventStreamDecoderTest.fixture("amazon-bedrock-tool-call.1.eventstream"));
    }

    private ProviderEndpoint endpoint(Map<String, Secret> secrets) {
        return BedrockAdapterTest.endpoint("http://127.0.0.1:" + server.getAddress().getPort(),
                Map.of("region", "us-west-2"), secrets);
    }

    private ChatResponse send(ProviderEndpoint e, BedrockAdapter adapter) {
        HttpCall call = adapter.chatCall(e, BedrockAdapterTest.MODEL,
                new ChatRequest("Be brief.", List.of(Message.user("Sparkle?")), List.of(), 256, null));
        return new HttpProviderClient().stream(adapter, e, call, new ResponseAssembler(e.name(), ev -> { }),
                () -> false, new Cancellation());
    }

    @Test
    void aSignedConverseStreamRequestDecodesTheRecordedEventStream() {
        replies.add(recordedToolCall());
        ProviderEndpoint e = endpoint(Map.of("secret_access_key", Secret.of(BedrockAdapterTest.SECRET_KEY),
                "session_token", Secret.of("tok-roundtrip-0001")));

        ChatResponse r = send(e, new BedrockAdapter(new TestClock(BedrockAdapterTest.NOW)));

        assertThat(r.error()).isNull();
        assertThat(r.complete()).isTrue();
        assertThat(r.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(r.usage()).isEqualTo(new Usage(125, 45, 0, 0, 0));
        assertThat(r.message().content()).containsExactly(new ContentBlock.ToolUse("tool-use-id", "test-tool",
                "{\"value\":\"Sparkle Day\"}", null, "bedrock"));

        assertThat(received).singleElement().satisfies(req -> {
            assertThat(req.method()).isEqualTo("POST");
            assertThat(req.rawPath()).isEqualTo("/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse-stream");
            assertThat(new String(req.body(), StandardCharsets.UTF_8)).contains("\"text\":\"Sparkle?\"");
            assertThat(req.headers()).containsEntry("x-amz-security-token", "tok-roundtrip-0001");
            assertThat(verifiedSignature(req, BedrockAdapterTest.SECRET_KEY, "us-west-2", "bedrock"))
                    .as("the signature AWS would compute").isTrue();
            assertThat(verifiedSignature(req, "another-secret", "us-west-2", "bedrock")).isFalse();
        });
    }

    @Test
    void anHttpErrorComesBackTyped() {
        replies.add(new Reply(400, Map.of("Content-Type", "application/json", "x-amzn-ErrorType",
                "ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/"),
                "{\"message\":\"Input is too long for requested model.\"}".getBytes(StandardCharsets.UTF_8)));
        ProviderEndpoint e = endpoint(Map.of("secret_access_key", Secret.of(BedrockAdapterTest.SECRET_KEY)));

        assertThatThrownBy(() -> send(e, new BedrockAdapter()))
                .isInstanceOfSatisfying(ProviderException.class, ex -> {
                    assertThat(ex.kind()).isEqualTo(ProviderException.Kind.CONTEXT_LENGTH);
                    assertThat(ex.getMessage()).isEqualTo("bedrock returned HTTP 400 (ValidationException): "
                            + "Input is too long for requested model.");
                });
    }

    @Test
    void aRetryThroughTheRouterIsSignedAgainAtItsOwnTime() {
        replies.add(new Reply(429, Map.of("Content-Type", "application/json", "x-amzn-ErrorType", "ThrottlingException",
                "Retry-After", "7"), "{\"message\":\"Too many requests\"}".getBytes(StandardCharsets.UTF_8)));
        replies.add(recordedToolCall());
        ProviderEndpoint e = endpoint(Map.of("secret_access_key", Secret.of(BedrockAdapterTest.SECRET_KEY)));
        TestClock clock = new TestClock(BedrockAdapterTest.NOW);
        ProviderDirectory directory = new ProviderDirectory() {
            @Override
            public Optional<ProviderEndpoint> find(String name) {
                return Optional.of(e).filter(p -> p.name().equals(name));
            }

            @Override
            public List<ProviderEndpoint> all() {
                return List.of(e);
            }

            @Override
            public String setupHint(String name) {
                return "set AWS_ACCESS_KEY_ID";
            }
        };
        Router router = new Router(Map.of(BedrockAdapter.WIRE_API, new BedrockAdapter(clock)), directory,
                new HttpProviderClient(), ModelCatalog.load(Map.of()), RetryPolicy.DEFAULT, (wait, cancel) -> {
                    clock.advance(wait);
                    return true;
                }, RandomGenerator.getDefault());

        Router.Routed r = router.chat(List.of(ModelRef.parse("bedrock/" + BedrockAdapterTest.MODEL)),
                new ChatRequest("", List.of(Message.user("Sparkle?")), List.of(), 256, null), StreamListener.NONE,
                BudgetGuard.unlimited(), RouterObserver.NONE, new Cancellation());

        assertThat(r.response().message().toolUses()).extracting(ContentBlock.ToolUse::name).containsExactly("test-tool");
        assertThat(received).extracting(req -> req.headers().get("x-amz-date"))
                .containsExactly("20250301T100000Z", "20250301T100007Z");
        assertThat(received).allSatisfy(req ->
                assertThat(verifiedSignature(req, BedrockAdapterTest.SECRET_KEY, "us-west-2", "bedrock")).isTrue());
    }

    /** Recomputes the request's signature from the headers it names, as the service does. */
    static boolean verifiedSignature(Received req, String secret, String region, String service) {
        String authorization = req.headers().get("authorization");
        String prefix = "AWS4-HMAC-SHA256 Credential=";
        assertThat(authorization).startsWith(prefix);
        String[] parts = authorization.substring(prefix.length()).split(", ");
        String scope = parts[0].substring(parts[0].indexOf('/') + 1);
        String[] signedHeaders = parts[1].substring("SignedHeaders=".length()).split(";");
        String signature = parts[2].substring("Signature=".length());
        assertThat(scope).endsWith("/" + region + "/" + service + "/aws4_request");
        assertThat(signedHeaders).contains("host", "x-amz-date");

        StringBuilder canonicalHeaders = new StringBuilder();
        for (String h : signedHeaders) {
            canonicalHeaders.append(h).append(':').append(req.headers().get(h).strip()).append('\n');
        }
        String payloadHash = hex(sha256(req.body()));
        if (req.headers().containsKey("x-amz-content-sha256")) {
            assertThat(req.headers().get("x-amz-content-sha256")).isEqualTo(payloadHash);
        }
        String canonicalRequest = req.method() + "\n" + uriEncodeAgain(req.rawPath()) + "\n"
                + (req.rawQuery() == null ? "" : req.rawQuery()) + "\n" + canonicalHeaders + "\n"
                + String.join(";", signedHeaders) + "\n" + payloadHash;
        String stringToSign = "AWS4-HMAC-SHA256\n" + req.headers().get("x-amz-date") + "\n" + scope + "\n"
                + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] key = ("AWS4" + secret).getBytes(StandardCharsets.UTF_8);
        for (String step : List.of(scope.split("/")[0], region, service, "aws4_request")) {
            key = hmac(key, step);
        }
        return hex(hmac(key, stringToSign)).equals(signature);
    }

    /** The received path encoded once more, every byte but unreserved characters and '/'. */
    private static String uriEncodeAgain(String rawPath) {
        List<String> out = new ArrayList<>();
        for (byte b : rawPath.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            out.add(Character.isLetterOrDigit(c) && c < 128 || "-._~/".indexOf(c) >= 0 ? String.valueOf(c)
                    : String.format("%%%02X", (int) c));
        }
        return String.join("", out);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
