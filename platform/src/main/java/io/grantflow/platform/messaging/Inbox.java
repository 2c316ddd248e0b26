package io.grantflow.platform.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.function.Function;

/**
 * Idempotent consumption: the handler's effect and the (consumer, message id) row commit in
 * one transaction, so a redelivered message is skipped and acknowledged. A poison message, or
 * one that still fails after the configured attempts, is nacked: the channel's dead-letter
 * strategy sends it to its DLQ topic with the error. Nothing is acknowledged on failure.
 */
@ApplicationScoped
public class Inbox {
    private static final Logger LOG = Logger.getLogger(Inbox.class);

    private final MessagingConfig config;
    private final MeterRegistry registry;

    public Inbox(MessagingConfig config, MeterRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    public Uni<Void> process(String consumer, Message<String> message, Function<IncomingEnvelope, Uni<Void>> handler) {
        IncomingEnvelope envelope;
        try {
            envelope = IncomingEnvelope.of(message);
        } catch (PoisonMessageException e) {
            return deadLetter(consumer, message, e);
        }
        Uni<Boolean> once = Panache.withTransaction(() -> claim(consumer, envelope.id())
                .call(first -> first ? handler.apply(envelope) : Uni.createFrom().voidItem()));
        return once
                .onFailure(f -> !(f instanceof PoisonMessageException))
                .retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(config.handlerAttempts())
                .onItemOrFailure().transformToUni((first, failure) -> {
                    if (failure != null) {
                        return deadLetter(consumer, message, failure);
                    }
                    registry.counter("grantflow.inbox.messages", "consumer", consumer,
                            "outcome", first ? "processed" : "duplicate").increment();
                    return Uni.createFrom().completionStage(message.ack());
                });
    }

    /** Records (consumer, message id); false when it was there already: a redelivery. */
    public Uni<Boolean> claim(String consumer, String messageId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "INSERT INTO processed_message (consumer, message_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                .setParameter(1, consumer)
                .setParameter(2, messageId)
                .executeUpdate())
                .map(rows -> rows == 1);
    }

    private Uni<Void> deadLetter(String consumer, Message<String> message, Throwable failure) {
        LOG.errorf(failure, "consumer %s dead-letters a message", consumer);
        registry.counter("grantflow.inbox.messages", "consumer", consumer, "outcome", "dead-lettered").increment();
        return Uni.createFrom().completionStage(message.nack(failure));
    }
}
