package io.grantflow.platform.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.contracts.MessageType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Writes a contract message into the outbox of the current Hibernate Reactive transaction, so
 * that it is published if and only if the state change beside it commits.
 */
@ApplicationScoped
public class Outbox {
    private final ObjectMapper json;
    private final Clock clock;

    public Outbox(ObjectMapper json) {
        this.json = json;
        this.clock = Clock.systemUTC();
    }

    /**
     * Adds {@code message} (a record of the contracts module) keyed by {@code aggregateId}.
     * Must run inside {@code Panache.withTransaction}.
     */
    public Uni<OutboxMessage> add(Record message, String aggregateId, MessageContext context) {
        OutboxMessage row;
        try {
            row = row(message, aggregateId, context);
        } catch (IllegalStateException e) {
            return Uni.createFrom().failure(e);
        }
        return row.persist();
    }

    /**
     * The outbox row of {@code message}, not yet stored: for writers that store rows themselves
     * in their own JDBC transaction ({@link JdbcOutbox}).
     */
    public OutboxMessage row(Record message, String aggregateId, MessageContext context) {
        MessageType type = MessageType.of(message.getClass());
        OutboxMessage row = new OutboxMessage();
        row.id = UUID.randomUUID();
        row.topic = type.topic();
        row.messageKey = aggregateId;
        row.ceType = type.ceType();
        row.ceSource = type.ceSource();
        row.ceSubject = aggregateId;
        row.ceTime = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        row.correlationId = context.correlationId();
        row.causationId = context.causationId();
        row.createdAt = row.ceTime;
        try {
            row.payload = json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + type, e);
        }
        return row;
    }
}
