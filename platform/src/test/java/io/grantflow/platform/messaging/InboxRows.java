package io.grantflow.platform.messaging;

import io.grantflow.platform.testing.KafkaTopicsResource;
import io.grantflow.platform.testing.TestKafka;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Test support for the inbox's tests: messages for {@link InboxProbe}, what they did in the database, its DLQ. */
final class InboxRows {
    static final String TOPIC = "inboxtest.events";
    static final String DLQ = "inboxtest.events.platform-test.dlq";
    static final String CE_TYPE = "grantflow.test.Probe.v1";

    private InboxRows() {}

    /** The CloudEvents headers of a probe message; a test may change or remove one. */
    static Map<String, String> headers(String ceId, String key) {
        return TestKafka.cloudEventHeaders(CE_TYPE, ceId, key);
    }

    /** A probe message with its own new id. */
    static String send(String key, String payload) {
        return send(key, UUID.randomUUID().toString(), payload);
    }

    /** A probe message with the id {@code ceId}. */
    static String send(String key, String ceId, String payload) {
        send(key, payload, headers(ceId, key));
        return ceId;
    }

    static void send(String key, String payload, Map<String, String> headers) {
        TestKafka.send(
                KafkaTopicsResource.bootstrapServers(),
                TestKafka.record(KafkaTopicsResource.topic(TOPIC), key, payload, headers));
    }

    /** The effects committed for a message id ({@code n} of each), in the order written. */
    static List<Integer> effects(DataSource dataSource, String messageId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s =
                        c.prepareStatement("SELECT n FROM inbox_probe_effect WHERE message_id = ? ORDER BY id")) {
            s.setString(1, messageId);
            List<Integer> n = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    n.add(r.getInt(1));
                }
            }
            return n;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether (consumer, message id) is in the inbox. */
    static boolean processed(DataSource dataSource, String consumer, String messageId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT count(*) FROM processed_message WHERE consumer = ? AND message_id = ?")) {
            s.setString(1, consumer);
            s.setString(2, messageId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1) > 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every record of the probe's dead-letter topic, read until {@code until} holds (or 60 s). */
    static List<ConsumerRecord<String, String>> deadLetters(Predicate<List<ConsumerRecord<String, String>>> until) {
        return TestKafka.read(
                KafkaTopicsResource.bootstrapServers(), KafkaTopicsResource.topic(DLQ), Duration.ofSeconds(60), until);
    }

    /** The dead-letter topic's records of one key, read for {@code settle} (to see that none arrives). */
    static List<ConsumerRecord<String, String>> deadLettersOf(String key, Duration settle) {
        return TestKafka.read(
                        KafkaTopicsResource.bootstrapServers(),
                        KafkaTopicsResource.topic(DLQ),
                        settle,
                        records -> false)
                .stream()
                .filter(r -> key.equals(r.key()))
                .toList();
    }
}
