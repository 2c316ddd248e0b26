package io.grantflow.budget.domain;

import java.time.Duration;

/**
 * The budget's own limits, independent of what any claim says: the G4 per-beneficiary annual
 * ceilings (defaults 20,000,000 yuan and 10 awards, PROGRAMMES.md G4) and how long a
 * reservation may stay unspent.
 */
public record LedgerRules(long beneficiaryYearAmount, long beneficiaryYearCount, Duration reservationTtl) {
    public static final LedgerRules DEFAULTS = new LedgerRules(2_000_000_000L, 10, Duration.ofDays(180));
}
