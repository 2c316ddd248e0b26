package io.grantflow.platform.messaging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Stores outbox rows and inbox claims through a caller's JDBC transaction, many rows per
 * statement: for a writer that commits a whole batch of state changes at once (the budget's
 * ledger), where one statement per row would cost more than the work itself.
 */
public final class JdbcOutbox {
    private JdbcOutbox() {
    }

    /** Inserts {@code rows} in list order (so the relay publishes them in that order). */
    public static void insert(Connection c, List<OutboxMessage> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        int n = rows.size();
        String[] id = new String[n];
        String[] topic = new String[n];
        String[] key = new String[n];
        String[] type = new String[n];
        String[] source = new String[n];
        String[] time = new String[n];
        String[] correlation = new String[n];
        String[] causation = new String[n];
        String[] payload = new String[n];
        for (int i = 0; i < n; i++) {
            OutboxMessage r = rows.get(i);
            id[i] = r.id.toString();
            topic[i] = r.topic;
            key[i] = r.messageKey;
            type[i] = r.ceType;
            source[i] = r.ceSource;
            time[i] = r.ceTime.toString();
            correlation[i] = r.correlationId;
            causation[i] = r.causationId;
            payload[i] = r.payload;
        }
        // WITH ORDINALITY keeps the list order in seq.
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO outbox_message (id, topic, message_key, ce_type, ce_source, ce_subject, ce_time,
                                            correlation_id, causation_id, payload, created_at)
                SELECT u.id::uuid, u.topic, u.k, u.type, u.source, u.k, u.t::timestamptz, u.corr, u.cause, u.payload, now()
                  FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                       WITH ORDINALITY AS u(id, topic, k, type, source, t, corr, cause, payload, ord)
                 ORDER BY u.ord""")) {
            s.setArray(1, c.createArrayOf("text", id));
            s.setArray(2, c.createArrayOf("text", topic));
            s.setArray(3, c.createArrayOf("text", key));
            s.setArray(4, c.createArrayOf("text", type));
            s.setArray(5, c.createArrayOf("text", source));
            s.setArray(6, c.createArrayOf("text", time));
            s.setArray(7, c.createArrayOf("text", correlation));
            s.setArray(8, c.createArrayOf("text", causation));
            s.setArray(9, c.createArrayOf("text", payload));
            s.executeUpdate();
        }
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
