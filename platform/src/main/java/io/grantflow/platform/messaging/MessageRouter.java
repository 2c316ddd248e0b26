package io.grantflow.platform.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.contracts.MessageType;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Which function turns which message type of a topic into a value: a reactive effect for
 * {@link MessageRoutes}, a command for a consumer that hands messages to a writer of its own
 * (the budget's ledger). A type without a route belongs to another consumer of the topic.
 *
 * @param <R> what a route gives
 */
public final class MessageRouter<R> {
    private final ObjectMapper json;
    private final Map<MessageType, Function<IncomingEnvelope, R>> routes = new EnumMap<>(MessageType.class);

    private MessageRouter(ObjectMapper json) {
        this.json = json;
    }

    public static <R> MessageRouter<R> using(ObjectMapper json) {
        return new MessageRouter<>(json);
    }

    /** Routes {@code type} to {@code route}, with the payload read as the record its contract names. */
    @SuppressWarnings("unchecked") // the record class is the one the contract names for this type
    public <T extends Record> MessageRouter<R> on(MessageType type, BiFunction<T, MessageContext, R> route) {
        Class<T> recordType = (Class<T>) type.recordType();
        routes.put(type, envelope -> route.apply(envelope.read(json, recordType), MessageContext.causedBy(envelope)));
        return this;
    }

    /**
     * What the route of the envelope's type gives; empty for a type without a route. A payload
     * that is not a valid record of its type throws {@link PoisonMessageException}.
     */
    public Optional<R> route(IncomingEnvelope envelope) {
        return envelope.messageType().map(routes::get).map(route -> route.apply(envelope));
    }
}
