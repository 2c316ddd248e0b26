package io.grantflow.disbursement.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Payment plans ({@code grantflow.plans.*}), ADR 0024. */
@ConfigMapping(prefix = "grantflow.plans")
public interface PlansConfig {
    /** How many due instalments one round of the plan job turns into payments. */
    @WithDefault("100")
    int batchSize();
}
