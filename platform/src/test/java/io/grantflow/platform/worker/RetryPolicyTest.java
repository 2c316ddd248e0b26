package io.grantflow.platform.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static final Instant START = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void theWaitDoublesFromTheBaseUpToTheCap() {
        RetryPolicy p = new RetryPolicy(Duration.ofSeconds(30), Duration.ofMinutes(5), 0, Duration.ofDays(1));
        assertThat(p.delayAfter(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.delayAfter(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(p.delayAfter(3)).isEqualTo(Duration.ofSeconds(120));
        assertThat(p.delayAfter(4)).isEqualTo(Duration.ofSeconds(240));
        assertThat(p.delayAfter(5)).isEqualTo(Duration.ofMinutes(5));
        // no overflow however many attempts
        assertThat(p.delayAfter(10_000)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aRowIsParkedAfterItsAttempts() {
        RetryPolicy p = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(8), 3, Duration.ofDays(1));
        RetryPolicy.Decision first = p.afterFailure(1, START, START, true);
        assertThat(first.park()).isFalse();
        assertThat(first.nextAttemptAt()).isEqualTo(START.plusSeconds(1));
        assertThat(p.afterFailure(2, START, START.plusSeconds(1), true).nextAttemptAt())
                .isEqualTo(START.plusSeconds(3));
        assertThat(p.afterFailure(3, START, START.plusSeconds(3), true).park()).isTrue();
    }

    @Test
    void aRowIsParkedOnceItsNextAttemptWouldFallAfterTheWindow() {
        RetryPolicy p = new RetryPolicy(Duration.ofMinutes(1), Duration.ofHours(1), 0, Duration.ofHours(2));
        assertThat(p.afterFailure(5, START, START.plus(Duration.ofMinutes(100)), true)
                        .park())
                .isFalse();
        assertThat(p.afterFailure(9, START, START.plus(Duration.ofMinutes(119)), true)
                        .park())
                .isTrue();
    }

    @Test
    void aRefusalIsParkedAtOnce() {
        RetryPolicy p = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(8), 0, Duration.ofDays(1));
        assertThat(p.afterFailure(1, START, START, false).park()).isTrue();
    }

    @Test
    void theWebhookScheduleRetriesForAtLeastADay() {
        // the defaults of notifications' webhooks: 30 s doubling to 1 h, parked after 25 h
        RetryPolicy p = new RetryPolicy(Duration.ofSeconds(30), Duration.ofHours(1), 0, Duration.ofHours(25));
        assertThat(p.retriedFor())
                .isGreaterThanOrEqualTo(Duration.ofHours(24))
                .isLessThanOrEqualTo(Duration.ofHours(25));
    }

    @Test
    void aPolicyThatCannotWorkIsRefused() {
        assertThatThrownBy(() -> new RetryPolicy(Duration.ZERO, Duration.ofSeconds(1), 0, Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), 0, Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), -1, Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WorkerTable("mail", "outgoing_mail; DROP TABLE x", "true", "x = 1"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
