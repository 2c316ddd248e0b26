package io.grantflow.platform.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.contracts.MessageType;
import io.smallrye.mutiny.Uni;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Which use case handles which message type of a topic. Types without a route belong to other
 * consumers of the same topic: they are skipped (and, through the inbox, acknowledged).
 */
public final class MessageRoutes implements Function<IncomingEnvelope, Uni<Void>> {
    private final ObjectMapper json;
    private final Map<MessageType, Function<IncomingEnvelope, Uni<Void>>> routes = new EnumMap<>(MessageType.class);

    private MessageRoutes(ObjectMapper json) {
        this.json = json;
    }

    public static MessageRoutes using(ObjectMapper json) {
        return new MessageRoutes(json);
    }

    /** Routes {@code type} to {@code handler}, with the payload read as its record. */
    @SuppressWarnings("unchecked") // the record class is the one the contract names for this type
    public <T extends Record> MessageRoutes on(MessageType type, BiFunction<T, MessageContext, Uni<Void>> handler) {
        Class<T> recordType = (Class<T>) type.recordType();
        routes.put(type, envelope -> handler.apply(envelope.read(json, recordType), MessageContext.causedBy(envelope)));
        return this;
    }

    @Override
    public Uni<Void> apply(IncomingEnvelope envelope) {
        return envelope.messageType().map(routes::get)
                .map(route -> route.apply(envelope))
                .orElseGet(() -> Uni.createFrom().voidItem());
    }
}
