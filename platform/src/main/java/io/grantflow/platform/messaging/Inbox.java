package io.grantflow.platform.messaging;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.function.Function;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Idempotent consumption, one message per transaction: the handler's effect and the inbox claim
 * ({@link InboxClaims}) commit together, so a redelivered message is skipped and acknowledged.
 * A poison message, or one that still fails after {@code grantflow.messaging.handler-attempts}
 * attempts, is dead-lettered ({@link InboxOutcomes}). Nothing is acknowledged on failure.
 */
@ApplicationScoped
public class Inbox {
    private final MessagingConfig config;
    private final InboxOutcomes outcomes;

    public Inbox(MessagingConfig config, InboxOutcomes outcomes) {
        this.config = config;
        this.outcomes = outcomes;
    }

    public Uni<Void> process(String consumer, Message<String> message, Function<IncomingEnvelope, Uni<Void>> handler) {
        IncomingEnvelope envelope;
        try {
            envelope = IncomingEnvelope.of(message);
        } catch (PoisonMessageException e) {
            return Uni.createFrom().completionStage(() -> outcomes.deadLetter(consumer, message, e));
        }
        Uni<Boolean> once = Panache.withTransaction(() -> claim(consumer, envelope.id())
                .call(first ->
                        first ? handler.apply(envelope) : Uni.createFrom().voidItem()));
        return retried(once)
                .onItemOrFailure()
                .transformToUni((first, failure) -> Uni.createFrom()
                        .completionStage(() -> failure != null
                                ? outcomes.deadLetter(consumer, message, failure)
                                : first
                                        ? outcomes.processed(consumer, message)
                                        : outcomes.duplicate(consumer, message)));
    }

    /** Records (consumer, message id) in the current transaction; false when it was there already: a redelivery. */
    public Uni<Boolean> claim(String consumer, String messageId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(InboxClaims.CLAIM_ONE)
                        .setParameter(1, consumer)
                        .setParameter(2, messageId)
                        .executeUpdate())
                .map(rows -> rows == 1);
    }

    /** {@code handler-attempts} attempts in all: Mutiny's {@code atMost} counts the retries after the first. */
    private <T> Uni<T> retried(Uni<T> once) {
        int retries = config.handlerAttempts() - 1;
        if (retries < 1) {
            return once;
        }
        return once.onFailure(failure -> !PoisonMessageException.isPoison(failure))
                .retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5))
                .atMost(retries);
    }
}
