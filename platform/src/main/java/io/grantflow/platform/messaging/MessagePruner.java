package io.grantflow.platform.messaging;

import io.grantflow.platform.lifecycle.Lifecycle;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Deletes what the messaging tables no longer need, by age ({@code grantflow.messaging.retention.*}):
 * outbox rows published longer ago than {@code outbox}, and inbox rows of messages handled longer
 * ago than {@code inbox}. An unpublished or parked outbox row is never deleted, however old.
 *
 * <p>Every instance may run it: each statement deletes at most {@code batch-size} rows in its
 * own short transaction and skips rows another instance's delete has locked
 * ({@code FOR UPDATE SKIP LOCKED}), so two pruners share the work instead of waiting for each
 * other, and a row is deleted (and counted) once. The cut-off is the database's clock.
 */
@ApplicationScoped
public class MessagePruner {
    private static final Logger LOG = Logger.getLogger(MessagePruner.class);
    // The partial index outbox_message_published (V0_4) serves both the range and the order.
    private static final String PRUNE_OUTBOX = """
            DELETE FROM outbox_message WHERE seq = ANY (ARRAY(
                SELECT seq FROM outbox_message
                 WHERE published_at < now() - ? * interval '1 millisecond'
                 ORDER BY published_at LIMIT ? FOR UPDATE SKIP LOCKED))""";
    // By ctid, the row's physical address, locked by the subquery until the delete: the primary key
    // (consumer, message_id) would need a join back; processed_message_processed_at (V0_4) finds them.
    private static final String PRUNE_INBOX = """
            DELETE FROM processed_message WHERE ctid = ANY (ARRAY(
                SELECT ctid FROM processed_message
                 WHERE processed_at < now() - ? * interval '1 millisecond'
                 ORDER BY processed_at LIMIT ? FOR UPDATE SKIP LOCKED))""";

    /** What one run deleted. */
    public record Pruned(long outboxRows, long inboxRows) {}

    private final DataSource dataSource;
    private final MessagingConfig.Retention retention;
    private final Lifecycle lifecycle;
    private final Counter outboxPruned;
    private final Counter inboxPruned;
    private ScheduledExecutorService timer;

    public MessagePruner(DataSource dataSource, MessagingConfig config, MeterRegistry registry, Lifecycle lifecycle) {
        this.dataSource = dataSource;
        this.retention = config.retention();
        this.lifecycle = lifecycle;
        this.outboxPruned = Counter.builder("grantflow.outbox.pruned")
                .description("Published outbox rows deleted after grantflow.messaging.retention.outbox")
                .register(registry);
        this.inboxPruned = Counter.builder("grantflow.inbox.pruned")
                .description("Processed-message rows deleted after grantflow.messaging.retention.inbox")
                .register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        check(retention);
        if (!retention.enabled()) {
            LOG.info("message pruning is off on this instance (grantflow.messaging.retention.enabled=false)");
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "message-pruner");
            t.setDaemon(true);
            return t;
        });
        long every = retention.interval().toMillis();
        timer.scheduleWithFixedDelay(this::pruneQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** Settings that would delete young rows or never finish are refused at start. */
    static void check(MessagingConfig.Retention retention) {
        if (!positive(retention.outbox())
                || !positive(retention.inbox())
                || !positive(retention.interval())
                || retention.batchSize() < 1) {
            throw new IllegalArgumentException("消息保留期限和清理间隔须大于零，每批至少 1 行 / "
                    + "grantflow.messaging.retention.outbox, .inbox and .interval must be "
                    + "longer than zero and .batch-size at least 1; got " + retention.outbox() + ", "
                    + retention.inbox() + ", " + retention.interval() + ", " + retention.batchSize());
        }
    }

    private static boolean positive(Duration d) {
        return !d.isNegative() && !d.isZero();
    }

    private void pruneQuietly() {
        if (lifecycle.stopping()) {
            return;
        }
        try {
            Pruned pruned = prune();
            if (pruned.outboxRows() + pruned.inboxRows() > 0) {
                LOG.infof(
                        "pruned %d published outbox rows older than %s and %d processed-message rows older than %s",
                        pruned.outboxRows(), retention.outbox(), pruned.inboxRows(), retention.inbox());
            }
        } catch (SQLException | RuntimeException e) {
            // a run cut short by the stop, or a database hiccup: the next run deletes what is left
            if (!lifecycle.stopping()) {
                LOG.warnf("message pruning will retry at its next run: %s", e.toString());
            }
        }
    }

    /** One run: deletes batch after batch until none is left that is old enough (or the service stops). */
    public Pruned prune() throws SQLException {
        long outbox = deleteAll(PRUNE_OUTBOX, retention.outbox(), outboxPruned);
        long inbox = deleteAll(PRUNE_INBOX, retention.inbox(), inboxPruned);
        return new Pruned(outbox, inbox);
    }

    private long deleteAll(String sql, Duration age, Counter pruned) throws SQLException {
        long total = 0;
        try (Connection c = dataSource.getConnection();
                PreparedStatement delete = c.prepareStatement(sql)) {
            c.setAutoCommit(true);
            delete.setLong(1, age.toMillis());
            delete.setInt(2, retention.batchSize());
            int rows;
            do {
                rows = delete.executeUpdate();
                total += rows;
                pruned.increment(rows);
            } while (rows == retention.batchSize() && !lifecycle.stopping());
        }
        return total;
    }
}
