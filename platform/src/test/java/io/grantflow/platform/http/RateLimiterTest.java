package io.grantflow.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A token bucket per caller: a burst at once, then the sustained rate, each caller apart. */
class RateLimiterTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aCallerMaySendItsBurstThenWaitsForTheRate() {
        RateLimiter limiter = new RateLimiter(10, 5, 100);
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.acquire("a", 0)).as("request %d", i).isZero();
        }
        assertThat(limiter.acquire("a", 0)).isEqualTo(1);
        // a tenth of a second later one request is allowed again, not two
        assertThat(limiter.acquire("a", SECOND / 10)).isZero();
        assertThat(limiter.acquire("a", SECOND / 10)).isEqualTo(1);
    }

    @Test
    void oneCallerOverItsLimitDoesNotSlowAnother() {
        RateLimiter limiter = new RateLimiter(1, 1, 100);
        assertThat(limiter.acquire("a", 0)).isZero();
        assertThat(limiter.acquire("a", 0)).isPositive();
        assertThat(limiter.acquire("b", 0)).isZero();
    }

    @Test
    void theWaitIsTheTimeUntilTheNextTokenRoundedUpToWholeSeconds() {
        RateLimiter limiter = new RateLimiter(1, 1, 100);
        assertThat(limiter.acquire("a", 0)).isZero();
        assertThat(limiter.acquire("a", 400_000_000L)).isEqualTo(1);
        assertThat(limiter.acquire("a", SECOND)).isZero();
    }

    @Test
    void idleCallersAreForgottenSoTheTableStaysBounded() {
        RateLimiter limiter = new RateLimiter(10, 2, 3);
        for (int i = 0; i < 10; i++) {
            limiter.acquire("caller-" + i, i * SECOND);
        }
        assertThat(limiter.callers()).isLessThanOrEqualTo(3);
    }
}
