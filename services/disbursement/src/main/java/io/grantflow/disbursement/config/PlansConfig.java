package io.grantflow.disbursement.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Payment plans ({@code grantflow.plans.*}), ADR 0024. */
@ConfigMapping(prefix = "grantflow.plans")
public interface PlansConfig {
    /** How often the plan job looks for instalments whose condition is met (read by its schedule). */
    @WithDefault("1m")
    String interval();

    /** How many due instalments one round of the plan job turns into payments. */
    @WithDefault("100")
    int batchSize();
}
