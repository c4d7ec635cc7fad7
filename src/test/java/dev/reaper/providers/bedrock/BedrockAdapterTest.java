package dev.reaper.providers.bedrock;

import static dev.reaper.testing.Requests.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reaper.json.Json;
import dev.reaper.protocol.ContentBlock;
import dev.reaper.protocol.Message;
import dev.reaper.protocol.Role;
import dev.reaper.router.ChatRequest;
import dev.reaper.router.HttpCall;
import dev.reaper.router.ProviderEndpoint;
import dev.reaper.router.ProviderException;
import dev.reaper.router.Timeouts;
import dev.reaper.router.ToolSpec;
import dev.reaper.secret.Secret;
import dev.reaper.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BedrockAdapterTest {

    static final String ACCESS_KEY = "AKIDEXAMPLE";
    static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    static final String MODEL = "anthropic.claude-3-5-sonnet-20240620-v1:0";

    static ProviderEndpoint endpoint(String baseUrl, Map<String, String> options, Map<String, Secret> secrets) {
        return new ProviderEndpoint("bedrock", "bedrock-converse", baseUrl, Optional.of(Secret.of(ACCESS_KEY)),
                "AWS_ACCESS_KEY_ID", Map.of(), Timeouts.DEFAULT, 2, options, secrets);
    }

    static ProviderEndpoint endpoint() {
        return endpoint("", Map.of("region", "eu-west-3"), Map.of("secret_access_key", Secret.of(SECRET_KEY)));
    }

    private final BedrockAdapter adapter = new BedrockAdapter(new TestClock(NOW));

    @Test
    void aChatCallIsASignedConverseStreamPostToTheRegionsRuntime() {
        ChatRequest request = new ChatRequest("You are Reaper.", List.of(Message.user("hi")), List.of(), 4096, "s1");

        HttpCall call = adapter.chatCall(endpoint(), MODEL, request);

        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.url()).isEqualTo("https://bedrock-runtime.eu-west-3.amazonaws.com/model/"
                + "anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse-stream");
        assertThat(call.headers()).containsEntry("accept", "application/vnd.amazon.eventstream")
                .containsEntry("host", "bedrock-runtime.eu-west-3.amazonaws.com")
                .containsEntry("x-amz-date", "20250301T100000Z")
                .containsEntry("x-amz-content-sha256", hex(SigV4Signer.sha256(call.body())))
                .doesNotContainKey("x-amz-security-token");
        assertThat(call.headers().get("authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"
                + "20250301/eu-west-3/bedrock/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, "
                + "Signature=");
        assertThat(body(call)).isEqualTo(Json.parse("""
                {"system":[{"text":"You are Reaper."}],
                 "messages":[{"role":"user","content":[{"text":"hi"}]}],
                 "inferenceConfig":{"maxTokens":4096}}
                """));
        assertThat(call.toString()).doesNotContain("Signature=");
    }

    @Test
    void temporaryCredentialsSendAndSignTheSessionToken() {
        ProviderEndpoint e = endpoint("", Map.of("region", "us-east-1"), Map.of("secret_access_key",
                Secret.of(SECRET_KEY), "session_token", Secret.of("tok-session-0001")));

        HttpCall call = adapter.chatCall(e, MODEL, new ChatRequest("", List.of(Message.user("hi")), List.of(), 10, null));

        assertThat(call.headers()).containsEntry("x-amz-security-token", "tok-session-0001");
        assertThat(call.headers().get("authorization"))
                .contains("SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token,");
    }

    @Test
    void aConfiguredBaseUrlReplacesBothHostsAndAnArnIsOnePathSegment() {
        ProviderEndpoint e = endpoint("http://127.0.0.1:4566/", Map.of("region", "us-east-1"),
                Map.of("secret_access_key", Secret.of(SECRET_KEY)));

        HttpCall chat = adapter.chatCall(e, "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.x",
                new ChatRequest("", List.of(Message.user("hi")), List.of(), 10, null));
        HttpCall models = adapter.modelsCall(e);

        assertThat(chat.url()).isEqualTo("http://127.0.0.1:4566/model/"
                + "arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Ainference-profile%2Fus.x/converse-stream");
        assertThat(chat.headers()).containsEntry("host", "127.0.0.1:4566");
        assertThat(models.url()).isEqualTo("http://127.0.0.1:4566/foundation-models?byOutputModality=TEXT");
    }

    @Test
    void modelsAreListedBySignedCallToTheControlPlane() {
        HttpCall call = adapter.modelsCall(endpoint());

        assertThat(call.method()).isEqualTo("GET");
        assertThat(call.url()).isEqualTo("https://bedrock.eu-west-3.amazonaws.com/foundation-models?byOutputModality=TEXT");
        assertThat(call.headers()).containsEntry("host", "bedrock.eu-west-3.amazonaws.com");
        assertThat(call.headers().get("authorization")).contains("/eu-west-3/bedrock/aws4_request");
        assertThat(adapter.parseModels("""
                {"modelSummaries":[{"modelId":"anthropic.claude-3-haiku-20240307-v1:0","providerName":"Anthropic"},
                                   {"modelId":"amazon.nova-pro-v1:0"}]}
                """.getBytes(StandardCharsets.UTF_8)))
                .containsExactly("anthropic.claude-3-haiku-20240307-v1:0", "amazon.nova-pro-v1:0");
    }

    @Test
    void withoutARegionTheCallSaysToSetAwsRegion() {
        ProviderEndpoint e = endpoint("", Map.of(), Map.of("secret_access_key", Secret.of(SECRET_KEY)));

        assertThatThrownBy(() -> adapter.chatCall(e, MODEL, new ChatRequest("", List.of(), List.of(), 1, null)))
                .isInstanceOfSatisfying(ProviderException.class, ex -> {
                    assertThat(ex.kind()).isEqualTo(ProviderException.Kind.CONFIG);
                    assertThat(ex.getMessage()).isEqualTo("bedrock needs an AWS region: set AWS_REGION (for example "
                            + "AWS_REGION=us-east-1), or region in [providers.bedrock] of config.toml");
                });
        assertThatThrownBy(() -> adapter.modelsCall(e)).isInstanceOf(ProviderException.class);
    }

    @Test
    void aRegionThatIsNotANameIsRefused() {
        ProviderEndpoint e = endpoint("", Map.of("region", "evil.com/x"), Map.of("secret_access_key",
                Secret.of(SECRET_KEY)));

        assertThatThrownBy(() -> adapter.modelsCall(e)).isInstanceOfSatisfying(ProviderException.class,
                ex -> assertThat(ex.kind()).isEqualTo(ProviderException.Kind.CONFIG));
    }

    @Test
    void withoutASecretKeyTheCallSaysToSetAwsSecretAccessKey() {
        ProviderEndpoint e = endpoint("", Map.of("region", "us-east-1"), Map.of());

        assertThatThrownBy(() -> adapter.chatCall(e, MODEL, new ChatRequest("", List.of(), List.of(), 1, null)))
                .isInstanceOfSatisfying(ProviderException.class, ex -> {
                    assertThat(ex.kind()).isEqualTo(ProviderException.Kind.AUTH);
                    assertThat(ex.getMessage()).isEqualTo(
                            "bedrock has an access key but no secret key: set AWS_SECRET_ACCESS_KEY");
                });
    }

    @Test
    void everyBlockKindIsEncodedAndReasoningGoesBackVerbatim() {
        ChatRequest request = new ChatRequest("", List.of(
                new Message(Role.USER, List.of(new ContentBlock.Text("what is this?"),
                        new ContentBlock.Image("image/jpg", "aGVsbG8="))),
                new Message(Role.ASSISTANT, List.of(
                        new ContentBlock.Reasoning("Looking.", "c2ln", null, "bedrock"),
                        new ContentBlock.Reasoning("", null, "cmVkYWN0ZWQ=", "bedrock"),
                        new ContentBlock.Reasoning("other provider", "x", null, "anthropic"),
                        new ContentBlock.Reasoning("unsigned", null, null, "bedrock"),
                        new ContentBlock.Text(""),
                        new ContentBlock.ToolUse("tu_1", "read", "{\"path\":\"a.png\"}"),
                        new ContentBlock.ToolUse("tu_2", "list", "not json"))),
                new Message(Role.USER, List.of(new ContentBlock.ToolResult("tu_1", "", false),
                        new ContentBlock.ToolResult("tu_2", "no such dir", true))),
                new Message(Role.ASSISTANT, List.of(new ContentBlock.Opaque("bedrock", "{\"citationsContent\":{}}"),
                        new ContentBlock.Opaque("anthropic", "{\"type\":\"x\"}"), new ContentBlock.Text("Done.")))),
                List.of(new ToolSpec("read", "Read a file", "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}}}"),
                        new ToolSpec("list", "", "{\"type\":\"object\"}")), 1000, null);

        assertThat(body(adapter.chatCall(endpoint(), MODEL, request))).isEqualTo(Json.parse("""
                {"messages":[
                  {"role":"user","content":[{"text":"what is this?"},
                    {"image":{"format":"jpeg","source":{"bytes":"aGVsbG8="}}}]},
                  {"role":"assistant","content":[
                    {"reasoningContent":{"reasoningText":{"text":"Looking.","signature":"c2ln"}}},
                    {"reasoningContent":{"redactedContent":"cmVkYWN0ZWQ="}},
                    {"toolUse":{"toolUseId":"tu_1","name":"read","input":{"path":"a.png"}}},
                    {"toolUse":{"toolUseId":"tu_2","name":"list","input":{}}}]},
                  {"role":"user","content":[
                    {"toolResult":{"toolUseId":"tu_1","content":[{"text":"(no output)"}],"status":"success"}},
                    {"toolResult":{"toolUseId":"tu_2","content":[{"text":"no such dir"}],"status":"error"}}]},
                  {"role":"assistant","content":[{"citationsContent":{}},{"text":"Done."}]}],
                 "toolConfig":{"tools":[
                   {"toolSpec":{"name":"read","description":"Read a file",
                     "inputSchema":{"json":{"type":"object","properties":{"path":{"type":"string"}}}}}},
                   {"toolSpec":{"name":"list","inputSchema":{"json":{"type":"object"}}}}]},
                 "inferenceConfig":{"maxTokens":1000}}
                """));
    }

    @Test
    void httpErrorsAreTypedByTheirErrorType() {
        assertThat(error(429, Map.of("x-amzn-ErrorType", List.of("ThrottlingException:http://internal.amazon.com/")),
                "{\"message\":\"Too many requests, please wait before trying again.\"}"))
                .satisfies(e -> {
                    assertThat(e.kind()).isEqualTo(ProviderException.Kind.RATE_LIMIT);
                    assertThat(e.getMessage()).isEqualTo("bedrock returned HTTP 429 (ThrottlingException): "
                            + "Too many requests, please wait before trying again.");
                });
        assertThat(error(400, Map.of("x-amzn-ErrorType", List.of("ValidationException")),
                "{\"message\":\"Input is too long for requested model.\"}").kind())
                .isEqualTo(ProviderException.Kind.CONTEXT_LENGTH);
        assertThat(error(400, Map.of("x-amzn-ErrorType", List.of("ValidationException")),
                "{\"message\":\"The provided model identifier is invalid.\"}").kind())
                .isEqualTo(ProviderException.Kind.INVALID_REQUEST);
        assertThat(error(403, Map.of(), "{\"__type\":\"com.amazon.coral.service#UnrecognizedClientException\","
                + "\"Message\":\"The security token included in the request is invalid.\"}"))
                .satisfies(e -> {
                    assertThat(e.kind()).isEqualTo(ProviderException.Kind.AUTH);
                    assertThat(e.getMessage()).contains("(UnrecognizedClientException)").contains("token included");
                });
        assertThat(error(403, Map.of("x-amzn-ErrorType", List.of("AccessDeniedException")),
                "{\"message\":\"You don't have access to the model with the specified model ID.\"}").kind())
                .isEqualTo(ProviderException.Kind.AUTH);
        assertThat(error(503, Map.of("x-amzn-ErrorType", List.of("ServiceUnavailableException")), "{}").kind())
                .isEqualTo(ProviderException.Kind.OVERLOADED);
        assertThat(error(429, Map.of("x-amzn-ErrorType", List.of("ModelNotReadyException")), "{}").kind())
                .isEqualTo(ProviderException.Kind.OVERLOADED);
        assertThat(error(404, Map.of("x-amzn-ErrorType", List.of("ResourceNotFoundException")), "{}").kind())
                .isEqualTo(ProviderException.Kind.NOT_FOUND);
        assertThat(error(502, Map.of(), "<html>Bad Gateway</html>")).satisfies(e -> {
            assertThat(e.kind()).isEqualTo(ProviderException.Kind.SERVER);
            assertThat(e.getMessage()).isEqualTo("bedrock returned HTTP 502: <html>Bad Gateway</html>");
        });
        assertThat(error(429, Map.of("x-amzn-ErrorType", List.of("ThrottlingException"), "Retry-After", List.of("3")),
                "{}").retryAfter()).isEqualTo(Duration.ofSeconds(3));
    }

    private ProviderException error(int status, Map<String, List<String>> headers, String body) {
        return adapter.error("bedrock", status, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }
}
