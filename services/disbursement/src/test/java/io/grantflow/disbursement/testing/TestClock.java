package io.grantflow.disbursement.testing;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The service's clock in tests: the system's until a test sets it, so that a test opens the next
 * fiscal year. It takes the place of the production clock (a default bean).
 */
@Singleton
public class TestClock extends Clock {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private volatile Instant fixed;

    /** From now on it is {@code at}. */
    public void set(Instant at) {
        fixed = at;
    }

    /** Back to the system's time. */
    public void reset() {
        fixed = null;
    }

    @Override
    public ZoneId getZone() {
        return ZONE;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        Instant at = fixed;
        return at == null ? Clock.system(zone) : Clock.fixed(at, zone);
    }

    @Override
    public Instant instant() {
        Instant at = fixed;
        return at == null ? Instant.now() : at;
    }
}
