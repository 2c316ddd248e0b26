package io.grantflow.platform.messaging;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Stores outbox rows through a caller's JDBC transaction, many rows per statement (COPY): for a
 * writer that commits a whole batch of state changes at once (the budget's ledger), where one
 * statement per row would cost more than the work itself. Its inbox claims are {@link InboxClaims}.
 */
public final class JdbcOutbox {
    private JdbcOutbox() {}

    /** Inserts {@code rows} in list order (so the relay publishes them in that order), by COPY. */
    public static void insert(Connection c, List<OutboxMessage> rows) throws SQLException {
        List<String[]> values = new ArrayList<>(rows.size());
        for (OutboxMessage r : rows) {
            values.add(new String[] {
                r.id.toString(),
                r.topic,
                r.messageKey,
                r.ceType,
                r.ceSource,
                r.ceSubject,
                r.ceTime.toString(),
                r.correlationId,
                r.causationId,
                r.payload
            });
        }
        PgCopy.copy(
                c,
                "outbox_message",
                "id, topic, message_key, ce_type, ce_source, ce_subject, ce_time, "
                        + "correlation_id, causation_id, payload",
                values);
    }
}
