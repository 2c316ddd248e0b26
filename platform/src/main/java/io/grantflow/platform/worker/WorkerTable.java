package io.grantflow.platform.worker;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The table a {@link RowWorker} works through. Besides its own columns it has the worker's:
 * {@code id UUID}, {@code attempts INTEGER}, {@code next_attempt_at TIMESTAMPTZ} (due when at or
 * before now), {@code window_start TIMESTAMPTZ} (when its retries began), {@code last_error TEXT},
 * {@code parked_at TIMESTAMPTZ} and {@code created_at TIMESTAMPTZ}; and a partial index on
 * {@code next_attempt_at} over the pending, unparked rows.
 *
 * @param worker the worker's name in metrics, logs and the operators' view ({@code mail})
 * @param table the table
 * @param pending the SQL condition of a row still to do ({@code status = 'PENDING'})
 * @param doneAssignments the SQL assignments that mark a row done ({@code status = 'SENT', sent_at = now()})
 * @param parkAssignments further SQL assignments when a row is parked (null: none; the row stays
 *     pending with {@code parked_at} set), for a table whose parked rows take a state of their own
 *     (a payment held for lack of an answer)
 * @param parked the SQL condition of a parked row (null: pending with {@code parked_at} set)
 * @param unparkAssignments further SQL assignments when an operator unparks a row (null: none),
 *     which must make it pending again
 */
public record WorkerTable(
        String worker,
        String table,
        String pending,
        String doneAssignments,
        String parkAssignments,
        String parked,
        String unparkAssignments) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    /** A table whose parked rows stay pending, with {@code parked_at} set. */
    public WorkerTable(String worker, String table, String pending, String doneAssignments) {
        this(worker, table, pending, doneAssignments, null, null, null);
    }

    public WorkerTable {
        Objects.requireNonNull(pending, "pending");
        Objects.requireNonNull(doneAssignments, "doneAssignments");
        if ((parkAssignments == null) != (parked == null) || (parked == null) != (unparkAssignments == null)) {
            // a parked row that leaves the pending state must be found, and brought back, another way
            throw new IllegalArgumentException("parkAssignments, parked and unparkAssignments go together");
        }
        // the names go into SQL text: only plain identifiers, never anything a caller chose
        if (!NAME.matcher(worker).matches() || !NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("worker and table must be plain identifiers: " + worker + ", " + table);
        }
    }

    /** The SQL condition of a parked row. */
    String parkedCondition() {
        return parked == null
                ? "(" + pending + ") AND parked_at IS NOT NULL"
                : "(" + parked + ") AND parked_at IS NOT NULL";
    }
}
