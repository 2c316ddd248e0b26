package io.grantflow.platform.messaging;

import io.grantflow.contracts.CloudEventHeaders;
import io.grantflow.platform.testing.KafkaTopicsResource;
import io.grantflow.platform.testing.TestKafka;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Test support for the relay's tests: outbox rows written as a service writes them, their state, the topics. */
final class OutboxRows {
    private OutboxRows() {}

    /** The state of one outbox row. */
    record State(
            long seq,
            int attempts,
            String lastError,
            OffsetDateTime nextAttemptAt,
            OffsetDateTime parkedAt,
            OffsetDateTime publishedAt) {
        boolean parked() {
            return parkedAt != null && publishedAt == null;
        }

        boolean published() {
            return publishedAt != null;
        }
    }

    static OutboxMessage row(String topic, String key, String payload) {
        OutboxMessage row = new OutboxMessage();
        row.id = UUID.randomUUID();
        row.topic = topic;
        row.messageKey = key;
        row.ceType = "grantflow.test.relay.v1";
        row.ceSource = "/grantflow/test";
        row.ceSubject = key;
        row.ceTime = OffsetDateTime.now(ZoneOffset.UTC);
        row.correlationId = UUID.randomUUID().toString();
        row.payload = payload;
        return row;
    }

    /** A JSON payload of exactly {@code bytes} bytes. */
    static String payloadOf(int bytes) {
        String head = "{\"pad\":\"";
        return head + "z".repeat(bytes - head.length() - 2) + "\"}";
    }

    /** Stores rows in one transaction, in list order: their seq follows the list. */
    static void insert(DataSource dataSource, OutboxMessage... rows) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            JdbcOutbox.insert(c, List.of(rows));
            c.commit();
        }
    }

    static State state(DataSource dataSource, OutboxMessage row) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                     SELECT seq, attempts, last_error, next_attempt_at, parked_at, published_at
                       FROM outbox_message WHERE id = ?""")) {
            s.setObject(1, row.id);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new AssertionError("no outbox row " + row.id);
                }
                return new State(
                        r.getLong(1),
                        r.getInt(2),
                        r.getString(3),
                        r.getObject(4, OffsetDateTime.class),
                        r.getObject(5, OffsetDateTime.class),
                        r.getObject(6, OffsetDateTime.class));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static long parkedCount(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT count(*) FROM outbox_message WHERE published_at IS NULL AND parked_at IS NOT NULL");
                ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTopicsResource.bootstrapServers()));
    }

    /**
     * Every record of a test topic (logical name): read until each of {@code expected} has arrived,
     * then two seconds more, so that a record sent twice is seen twice.
     */
    static List<ConsumerRecord<String, String>> readSettled(String topic, List<OutboxMessage> expected) {
        List<String> ids = expected.stream().map(r -> r.id.toString()).toList();
        long[] settledAt = {0};
        return TestKafka.read(
                KafkaTopicsResource.bootstrapServers(),
                KafkaTopicsResource.topic(topic),
                Duration.ofSeconds(60),
                records -> {
                    if (settledAt[0] == 0
                            && records.stream()
                                    .map(OutboxRows::ceId)
                                    .collect(Collectors.toSet())
                                    .containsAll(ids)) {
                        settledAt[0] = System.nanoTime();
                    }
                    return settledAt[0] != 0
                            && System.nanoTime() - settledAt[0]
                                    > Duration.ofSeconds(2).toNanos();
                });
    }

    /** How many records carry each ce_id. */
    static Map<String, Long> countsByCeId(List<ConsumerRecord<String, String>> records) {
        return records.stream().collect(Collectors.groupingBy(OutboxRows::ceId, Collectors.counting()));
    }

    static String ceId(ConsumerRecord<String, String> record) {
        return TestKafka.header(record, CloudEventHeaders.ID);
    }
}
