package io.grantflow.platform.messaging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Stores outbox rows and inbox claims through a caller's JDBC transaction, many rows per
 * statement (COPY, unnest): for a writer that commits a whole batch of state changes at once (the budget's
 * ledger), where one statement per row would cost more than the work itself.
 */
public final class JdbcOutbox {
    private JdbcOutbox() {
    }

    /** Inserts {@code rows} in list order (so the relay publishes them in that order), by COPY. */
    public static void insert(Connection c, List<OutboxMessage> rows) throws SQLException {
        List<String[]> values = new java.util.ArrayList<>(rows.size());
        for (OutboxMessage r : rows) {
            values.add(new String[] {r.id.toString(), r.topic, r.messageKey, r.ceType, r.ceSource, r.ceSubject,
                    r.ceTime.toString(), r.correlationId, r.causationId, r.payload});
        }
        PgCopy.copy(c, "outbox_message", "id, topic, message_key, ce_type, ce_source, ce_subject, ce_time, "
                + "correlation_id, causation_id, payload", values);
    }

    /** A message a consumer has handled: (consumer, message id), the inbox key. */
    public record InboxKey(String consumer, String messageId) {
    }

    /** Which of {@code keys} were handled before. */
    public static java.util.Set<InboxKey> seen(Connection c, List<InboxKey> keys) throws SQLException {
        java.util.Set<InboxKey> seen = new java.util.HashSet<>();
        if (keys.isEmpty()) {
            return seen;
        }
        try (PreparedStatement s = c.prepareStatement("""
                SELECT p.consumer, p.message_id FROM processed_message p
                  JOIN unnest(?::text[], ?::text[]) AS k(consumer, message_id)
                    ON p.consumer = k.consumer AND p.message_id = k.message_id""")) {
            s.setArray(1, c.createArrayOf("text", keys.stream().map(InboxKey::consumer).toArray(String[]::new)));
            s.setArray(2, c.createArrayOf("text", keys.stream().map(InboxKey::messageId).toArray(String[]::new)));
            try (var rs = s.executeQuery()) {
                while (rs.next()) {
                    seen.add(new InboxKey(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return seen;
    }

    /**
     * Claims {@code keys} in the caller's transaction. A key claimed meanwhile by another
     * instance makes the insert fail, and with it the caller's transaction: nothing applies twice.
     */
    public static void claim(Connection c, List<InboxKey> keys) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO processed_message (consumer, message_id)
                SELECT * FROM unnest(?::text[], ?::text[])""")) {
            s.setArray(1, c.createArrayOf("text", keys.stream().map(InboxKey::consumer).toArray(String[]::new)));
            s.setArray(2, c.createArrayOf("text", keys.stream().map(InboxKey::messageId).toArray(String[]::new)));
            s.executeUpdate();
        }
    }
}
