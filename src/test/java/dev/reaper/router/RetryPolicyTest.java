package dev.reaper.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final RetryPolicy POLICY =
            new RetryPolicy(3, Duration.ofMillis(500), Duration.ofSeconds(20), Duration.ofSeconds(60));

    /** A generator that always answers the lowest or the highest value asked for. */
    private static RandomGenerator extreme(boolean high) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public long nextLong(long bound) {
                return high ? bound - 1 : 0;
            }
        };
    }

    @Test
    void theDelayIsBetweenHalfAndAllOfTheExponentialValue() {
        SplittableRandom random = new SplittableRandom(42);
        for (int attempt = 0; attempt < 12; attempt++) {
            long full = Math.min(20_000, 500L << attempt);
            for (int i = 0; i < 200; i++) {
                long ms = POLICY.delay(attempt, null, random).toMillis();
                assertThat(ms).as("attempt %d", attempt).isBetween(full / 2, full);
            }
        }
    }

    @Test
    void theJitterReachesBothEnds() {
        assertThat(POLICY.delay(0, null, extreme(false))).isEqualTo(Duration.ofMillis(250));
        assertThat(POLICY.delay(0, null, extreme(true))).isEqualTo(Duration.ofMillis(500));
        assertThat(POLICY.delay(2, null, extreme(false))).isEqualTo(Duration.ofMillis(1000));
        assertThat(POLICY.delay(2, null, extreme(true))).isEqualTo(Duration.ofMillis(2000));
    }

    @Test
    void theDelayIsCapped() {
        assertThat(POLICY.delay(10, null, extreme(true))).isEqualTo(Duration.ofSeconds(20));
        assertThat(POLICY.delay(1000, null, extreme(true))).isEqualTo(Duration.ofSeconds(20));
        assertThat(POLICY.delay(Integer.MAX_VALUE, null, extreme(false))).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void retryAfterWins() {
        assertThat(POLICY.delay(0, Duration.ofSeconds(45), extreme(true))).isEqualTo(Duration.ofSeconds(45));
        assertThat(POLICY.delay(5, Duration.ofMillis(10), extreme(true))).isEqualTo(Duration.ofMillis(10));
        assertThat(POLICY.delay(5, Duration.ZERO, extreme(true))).isEqualTo(Duration.ZERO);
    }

    @Test
    void aRetryAfterBeyondTheLimitIsNotWorthWaiting() {
        assertThat(POLICY.waitIsReasonable(null)).isTrue();
        assertThat(POLICY.waitIsReasonable(Duration.ofSeconds(60))).isTrue();
        assertThat(POLICY.waitIsReasonable(Duration.ofSeconds(61))).isFalse();
    }
}
