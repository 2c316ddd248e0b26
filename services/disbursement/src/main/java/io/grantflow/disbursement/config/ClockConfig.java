package io.grantflow.disbursement.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.ZoneId;

/** The service's clock ({@code grantflow.clock.*}): where a fiscal year begins. */
@ConfigMapping(prefix = "grantflow.clock")
public interface ClockConfig {
    /** A fiscal year begins on 1 January in this zone. */
    @WithDefault("Asia/Shanghai")
    ZoneId zone();
}
