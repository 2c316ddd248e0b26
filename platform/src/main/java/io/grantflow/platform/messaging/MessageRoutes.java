package io.grantflow.platform.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.contracts.MessageType;
import io.smallrye.mutiny.Uni;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Which use case handles which message type of a topic, as the handler of {@link Inbox#process}.
 * Types without a route belong to other consumers of the same topic: they are skipped (and,
 * through the inbox, acknowledged).
 */
public final class MessageRoutes implements Function<IncomingEnvelope, Uni<Void>> {
    private final MessageRouter<Uni<Void>> router;

    private MessageRoutes(ObjectMapper json) {
        this.router = MessageRouter.using(json);
    }

    public static MessageRoutes using(ObjectMapper json) {
        return new MessageRoutes(json);
    }

    /** Routes {@code type} to {@code handler}, with the payload read as its record. */
    public <T extends Record> MessageRoutes on(MessageType type, BiFunction<T, MessageContext, Uni<Void>> handler) {
        router.on(type, handler);
        return this;
    }

    @Override
    public Uni<Void> apply(IncomingEnvelope envelope) {
        return router.route(envelope).orElseGet(() -> Uni.createFrom().voidItem());
    }
}
