package io.grantflow.platform.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Outbox relay and inbox settings shared by every service ({@code grantflow.messaging.*}). */
@ConfigMapping(prefix = "grantflow.messaging")
public interface MessagingConfig {
    /**
     * Prepended to every topic name; empty in production. Lets a test run on its own topics of
     * a shared broker. Consumers must use the same prefix in their {@code topic} settings.
     */
    Optional<String> topicPrefix();

    /** Pause of the outbox relay when it found nothing to publish. */
    @WithDefault("100ms")
    Duration relayInterval();

    /** How many outbox rows the relay publishes per transaction. */
    @WithDefault("200")
    int relayBatchSize();

    /** How long the relay waits for the broker to acknowledge a batch. */
    @WithDefault("30s")
    Duration relayAckTimeout();

    /** Attempts of a handler whose failure may pass (database or broker hiccup) before dead-lettering. */
    @WithDefault("8")
    int handlerAttempts();

    default String topic(String logical) {
        return topicPrefix().orElse("") + logical;
    }
}
