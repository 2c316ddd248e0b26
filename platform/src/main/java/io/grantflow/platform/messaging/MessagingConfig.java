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

    /** How long the relay waits for the broker to acknowledge a batch; a row without an answer by then has failed. */
    @WithDefault("30s")
    Duration relayAckTimeout();

    /** Wait after a row's first failed send; it doubles with each further failure. */
    @WithDefault("1s")
    Duration relayBackoff();

    /** The longest wait between two sends of a failing row. */
    @WithDefault("5m")
    Duration relayBackoffMax();

    /** Sends of a row before the relay parks it for an operator. */
    @WithDefault("10")
    int relayAttempts();

    /**
     * Largest record (key, value and headers, UTF-8) the relay sends; a larger row is parked unsent.
     * Below the producer's max.request.size (1,048,576), which also counts the request's own framing.
     */
    @WithDefault("1000000")
    int relayMaxRecordBytes();

    /** Attempts of a handler whose failure may pass (database or broker hiccup) before dead-lettering. */
    @WithDefault("8")
    int handlerAttempts();

    default String topic(String logical) {
        return topicPrefix().orElse("") + logical;
    }
}
