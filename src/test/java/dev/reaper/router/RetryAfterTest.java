package dev.reaper.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-10-21T07:27:30Z"), ZoneOffset.UTC);

    private static Duration of(String... namesAndValues) {
        Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.put(namesAndValues[i], List.of(namesAndValues[i + 1]));
        }
        return RetryAfter.fromHeaders(headers, CLOCK);
    }

    @Test
    void readsWholeSeconds() {
        assertThat(of("retry-after", "30")).isEqualTo(Duration.ofSeconds(30));
        assertThat(of("Retry-After", " 7 ")).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void readsFractionalSeconds() {
        assertThat(of("retry-after", "1.5")).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void readsAnHttpDate() {
        assertThat(of("Retry-After", "Tue, 21 Oct 2025 07:28:00 GMT")).isEqualTo(Duration.ofSeconds(30));
        assertThat(of("Retry-After", "Tue, 21 Oct 2025 07:00:00 GMT")).as("in the past").isEqualTo(Duration.ZERO);
    }

    @Test
    void retryAfterMsWinsOverRetryAfter() {
        assertThat(of("retry-after", "30", "retry-after-ms", "250")).isEqualTo(Duration.ofMillis(250));
        assertThat(of("Retry-After-Ms", "12.7")).isEqualTo(Duration.ofMillis(12));
        assertThat(of("retry-after-ms", "soon", "retry-after", "2")).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void negativeWaitsAreZero() {
        assertThat(of("retry-after", "-5")).isEqualTo(Duration.ZERO);
        assertThat(of("retry-after-ms", "-5")).isEqualTo(Duration.ZERO);
    }

    @Test
    void nothingUsableIsNull() {
        assertThat(of()).isNull();
        assertThat(of("retry-after", "tomorrow")).isNull();
        assertThat(of("x-other", "5")).isNull();
    }

    @Test
    void readsProtobufDurations() {
        assertThat(RetryAfter.fromProtoDuration("34.4s")).isEqualTo(Duration.ofMillis(34_400));
        assertThat(RetryAfter.fromProtoDuration("2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(RetryAfter.fromProtoDuration("0.5s")).isEqualTo(Duration.ofMillis(500));
        assertThat(RetryAfter.fromProtoDuration("34")).isNull();
        assertThat(RetryAfter.fromProtoDuration("abcs")).isNull();
        assertThat(RetryAfter.fromProtoDuration(null)).isNull();
    }

    @Test
    void headerLookupIgnoresCaseAndNullNames() {
        Map<String, List<String>> headers = new java.util.HashMap<>();
        headers.put(null, List.of("HTTP/1.1 429"));
        headers.put("RETRY-AFTER", List.of("3"));

        assertThat(RetryAfter.header(headers, "retry-after")).isEqualTo("3");
        assertThat(RetryAfter.fromHeaders(headers, CLOCK)).isEqualTo(Duration.ofSeconds(3));
    }
}
