package io.grantflow.budget.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;
import java.time.Duration;

/** The ledger's own limits and its writer ({@code grantflow.budget.*}). */
@ConfigMapping(prefix = "grantflow.budget")
public interface BudgetConfig {
    /** G4: a beneficiary's awards in a year across all programmes, in yuan (default of PROGRAMMES.md G4). */
    @WithDefault("20000000.00")
    BigDecimal beneficiaryYearAmount();

    /** G4: a beneficiary's number of awards in a year across all programmes. */
    @WithDefault("10")
    int beneficiaryYearCount();

    /** How long a reservation may stay unspent before it expires and its money returns. */
    @WithDefault("180d")
    Duration reservationTtl();

    /** How often the expiry sweep looks for reservations past their expiry. */
    @WithDefault("60s")
    Duration expirySweepInterval();

    /** Most commands the single writer applies in one transaction. */
    @WithDefault("1000")
    int batchSize();

    /** Commands waiting for the writer at most; past that a caller is told to retry (REST 503, Kafka waits). */
    @WithDefault("20000")
    int queueCapacity();

    /**
     * Attempts of one command whose transaction fails for a reason not known to pass (a passing
     * one, such as a lost connection, is retried for as long as the service runs).
     */
    @WithDefault("2")
    int attempts();
}
