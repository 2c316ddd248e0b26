package io.grantflow.disbursement.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Reconciliation against bank statements ({@code grantflow.reconciliation.*}). */
@ConfigMapping(prefix = "grantflow.reconciliation")
public interface ReconciliationConfig {
    /** The most entries one statement may hold (the request body is bounded too, at 1 MiB). */
    @WithDefault("10000")
    int maxEntries();
}
