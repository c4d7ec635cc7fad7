package dev.reaper.secret;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactorTest {

    private final Redactor redactor = new Redactor();

    @Test
    void masksRegisteredValuesWherever() {
        redactor.register("my-private-value-42");

        assertThat(redactor.redact("a my-private-value-42 b\"my-private-value-42\""))
                .isEqualTo("a [REDACTED] b\"[REDACTED]\"");
    }

    @Test
    void ignoresValuesTooShortToBeCredentials() {
        redactor.register("abc");

        assertThat(redactor.redact("abc abc")).isEqualTo("abc abc");
    }

    @Test
    void masksStringsShapedLikeWellKnownKeys() {
        assertThat(redactor.redact("OPENAI_API_KEY=sk-proj-abcdefghijklmnop1234 x-api-key: sk-ant-api03-abcdefgh"))
                .isEqualTo("OPENAI_API_KEY=[REDACTED] x-api-key: [REDACTED]");
        assertThat(redactor.redact("key=AIzaSyA1234567890abcdefghijklmnopqrstu&x=1"))
                .isEqualTo("key=[REDACTED]&x=1");
        assertThat(redactor.redact("\"token\":\"ghp_abcdefghijklmnopqrstuvwxyz\""))
                .isEqualTo("\"token\":\"[REDACTED]\"");
        assertThat(redactor.redact("Authorization: Bearer eyJhbGciOi.payload.sig"))
                .isEqualTo("Authorization: Bearer [REDACTED]");
    }

    @Test
    void leavesOrdinaryWordsThatMerelyContainAKeyPrefix() {
        String text = "deploy task-definitions-production and mask-rcnn-implementation-notes.md";

        assertThat(redactor.redact(text)).isEqualTo(text);
    }
}
