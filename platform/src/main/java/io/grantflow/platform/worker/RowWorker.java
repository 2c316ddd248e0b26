package io.grantflow.platform.worker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Works through the due rows of one table, each on its own: a row is claimed for a lease (so two
 * instances never take the same row and a crash only delays it), worked outside any transaction,
 * and then marked done, retried after an exponential back-off, or parked for an operator after
 * the policy's attempts or window. A failing row holds back no other row.
 *
 * <p>Plain JDBC and no framework: a service builds one per table and calls {@link #runOnce()}
 * from its scheduler, on a worker thread.
 */
public class RowWorker {
    /** What the work of one row is given. */
    public record Claim(UUID id, int attempts, Instant windowStart) {}

    /** The work of one row. May throw: an exception counts as a failure a retry may mend. */
    @FunctionalInterface
    public interface Work {
        WorkOutcome work(Claim claim) throws Exception;
    }

    /** A parked row as operators see it: what went wrong and when, never the row's content. */
    public record ParkedRow(
            UUID id, int attempts, String lastError, OffsetDateTime createdAt, OffsetDateTime parkedAt) {}

    /** One page of parked rows, oldest parking first. */
    public record ParkedPage(String worker, List<ParkedRow> items, long total, int limit, int offset) {}

    private static final Logger LOG = Logger.getLogger(RowWorker.class);
    private static final int ERROR_CHARS = 2000;
    private static final long PARKED_RECOUNT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final DataSource dataSource;
    private final WorkerTable table;
    private final RetryPolicy policy;
    private final int batchSize;
    private final Duration lease;
    private final Work work;
    private final Counter done;
    private final Counter failures;
    private final Counter parkedCount;
    private final AtomicLong parked = new AtomicLong();
    private volatile long parkedCountedAt;

    private final String claimSql;
    private final String doneSql;
    private final String failedSql;
    private final String parkSql;
    private final String laterSql;
    private final String unparkSql;
    private final String parkedWhere;

    public RowWorker(
            DataSource dataSource,
            WorkerTable table,
            RetryPolicy policy,
            int batchSize,
            Duration lease,
            MeterRegistry registry,
            Work work) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be 1 or more: " + batchSize);
        }
        this.dataSource = dataSource;
        this.table = table;
        this.policy = policy;
        this.batchSize = batchSize;
        this.lease = lease;
        this.work = work;
        Tags tags = Tags.of("worker", table.worker());
        this.done = registry.counter("grantflow.worker.done", tags);
        this.failures = registry.counter("grantflow.worker.failures", tags);
        this.parkedCount = registry.counter("grantflow.worker.parkings", tags);
        Gauge.builder("grantflow.worker.parked", parked, AtomicLong::get)
                .tags(tags)
                .description("Rows a worker has parked for an operator")
                .register(registry);
        this.parkedCountedAt = System.nanoTime() - PARKED_RECOUNT_NANOS;
        String t = table.table();
        String due = "(" + table.pending() + ") AND parked_at IS NULL AND next_attempt_at <= now()";
        // Claiming moves next_attempt_at past the lease: the row is invisible to other instances
        // (and to the next run here) while it is worked, and due again if this one dies.
        this.claimSql = "UPDATE " + t + " SET next_attempt_at = now() + ? * interval '1 millisecond'"
                + " WHERE id IN (SELECT id FROM " + t + " WHERE " + due
                + " ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED)"
                + " RETURNING id, attempts, window_start";
        this.doneSql = "UPDATE " + t + " SET attempts = attempts + 1, last_error = NULL, next_attempt_at = now(), "
                + table.doneAssignments() + " WHERE id = ?";
        this.failedSql =
                "UPDATE " + t + " SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?";
        // a parked row keeps a next attempt time only so that the column stays NOT NULL
        this.parkSql = "UPDATE " + t + " SET attempts = attempts + 1, last_error = ?, next_attempt_at = now(),"
                + " parked_at = now()" + (table.parkAssignments() == null ? "" : ", " + table.parkAssignments())
                + " WHERE id = ?";
        this.laterSql = "UPDATE " + t + " SET last_error = NULL, next_attempt_at = now() + ? * interval '1 millisecond'"
                + " WHERE id = ?";
        this.parkedWhere = table.parkedCondition();
        this.unparkSql = "UPDATE " + t
                + " SET parked_at = NULL, attempts = 0, window_start = now(), next_attempt_at = now()"
                + (table.unparkAssignments() == null ? "" : ", " + table.unparkAssignments())
                + " WHERE id = ? AND " + parkedWhere;
    }

    public String worker() {
        return table.worker();
    }

    public RetryPolicy policy() {
        return policy;
    }

    /** Claims the due rows, works each and records its outcome; returns how many it claimed. */
    public int runOnce() throws SQLException {
        List<Claim> claims = claim();
        boolean anyParked = false;
        for (Claim claim : claims) {
            WorkOutcome outcome;
            try {
                outcome = work.work(claim);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                // its lease runs out and another run takes it up: no attempt counted
                return claims.size();
            } catch (Exception e) {
                outcome = WorkOutcome.retry(e.toString());
            }
            anyParked |= record(claim, outcome);
        }
        recountParked(anyParked);
        return claims.size();
    }

    private List<Claim> claim() throws SQLException {
        List<Claim> claims = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(claimSql)) {
            c.setAutoCommit(true);
            s.setLong(1, lease.toMillis());
            s.setInt(2, batchSize);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Timestamp start = r.getTimestamp("window_start");
                    claims.add(new Claim(
                            r.getObject("id", UUID.class),
                            r.getInt("attempts"),
                            start == null ? Instant.now() : start.toInstant()));
                }
            }
        }
        return claims;
    }

    /** Marks the row by its outcome; returns whether it parked it. */
    private boolean record(Claim claim, WorkOutcome outcome) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            if (outcome.isDone()) {
                try (PreparedStatement s = c.prepareStatement(doneSql)) {
                    s.setObject(1, claim.id());
                    s.executeUpdate();
                }
                done.increment();
                return false;
            }
            if (outcome.later() != null) {
                try (PreparedStatement s = c.prepareStatement(laterSql)) {
                    s.setLong(1, outcome.later().toMillis());
                    s.setObject(2, claim.id());
                    s.executeUpdate();
                }
                return false;
            }
            int attempts = claim.attempts() + 1;
            RetryPolicy.Decision decision =
                    policy.afterFailure(attempts, claim.windowStart(), Instant.now(), outcome.retriable());
            String error = outcome.error().length() > ERROR_CHARS
                    ? outcome.error().substring(0, ERROR_CHARS)
                    : outcome.error();
            if (decision.park()) {
                try (PreparedStatement s = c.prepareStatement(parkSql)) {
                    s.setString(1, error);
                    s.setObject(2, claim.id());
                    s.executeUpdate();
                }
            } else {
                try (PreparedStatement s = c.prepareStatement(failedSql)) {
                    s.setString(1, error);
                    s.setTimestamp(2, Timestamp.from(decision.nextAttemptAt()));
                    s.setObject(3, claim.id());
                    s.executeUpdate();
                }
            }
            failures.increment();
            if (decision.park()) {
                parkedCount.increment();
                LOG.errorf("%s: row %s parked after %d attempt(s): %s", table.worker(), claim.id(), attempts, error);
            } else {
                LOG.warnf(
                        "%s: row %s failed (attempt %d), next at %s: %s",
                        table.worker(), claim.id(), attempts, decision.nextAttemptAt(), error);
            }
            return decision.park();
        }
    }

    private void recountParked(boolean now) throws SQLException {
        if (!now && System.nanoTime() - parkedCountedAt < PARKED_RECOUNT_NANOS) {
            return;
        }
        parked.set(countParked());
        parkedCountedAt = System.nanoTime();
    }

    private long countParked() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s =
                        c.prepareStatement("SELECT count(*) FROM " + table.table() + " WHERE " + parkedWhere);
                ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    /** A page of the parked rows (limit and offset checked by the caller). */
    public ParkedPage parked(int limit, int offset) throws SQLException {
        List<ParkedRow> items = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT id, attempts, last_error, created_at, parked_at FROM "
                        + table.table() + " WHERE " + parkedWhere + " ORDER BY parked_at, id LIMIT ? OFFSET ?")) {
            s.setInt(1, limit);
            s.setInt(2, offset);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    items.add(new ParkedRow(
                            r.getObject("id", UUID.class),
                            r.getInt("attempts"),
                            r.getString("last_error"),
                            r.getObject("created_at", OffsetDateTime.class),
                            r.getObject("parked_at", OffsetDateTime.class)));
                }
            }
        }
        return new ParkedPage(table.worker(), items, countParked(), limit, offset);
    }

    /**
     * Unparks a row: due now, with its attempts and its window started afresh. Returns false when
     * no such row is parked.
     */
    public boolean unpark(UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(unparkSql)) {
            s.setObject(1, id);
            boolean unparked = s.executeUpdate() == 1;
            if (unparked) {
                recountParked(true);
            }
            return unparked;
        }
    }
}
