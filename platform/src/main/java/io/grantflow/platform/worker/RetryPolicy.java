package io.grantflow.platform.worker;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When a row that failed is tried again, and when it is given up (parked for an operator): the
 * wait doubles from {@code base} up to {@code max}; a row is parked after {@code maxAttempts}
 * attempts (0: no limit by count) or once its next attempt would fall after {@code window} from
 * the start of its retries, and at once when the failure is one that no retry mends.
 */
public record RetryPolicy(Duration base, Duration max, int maxAttempts, Duration window) {
    public RetryPolicy {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(window, "window");
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("back-off needs 0 < base <= max: " + base + ", " + max);
        }
        if (maxAttempts < 0) {
            throw new IllegalArgumentException("maxAttempts must be 0 (no limit) or more: " + maxAttempts);
        }
        if (window.isNegative()) {
            throw new IllegalArgumentException("window must not be negative: " + window);
        }
    }

    /** What happens to a row after a failed attempt. */
    public record Decision(boolean park, Instant nextAttemptAt) {
        static Decision parkNow() {
            return new Decision(true, null);
        }
    }

    /** The wait after the {@code attempts}-th failed attempt: base × 2^(attempts − 1), at most max. */
    public Duration delayAfter(int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts start at 1: " + attempts);
        }
        Duration wait = base;
        // doubling stops at the cap, so a long retry window cannot overflow the duration
        for (int i = 1; i < attempts && wait.compareTo(max) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(max) > 0 ? max : wait;
    }

    /**
     * The decision after a failed attempt.
     *
     * @param attempts the attempts made so far, this one included
     * @param windowStart when the row's retries began (its creation, or an operator's unparking)
     * @param now when the attempt failed
     * @param retriable false for a failure no retry mends (the row is parked at once)
     */
    public Decision afterFailure(int attempts, Instant windowStart, Instant now, boolean retriable) {
        if (!retriable || (maxAttempts > 0 && attempts >= maxAttempts)) {
            return Decision.parkNow();
        }
        Instant next = now.plus(delayAfter(attempts));
        if (next.isAfter(windowStart.plus(window))) {
            return Decision.parkNow();
        }
        return new Decision(false, next);
    }

    /**
     * The schedule of waits until parking, for a row that fails every time at the moment it is
     * tried (for documentation and tests: how long a row is retried).
     */
    public Duration retriedFor() {
        Instant start = Instant.EPOCH;
        Instant now = start;
        for (int attempts = 1; ; attempts++) {
            Decision d = afterFailure(attempts, start, now, true);
            if (d.park()) {
                return Duration.between(start, now);
            }
            now = d.nextAttemptAt();
        }
    }
}
