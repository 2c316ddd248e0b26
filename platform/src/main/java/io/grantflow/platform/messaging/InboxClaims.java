package io.grantflow.platform.messaging;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The inbox's claim, written once for both kinds of consumer: a (consumer, message id) row
 * inserted with {@code ON CONFLICT DO NOTHING} in the transaction of the message's effect. The
 * transaction that inserts the row applies the effect; a message whose row is there already is a
 * redelivery. A second instance claiming the same message at the same moment waits for the first
 * one's uncommitted row and then finds it taken: there is no gap between looking and claiming.
 *
 * <p>{@link Inbox} claims one message through Hibernate Reactive ({@link #CLAIM_ONE}); a writer
 * that commits many messages in one JDBC transaction (the budget's ledger) claims them all with
 * {@link #claim(Connection, Collection)} before it applies any.
 */
public final class InboxClaims {
    /** One message, for a Hibernate Reactive native query: 1 row claimed it, 0 rows is a redelivery. */
    static final String CLAIM_ONE = """
            INSERT INTO processed_message (consumer, message_id) VALUES (?1, ?2)
            ON CONFLICT DO NOTHING""";

    private static final String CLAIM_MANY = """
            INSERT INTO processed_message (consumer, message_id)
            SELECT * FROM unnest(?::text[], ?::text[])
            ON CONFLICT DO NOTHING
            RETURNING consumer, message_id""";
    private static final String RELEASE = """
            DELETE FROM processed_message p USING unnest(?::text[], ?::text[]) AS k(consumer, message_id)
             WHERE p.consumer = k.consumer AND p.message_id = k.message_id""";
    // Two instances claiming overlapping batches take the rows' locks in the same order: no deadlock.
    private static final Comparator<InboxKey> ORDER =
            Comparator.comparing(InboxKey::consumer).thenComparing(InboxKey::messageId);

    private InboxClaims() {}

    /**
     * Claims {@code keys} in the caller's transaction and returns those it claimed: a key not
     * returned was handled before (or is twice in {@code keys}; it is returned once). Rolls back
     * with the caller's transaction.
     */
    public static Set<InboxKey> claim(Connection c, Collection<InboxKey> keys) throws SQLException {
        Set<InboxKey> claimed = new HashSet<>();
        if (keys.isEmpty()) {
            return claimed;
        }
        List<InboxKey> ordered = keys.stream().sorted(ORDER).toList();
        try (PreparedStatement s = c.prepareStatement(CLAIM_MANY)) {
            bind(c, s, ordered);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    claimed.add(new InboxKey(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return claimed;
    }

    /**
     * Gives back claims made earlier in the same transaction for messages whose effect was refused,
     * so that a redelivery of one is judged again instead of passing as a duplicate.
     */
    public static void release(Connection c, Collection<InboxKey> keys) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(RELEASE)) {
            bind(c, s, keys.stream().sorted(ORDER).toList());
            s.executeUpdate();
        }
    }

    private static void bind(Connection c, PreparedStatement s, List<InboxKey> keys) throws SQLException {
        Array consumers =
                c.createArrayOf("text", keys.stream().map(InboxKey::consumer).toArray(String[]::new));
        Array ids =
                c.createArrayOf("text", keys.stream().map(InboxKey::messageId).toArray(String[]::new));
        s.setArray(1, consumers);
        s.setArray(2, ids);
    }
}
