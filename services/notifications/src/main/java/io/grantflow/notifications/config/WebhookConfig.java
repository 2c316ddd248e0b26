package io.grantflow.notifications.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Partner agencies' webhooks ({@code grantflow.webhooks.*}). */
@ConfigMapping(prefix = "grantflow.webhooks")
public interface WebhookConfig {
    /**
     * The hosts a webhook may point to (an entry {@code *.example.gov.cn} allows its
     * subdomains); none configured, none is allowed.
     */
    Optional<List<String>> allowedHosts();

    /** Plain http to 127.0.0.1 or localhost: dev and test only. */
    @WithDefault("false")
    boolean allowLoopbackHttp();

    /** How long the old secret still signs after a rotation, beside the new one. */
    @WithDefault("24h")
    Duration secretOverlap();

    /** Subscriptions one department may hold at most. */
    @WithDefault("20")
    int maxSubscriptions();

    /** How long one delivery attempt may take, connecting and answering. */
    @WithDefault("10s")
    Duration timeout();

    /** How often the sender looks for due deliveries. */
    @WithDefault("1s")
    Duration interval();

    /** Deliveries one run claims at most. */
    @WithDefault("20")
    int batchSize();

    Retry retry();

    /** The back-off of a failing delivery; the defaults retry for a little over 24 hours. */
    interface Retry {
        @WithDefault("30s")
        Duration base();

        @WithDefault("1h")
        Duration max();

        /** 0: parked by the window alone. */
        @WithDefault("0")
        int attempts();

        @WithDefault("25h")
        Duration window();
    }
}
