package dev.reaper.providers.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reaper.secret.Secret;
import dev.reaper.testing.TestClock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Cases of AWS's Signature Version 4 test suite (aws-sig-v4-test-suite, 2015-08-30, credentials
 * AKIDEXAMPLE, region us-east-1, service "service"): the canonical request, string to sign and
 * Authorization header are the suite's own, compared whole.
 */
class SigV4SignerTest {

    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final String SCOPE = "AKIDEXAMPLE/20150830/us-east-1/service/aws4_request";
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    /** The session token of the suite's post-sts-token cases. */
    private static final String SUITE_TOKEN = "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==";

    private static SigV4Signer signer(Optional<String> token) {
        return new SigV4Signer(new SigV4Signer.Credentials("AKIDEXAMPLE", Secret.of(SECRET), token.map(Secret::of)),
                "us-east-1", "service", new TestClock(Instant.parse("2015-08-30T12:36:00Z")));
    }

    private static SigV4Signer.Signed sign(String method, String url, Map<String, String> headers, String body) {
        return signer(Optional.empty()).sign(method, URI.create(url), headers,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), false);
    }

    @Test
    void getVanilla() {
        SigV4Signer.Signed s = sign("GET", "https://example.amazonaws.com/", Map.of(), null);

        assertThat(s.canonicalRequest()).isEqualTo("""
                GET
                /

                host:example.amazonaws.com
                x-amz-date:20150830T123600Z

                host;x-amz-date
                """ + EMPTY_SHA256);
        assertThat(s.stringToSign()).isEqualTo("""
                AWS4-HMAC-SHA256
                20150830T123600Z
                20150830/us-east-1/service/aws4_request
                bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63""");
        assertThat(s.headers()).isEqualTo(Map.of("host", "example.amazonaws.com", "x-amz-date", "20150830T123600Z",
                "authorization", "AWS4-HMAC-SHA256 Credential=" + SCOPE + ", SignedHeaders=host;x-amz-date, "
                        + "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"));
    }

    @Test
    void getVanillaQueryOrderKeyCaseSortsTheParameters() {
        SigV4Signer.Signed s = sign("GET", "https://example.amazonaws.com/?Param2=value2&Param1=value1", Map.of(), null);

        assertThat(s.canonicalRequest()).isEqualTo("""
                GET
                /
                Param1=value1&Param2=value2
                host:example.amazonaws.com
                x-amz-date:20150830T123600Z

                host;x-amz-date
                """ + EMPTY_SHA256);
        assertThat(s.stringToSign()).endsWith("\n816cd5b414d056048ba4f7c5386d6e0533120fb1fcfa93762cf0fc39e2cf19e0");
        assertThat(s.signature()).isEqualTo("b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
    }

    @Test
    void getUtf8EncodesThePathAsUtf8Bytes() {
        SigV4Signer.Signed s = sign("GET", "https://example.amazonaws.com/\u1234", Map.of(), null);

        assertThat(s.canonicalRequest()).startsWith("GET\n/%E1%88%B4\n\n");
        assertThat(s.stringToSign()).endsWith("\n2a0a97d02205e45ce2e994789806b19270cfbbb0921b278ccf58f5249ac42102");
        assertThat(s.signature()).isEqualTo("8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85");
    }

    @Test
    void postVanilla() {
        SigV4Signer.Signed s = sign("POST", "https://example.amazonaws.com/", Map.of(), "");

        assertThat(s.canonicalRequest()).isEqualTo("""
                POST
                /

                host:example.amazonaws.com
                x-amz-date:20150830T123600Z

                host;x-amz-date
                """ + EMPTY_SHA256);
        assertThat(s.stringToSign()).endsWith("\n553f88c9e4d10fc9e109e2aeb65f030801b70c2f6468faca261d401ae622fc87");
        assertThat(s.headers().get("authorization")).isEqualTo("AWS4-HMAC-SHA256 Credential=" + SCOPE
                + ", SignedHeaders=host;x-amz-date, "
                + "Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b");
    }

    @Test
    void postXWwwFormUrlencodedSignsTheBodyAndTheHeadersGiven() {
        SigV4Signer.Signed s = sign("POST", "https://example.amazonaws.com/",
                Map.of("Content-Type", "application/x-www-form-urlencoded"), "Param1=value1");

        assertThat(s.canonicalRequest()).isEqualTo("""
                POST
                /

                content-type:application/x-www-form-urlencoded
                host:example.amazonaws.com
                x-amz-date:20150830T123600Z

                content-type;host;x-amz-date
                9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e""");
        assertThat(s.stringToSign()).endsWith("\n42a5e5bb34198acb3e84da4f085bb7927f2bc277ca766e6d19c73c2154021281");
        assertThat(s.headers().get("authorization")).isEqualTo("AWS4-HMAC-SHA256 Credential=" + SCOPE
                + ", SignedHeaders=content-type;host;x-amz-date, "
                + "Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a");
    }

    /** The same request as the aws-c-auth suite has it, with the payload hash sent as x-amz-content-sha256. */
    @Test
    void thePayloadHashHeaderIsSentAndSignedWhenAsked() {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("Content-Type", "application/x-www-form-urlencoded");
        given.put("Content-Length", "13");
        SigV4Signer.Signed s = signer(Optional.empty()).sign("POST", URI.create("https://example.amazonaws.com/"),
                given, "Param1=value1".getBytes(StandardCharsets.UTF_8), true);

        assertThat(s.headers()).containsEntry("x-amz-content-sha256",
                "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e");
        assertThat(s.stringToSign()).endsWith("\nb1edd1d03544c25390e32085d55b57acc9a3961bb59415ff86c45c3d89d16cfb");
        assertThat(s.headers().get("authorization")).endsWith(
                "SignedHeaders=content-length;content-type;host;x-amz-content-sha256;x-amz-date, "
                        + "Signature=d3875051da38690788ef43de4db0d8f280229d82040bfac253562e56c3f20e0b");
    }

    @Test
    void postStsHeaderBeforeSendsAndSignsTheSessionToken() {
        SigV4Signer.Signed s = signer(Optional.of(SUITE_TOKEN)).sign("POST",
                URI.create("https://example.amazonaws.com/"), Map.of(), new byte[0], false);

        assertThat(s.headers()).containsEntry("x-amz-security-token", SUITE_TOKEN);
        assertThat(s.headers().get("authorization")).isEqualTo("AWS4-HMAC-SHA256 Credential=" + SCOPE
                + ", SignedHeaders=host;x-amz-date;x-amz-security-token, "
                + "Signature=85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead");
        assertThat(s.toString()).doesNotContain(SUITE_TOKEN);
    }

    @Test
    void aModelIdIsEncodedOnceInTheUrlAndTwiceInTheCanonicalUri() {
        String segment = SigV4Signer.encode("anthropic.claude-3-5-sonnet-20240620-v1:0", true);
        assertThat(segment).isEqualTo("anthropic.claude-3-5-sonnet-20240620-v1%3A0");

        SigV4Signer.Signed s = sign("POST", "https://bedrock-runtime.us-east-1.amazonaws.com/model/" + segment
                + "/converse-stream", Map.of(), "{}");

        assertThat(s.canonicalRequest().split("\n")[1])
                .isEqualTo("/model/anthropic.claude-3-5-sonnet-20240620-v1%253A0/converse-stream");
    }

    @Test
    void theHostCarriesThePortOnlyWhenItIsNotTheDefault() {
        assertThat(SigV4Signer.hostHeader(URI.create("https://example.amazonaws.com/x"))).isEqualTo("example.amazonaws.com");
        assertThat(SigV4Signer.hostHeader(URI.create("https://example.amazonaws.com:443/x"))).isEqualTo("example.amazonaws.com");
        assertThat(SigV4Signer.hostHeader(URI.create("http://127.0.0.1:8080/x"))).isEqualTo("127.0.0.1:8080");
    }

    @Test
    void theCredentialsPrintWithoutTheirSecrets() {
        SigV4Signer.Credentials c = new SigV4Signer.Credentials("AKIDEXAMPLE", Secret.of(SECRET),
                Optional.of(Secret.of("tok-987654321")));
        assertThat(c.toString()).doesNotContain(SECRET).doesNotContain("tok-987654321");
    }
}
