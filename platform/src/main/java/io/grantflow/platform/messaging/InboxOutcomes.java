package io.grantflow.platform.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * How every consumer settles a message, and the count operators watch:
 * {@code grantflow.inbox.messages} by consumer and outcome ({@code processed}, {@code duplicate},
 * {@code dead-lettered}). Dead-lettering is a nack: the channel's {@code dead-letter-queue}
 * strategy writes the record to its DLQ topic with the reason in its headers. Used by
 * {@link Inbox} and by consumers that settle messages themselves (the budget's batching writer).
 */
@ApplicationScoped
public class InboxOutcomes {
    /** The counter's name; tags {@code consumer} and {@code outcome}. */
    public static final String METRIC = "grantflow.inbox.messages";

    private static final Logger LOG = Logger.getLogger(InboxOutcomes.class);

    private final MeterRegistry registry;

    public InboxOutcomes(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The message's effect committed: acknowledged. */
    public CompletionStage<Void> processed(String consumer, Message<?> message) {
        count(consumer, "processed");
        return message.ack();
    }

    /** The message was handled before (a redelivery): acknowledged, nothing done. */
    public CompletionStage<Void> duplicate(String consumer, Message<?> message) {
        count(consumer, "duplicate");
        return message.ack();
    }

    /** The message cannot be handled: nacked with {@code reason}, which the DLQ record carries. */
    public CompletionStage<Void> deadLetter(String consumer, Message<?> message, Throwable reason) {
        String where = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> m.getTopic() + "-" + m.getPartition() + "@" + m.getOffset())
                .orElse("?");
        LOG.errorf(reason, "consumer %s dead-letters the message at %s", consumer, where);
        count(consumer, "dead-lettered");
        return message.nack(reason);
    }

    private void count(String consumer, String outcome) {
        registry.counter(METRIC, "consumer", consumer, "outcome", outcome).increment();
    }
}
