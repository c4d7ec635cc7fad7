package dev.reaper.providers.bedrock;

import static dev.reaper.providers.bedrock.EventStreamFrames.concat;
import static dev.reaper.providers.bedrock.EventStreamFrames.event;
import static dev.reaper.providers.bedrock.EventStreamFrames.exception;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reaper.protocol.ContentBlock;
import dev.reaper.protocol.StopReason;
import dev.reaper.protocol.Usage;
import dev.reaper.router.ChatResponse;
import dev.reaper.router.ProviderException;
import dev.reaper.router.ResponseAssembler;
import dev.reaper.router.wire.StreamDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** ConverseStream semantics beyond the recorded fixtures: errors inside the stream, broken framing, redaction. */
class BedrockStreamTest {

    private static final byte[] HELLO = concat(
            event("messageStart", "{\"role\":\"assistant\"}"),
            event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hel\"},\"p\":\"abcdefghij\"}"),
            event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"lo\"},\"p\":\"abc\"}"));

    static ChatResponse decode(byte[] body, int maxRead, long seed) {
        ResponseAssembler asm = new ResponseAssembler("bedrock", e -> { });
        StreamDecoder d = new BedrockAdapter().decoder(asm);
        Random random = new Random(seed);
        for (int i = 0; i < body.length; ) {
            int n = Math.min(body.length - i, 1 + random.nextInt(maxRead));
            d.feed(Arrays.copyOfRange(body, i, i + n));
            i += n;
        }
        d.end();
        return asm.finishStream();
    }

    static ChatResponse decode(byte[] body) {
        ChatResponse whole = decode(body, Integer.MAX_VALUE - 1, 0);
        for (long seed = 1; seed <= 3; seed++) {
            ChatResponse random = decode(body, 64, seed);
            assertThat(random.message()).isEqualTo(whole.message());
            assertThat(random.usage()).isEqualTo(whole.usage());
            assertThat(random.complete()).isEqualTo(whole.complete());
        }
        return whole;
    }

    @Test
    void paddingIsIgnoredAndTheTextIsJoined() {
        ChatResponse r = decode(concat(HELLO, event("contentBlockStop", "{\"contentBlockIndex\":0}"),
                event("messageStop", "{\"stopReason\":\"end_turn\",\"p\":\"xyz\"}")));

        assertThat(r.message().text()).isEqualTo("Hello");
        assertThat(r.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(r.complete()).isTrue();
        assertThat(r.error()).isNull();
    }

    @Test
    void aThrottlingExceptionMidStreamIsARateLimitThatKeepsTheTextSoFar() {
        ChatResponse r = decode(concat(HELLO,
                exception("throttlingException", "{\"message\":\"Too many tokens, please wait before trying again.\"}"),
                event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\" world\"}}")));

        assertThat(r.message().text()).isEqualTo("Hello");
        assertThat(r.error().kind()).isEqualTo(ProviderException.Kind.RATE_LIMIT);
        assertThat(r.error().getMessage()).isEqualTo(
                "bedrock stream error (throttlingException): Too many tokens, please wait before trying again.");
        assertThat(r.complete()).isFalse();
    }

    @Test
    void aModelStreamErrorIsAServerFailure() {
        ChatResponse r = decode(concat(HELLO, exception("modelStreamErrorException",
                "{\"message\":\"Model stream error\",\"originalStatusCode\":500}")));

        assertThat(r.message().text()).isEqualTo("Hello");
        assertThat(r.error().kind()).isEqualTo(ProviderException.Kind.SERVER);
        assertThat(r.error().kind().isTransient()).isTrue();
    }

    @Test
    void aValidationExceptionAboutLengthIsAContextLengthFailure() {
        ChatResponse r = decode(exception("validationException", "{\"message\":\"Input is too long for requested model.\"}"));

        assertThat(r.error().kind()).isEqualTo(ProviderException.Kind.CONTEXT_LENGTH);
    }

    @Test
    void anErrorFrameIsReportedWithItsCode() {
        ChatResponse r = decode(concat(HELLO, EventStreamFrames.frame(java.util.Map.of(":message-type", "error",
                ":error-code", "InternalFailure", ":error-message", "try again"), new byte[0])));

        assertThat(r.message().text()).isEqualTo("Hello");
        assertThat(r.error().getMessage()).isEqualTo("bedrock stream error (InternalFailure): try again");
    }

    @Test
    void aCorruptedFrameEndsTheResponseAsMalformedWithTheTextSoFar() {
        byte[] body = EventStreamDecoderTest.fixture("amazon-bedrock-text.eventstream");
        int offset = 0;
        for (int i = 0; i < 5; i++) {
            offset += ByteBuffer.wrap(body).getInt(offset);
        }
        body[offset + 20] ^= 0x01; // a header byte of the sixth frame

        ChatResponse r = decode(body);

        assertThat(r.error().kind()).isEqualTo(ProviderException.Kind.MALFORMED_STREAM);
        assertThat(r.error().getMessage()).isEqualTo("bedrock sent a broken event stream: the message checksum of"
                + " the frame at byte " + offset + " does not match");
        assertThat(r.message().text()).isEqualTo("Let me count the \"r\"s in \"strawberry\":\n\ns-t-");
    }

    @Test
    void aTruncatedStreamEndsTheResponseAsMalformed() {
        byte[] body = EventStreamDecoderTest.fixture("amazon-bedrock-text.eventstream");

        ChatResponse r = decode(Arrays.copyOf(body, body.length - 10));

        assertThat(r.error().kind()).isEqualTo(ProviderException.Kind.MALFORMED_STREAM);
        assertThat(r.error().getMessage()).startsWith("bedrock sent a broken event stream: the stream ended ");
        assertThat(r.message().text()).endsWith("There are **3** r's in \"strawberry.\"");
        assertThat(r.complete()).isFalse();
    }

    @Test
    void redactedReasoningAndSignaturesAreKeptVerbatim() {
        ChatResponse r = decode(concat(
                event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"reasoningContent\":{\"text\":\"\"}}}"),
                event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"reasoningContent\":{\"text\":\"Thinking\"}}}"),
                event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"reasoningContent\":{\"signature\":\"c2ln\"}}}"),
                event("contentBlockStop", "{\"contentBlockIndex\":0}"),
                event("contentBlockDelta", "{\"contentBlockIndex\":1,\"delta\":{\"reasoningContent\":{\"redactedContent\":\"cmVkYWN0ZWQ=\"}}}"),
                event("contentBlockStop", "{\"contentBlockIndex\":1}"),
                event("contentBlockDelta", "{\"contentBlockIndex\":2,\"delta\":{\"text\":\"Answer\"}}"),
                event("contentBlockStop", "{\"contentBlockIndex\":2}"),
                event("messageStop", "{\"stopReason\":\"end_turn\"}")));

        assertThat(r.message().content()).containsExactly(
                new ContentBlock.Reasoning("Thinking", "c2ln", null, "bedrock"),
                new ContentBlock.Reasoning("", null, "cmVkYWN0ZWQ=", "bedrock"),
                new ContentBlock.Text("Answer"));
    }

    @Test
    void metadataCarriesCacheCountsApartFromInputTokens() {
        ChatResponse r = decode(concat(HELLO, event("messageStop", "{\"stopReason\":\"max_tokens\"}"),
                event("metadata", "{\"usage\":{\"inputTokens\":12,\"outputTokens\":34,\"cacheReadInputTokens\":1000,"
                        + "\"cacheWriteInputTokens\":56,\"totalTokens\":1102},\"metrics\":{\"latencyMs\":9}}")));

        assertThat(r.usage()).isEqualTo(new Usage(12, 34, 1000, 56, 0));
        assertThat(r.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
    }

    @Test
    void aWholeConverseResponseKeepsUnknownBlocksForTheNextTurn() {
        ResponseAssembler asm = new ResponseAssembler("bedrock", e -> { });
        new BedrockAdapter().decodeBody(("{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":["
                + "{\"text\":\"See\"},{\"citationsContent\":{\"citations\":[]}},"
                + "{\"reasoningContent\":{\"redactedContent\":\"eHl6\"}}]}},"
                + "\"stopReason\":\"end_turn\",\"usage\":{\"inputTokens\":1,\"outputTokens\":2,\"totalTokens\":3}}")
                .getBytes(StandardCharsets.UTF_8), asm);

        assertThat(asm.finishStream().message().content()).containsExactly(
                new ContentBlock.Text("See"),
                new ContentBlock.Opaque("bedrock", "{\"citationsContent\":{\"citations\":[]}}"),
                new ContentBlock.Reasoning("", null, "eHl6", "bedrock"));
    }

    @Test
    void aWholeBodyThatIsNotJsonIsMalformed() {
        ResponseAssembler asm = new ResponseAssembler("bedrock", e -> { });
        new BedrockAdapter().decodeBody("<html>".getBytes(StandardCharsets.UTF_8), asm);

        assertThat(asm.finishStream().error().kind()).isEqualTo(ProviderException.Kind.MALFORMED_STREAM);
    }
}
