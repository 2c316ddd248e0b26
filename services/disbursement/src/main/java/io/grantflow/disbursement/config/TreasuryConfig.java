package io.grantflow.disbursement.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/** The treasury gateway ({@code grantflow.treasury.*}). */
@ConfigMapping(prefix = "grantflow.treasury")
public interface TreasuryConfig {
    /** Beneficiaries whose account the simulator reports closed: lets tests and demos see a failure. */
    Optional<List<String>> simulatedClosedAccounts();

    /** How many instructed payments one run of the payment worker sends. */
    @WithDefault("50")
    int batchSize();
}
