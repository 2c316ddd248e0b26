package io.grantflow.platform.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.contracts.CloudEventHeaders;
import io.grantflow.contracts.MessageType;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Message;

/** A received message: its CloudEvents attributes, its key and its JSON payload. */
public record IncomingEnvelope(
        String id,
        String type,
        String source,
        String subject,
        String time,
        String correlationId,
        String causationId,
        String key,
        String payload) {

    /** Reads the envelope of a Kafka message; missing required attributes make it poison. */
    public static IncomingEnvelope of(Message<String> message) {
        Optional<IncomingKafkaRecordMetadata> kafka = message.getMetadata(IncomingKafkaRecordMetadata.class);
        Headers headers = kafka.map(IncomingKafkaRecordMetadata::getHeaders).orElse(null);
        String key = kafka.map(m -> m.getKey() == null ? null : m.getKey().toString())
                .orElse(null);
        if (headers == null) {
            throw new PoisonMessageException("消息没有 Kafka 元数据 / message without Kafka metadata");
        }
        IncomingEnvelope envelope = new IncomingEnvelope(
                required(headers, CloudEventHeaders.ID),
                required(headers, CloudEventHeaders.TYPE),
                header(headers, CloudEventHeaders.SOURCE),
                header(headers, CloudEventHeaders.SUBJECT),
                header(headers, CloudEventHeaders.TIME),
                required(headers, CloudEventHeaders.CORRELATION_ID),
                header(headers, CloudEventHeaders.CAUSATION_ID),
                key,
                message.getPayload());
        if (envelope.payload() == null || envelope.payload().isBlank()) {
            throw new PoisonMessageException(
                    "消息 " + envelope.id() + " 没有内容 / message " + envelope.id() + " has no payload");
        }
        return envelope;
    }

    /** The contract message type named by {@code ce_type}, if this service knows it. */
    public Optional<MessageType> messageType() {
        return MessageType.ofCeType(type);
    }

    /** Whether this message is of {@code type}. */
    public boolean is(MessageType type) {
        return type.ceType().equals(this.type);
    }

    /** The payload as the record of its contract type; an unreadable payload is poison. */
    public <T extends Record> T read(ObjectMapper json, Class<T> recordType) {
        try {
            return json.readValue(payload, recordType);
        } catch (Exception e) {
            throw new PoisonMessageException(
                    "消息 " + id + " 的内容不是有效的 " + recordType.getSimpleName() + " / payload of " + id + " is not a valid "
                            + recordType.getSimpleName(),
                    e);
        }
    }

    private static String required(Headers headers, String name) {
        String value = header(headers, name);
        if (value == null || value.isBlank()) {
            throw new PoisonMessageException("缺少消息头 " + name + " / missing header " + name);
        }
        return value;
    }

    private static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
