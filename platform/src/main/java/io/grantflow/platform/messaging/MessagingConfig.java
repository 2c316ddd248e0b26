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

    /**
     * Attempts in all (the first and its retries, 200 ms doubling to 5 s apart) of a handler run
     * through {@link Inbox#process} whose failure may pass (a database or broker hiccup) before
     * the message is dead-lettered; a poison message gets one. Consumers that settle messages
     * through a writer of their own do not use it: the budget's ledger consumers are retried by
     * the ledger writer ({@code grantflow.budget.attempts}).
     */
    @WithDefault("8")
    int handlerAttempts();

    /** How long outbox and inbox rows are kept ({@link MessagePruner}). */
    Retention retention();

    /** Pruning by age ({@code grantflow.messaging.retention.*}). */
    interface Retention {
        /** Whether this instance prunes at all; every instance may (their deletes never collide). */
        @WithDefault("true")
        boolean enabled();

        /**
         * How long a published outbox row is kept after its publication, for operators asking
         * what was sent and when; the relay itself never reads a published row. Unpublished and
         * parked rows are never pruned.
         */
        @WithDefault("P7D")
        Duration outbox();

        /**
         * How long a processed-message row is kept after its message was handled. It is what
         * recognises a redelivery, so it must outlast the longest time in which a message can be
         * delivered again: the retention of the consumed topics (Kafka's default and this
         * suite's is 7 days) plus any consumer lag or replay an operator may start. A message
         * redelivered after its row was pruned is handled a second time.
         */
        @WithDefault("P30D")
        Duration inbox();

        /** Rows deleted per statement and transaction, so that no delete holds many locks for long. */
        @WithDefault("1000")
        int batchSize();

        /** Pause between two pruning runs, and before the first one after start. */
        @WithDefault("1h")
        Duration interval();
    }

    default String topic(String logical) {
        return topicPrefix().orElse("") + logical;
    }
}
