package io.grantflow.platform.messaging;

import static io.grantflow.platform.messaging.InboxRows.effects;
import static io.grantflow.platform.messaging.InboxRows.processed;
import static io.grantflow.platform.messaging.InboxRows.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grantflow.platform.lifecycle.Lifecycle;
import io.grantflow.platform.testing.KafkaTopicsResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Pruning by age against the real PostgreSQL (platform_test), with the job scheduled as in a
 * service (every second here) and the retention periods at their defaults: old published outbox
 * rows and old inbox rows go; unpublished, parked and young rows stay; a redelivery younger than
 * the inbox retention is still recognised; two pruners at once delete every row once.
 *
 * <p>Rows are written with their ages relative to the database's clock, which is the pruner's.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTopicsResource.class)
class MessagePrunerIT {
    private static final Duration DAY = Duration.ofDays(1);
    private static final String TOPIC = "prunertest.events";

    @Inject
    DataSource dataSource;

    @Inject
    MessagingConfig config;

    @Inject
    MeterRegistry registry;

    @Inject
    Lifecycle lifecycle;

    private double pruned(String metric) {
        return registry.counter(metric).count();
    }

    /** An outbox row of its own key, created {@code age} ago, in the state the other arguments give (null: not set). */
    private UUID outboxRow(Duration age, Duration publishedAgo, Duration parkedAgo, Duration nextAttemptIn)
            throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                INSERT INTO outbox_message (id, topic, message_key, ce_type, ce_source, ce_subject, ce_time,
                                            correlation_id, payload, created_at, published_at, parked_at,
                                            next_attempt_at, attempts)
                VALUES (?, ?, ?, 'grantflow.test.Pruned.v1', '/grantflow/test', ?, now() - ? * interval '1 millisecond',
                        ?, '{}', now() - ? * interval '1 millisecond',
                        now() - ? * interval '1 millisecond', now() - ? * interval '1 millisecond',
                        now() + ? * interval '1 millisecond', ?)""")) {
            s.setObject(1, id);
            s.setString(2, TOPIC);
            s.setString(3, id.toString());
            s.setString(4, id.toString());
            s.setLong(5, age.toMillis());
            s.setString(6, id.toString());
            s.setLong(7, age.toMillis());
            setMillis(s, 8, publishedAgo);
            setMillis(s, 9, parkedAgo);
            setMillis(s, 10, nextAttemptIn);
            s.setInt(11, publishedAgo != null ? 1 : 3);
            s.executeUpdate();
        }
        return id;
    }

    private static void setMillis(PreparedStatement s, int index, Duration d) throws SQLException {
        if (d == null) {
            s.setNull(index, Types.BIGINT);
        } else {
            s.setLong(index, d.toMillis());
        }
    }

    private boolean outboxRowExists(UUID id) throws SQLException {
        return count("SELECT count(*) FROM outbox_message WHERE id = '" + id + "'") == 1;
    }

    /** An inbox row handled {@code ago}. */
    private void processedRow(String consumer, String messageId, Duration ago) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                INSERT INTO processed_message (consumer, message_id, processed_at)
                VALUES (?, ?, now() - ? * interval '1 millisecond')""")) {
            s.setString(1, consumer);
            s.setString(2, messageId);
            s.setLong(3, ago.toMillis());
            s.executeUpdate();
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql);
                ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void publishedOutboxRowsAndInboxRowsPastTheirRetentionGoAndUnpublishedParkedAndYoungRowsStay() throws Exception {
        Duration outbox = config.retention().outbox();
        Duration inbox = config.retention().inbox();
        double outboxPrunedBefore = pruned("grantflow.outbox.pruned");
        double inboxPrunedBefore = pruned("grantflow.inbox.pruned");
        String consumer = "platform-test.pruning";
        String oldMessage = UUID.randomUUID().toString();
        String youngMessage = UUID.randomUUID().toString();

        UUID oldPublished = outboxRow(outbox.plus(DAY.multipliedBy(2)), outbox.plus(DAY), null, null);
        UUID youngPublished = outboxRow(outbox, outbox.minus(DAY), null, null);
        // unpublished and waiting for its next attempt, created long before any retention
        UUID oldWaiting = outboxRow(inbox.multipliedBy(2), null, null, DAY);
        UUID oldParked =
                outboxRow(inbox.multipliedBy(2), null, inbox.multipliedBy(2).minus(DAY), null);
        processedRow(consumer, oldMessage, inbox.plus(DAY));
        processedRow(consumer, youngMessage, inbox.minus(DAY));

        await("the scheduled pruning")
                .atMost(Duration.ofSeconds(30))
                .until(() -> !outboxRowExists(oldPublished) && !processed(dataSource, consumer, oldMessage));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(pruned("grantflow.outbox.pruned") - outboxPrunedBefore)
                    .as("outbox rows pruned")
                    .isEqualTo(1);
            assertThat(pruned("grantflow.inbox.pruned") - inboxPrunedBefore)
                    .as("inbox rows pruned")
                    .isEqualTo(1);
        });
        // one more run that certainly started after every row was written
        new MessagePruner(dataSource, config, new SimpleMeterRegistry(), lifecycle).prune();

        assertThat(outboxRowExists(youngPublished))
                .as("published within the retention")
                .isTrue();
        assertThat(outboxRowExists(oldWaiting)).as("unpublished, however old").isTrue();
        assertThat(outboxRowExists(oldParked)).as("parked, however old").isTrue();
        assertThat(processed(dataSource, consumer, youngMessage))
                .as("handled within the retention")
                .isTrue();
        assertThat(count("SELECT count(*) FROM outbox_message WHERE parked_at IS NOT NULL AND published_at IS NULL "
                        + "AND id = '" + oldParked + "'"))
                .as("still parked for an operator")
                .isEqualTo(1);

        // left unpublished on purpose: gone, so that they hold up nothing for the other tests
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("DELETE FROM outbox_message WHERE id = ANY (?)")) {
            s.setArray(1, c.createArrayOf("uuid", new Object[] {oldWaiting, oldParked}));
            s.executeUpdate();
        }
    }

    @Test
    void aRedeliveryYoungerThanTheInboxRetentionIsStillRecognisedButOneOlderIsHandledAgain() throws Exception {
        Duration inbox = config.retention().inbox();
        String key = UUID.randomUUID().toString();
        String young = UUID.randomUUID().toString();
        String old = UUID.randomUUID().toString();
        processedRow(InboxProbe.CONSUMER, young, inbox.minus(DAY));
        processedRow(InboxProbe.CONSUMER, old, inbox.plus(DAY));
        await("the scheduled pruning")
                .atMost(Duration.ofSeconds(30))
                .until(() -> !processed(dataSource, InboxProbe.CONSUMER, old));

        // both delivered again, as after a consumer group's offsets were reset
        send(key, young, "{\"n\":1}");
        send(key, old, "{\"n\":2}");
        String marker = send(key, "{\"n\":0}");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> effects(dataSource, marker).size() == 1);

        assertThat(effects(dataSource, young))
                .as("recognised as handled: no effect")
                .isEmpty();
        assertThat(processed(dataSource, InboxProbe.CONSUMER, young)).isTrue();
        // why the inbox retention must outlast the longest redelivery window
        assertThat(effects(dataSource, old))
                .as("pruned, so handled a second time")
                .containsExactly(2);
    }

    @Test
    void twoPrunersRunningAtOnceBesideTheScheduledOneDeleteEveryOldRowOnceAndNoYoungOne() throws Exception {
        Duration outbox = config.retention().outbox();
        Duration inbox = config.retention().inbox();
        int rows = 1_000;
        String consumer = "platform-test.pruning-" + UUID.randomUUID();
        double outboxPrunedBefore = pruned("grantflow.outbox.pruned");
        double inboxPrunedBefore = pruned("grantflow.inbox.pruned");
        UUID youngPublished = outboxRow(outbox, outbox.minus(DAY), null, null);
        processedRow(consumer, "young", inbox.minus(DAY));
        CountDownLatch start = new CountDownLatch(1);
        // two threads of their own: the common pool may have a single one on a small machine
        ExecutorService instances = Executors.newFixedThreadPool(2);
        List<Future<MessagePruner.Pruned>> pruners = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            MessagePruner pruner = new MessagePruner(dataSource, config, new SimpleMeterRegistry(), lifecycle);
            pruners.add(instances.submit(() -> {
                start.await();
                return pruner.prune();
            }));
        }

        try (Connection c = dataSource.getConnection();
                PreparedStatement o = c.prepareStatement("""
                INSERT INTO outbox_message (id, topic, message_key, ce_type, ce_source, ce_subject, ce_time,
                                            correlation_id, payload, created_at, published_at, attempts)
                SELECT gen_random_uuid(), ?, 'k' || n, 'grantflow.test.Pruned.v1', '/grantflow/test', 'k' || n,
                       now() - ? * interval '1 millisecond', 'c', '{}', now() - ? * interval '1 millisecond',
                       now() - ? * interval '1 millisecond', 1
                  FROM generate_series(1, ?) AS n""");
                PreparedStatement p = c.prepareStatement("""
                INSERT INTO processed_message (consumer, message_id, processed_at)
                SELECT ?, 'm' || n, now() - ? * interval '1 millisecond' FROM generate_series(1, ?) AS n""")) {
            Duration old = outbox.plus(DAY);
            o.setString(1, TOPIC);
            o.setLong(2, old.toMillis());
            o.setLong(3, old.toMillis());
            o.setLong(4, old.toMillis());
            o.setInt(5, rows);
            o.executeUpdate();
            p.setString(1, consumer);
            p.setLong(2, inbox.plus(DAY).toMillis());
            p.setInt(3, rows);
            p.executeUpdate();
        }
        start.countDown();
        long outboxByTwo = 0;
        long inboxByTwo = 0;
        try {
            for (Future<MessagePruner.Pruned> f : pruners) {
                MessagePruner.Pruned pruned = f.get(60, TimeUnit.SECONDS);
                outboxByTwo += pruned.outboxRows();
                inboxByTwo += pruned.inboxRows();
            }
        } finally {
            instances.shutdownNow();
        }

        await().atMost(Duration.ofSeconds(30))
                .until(() -> count("SELECT count(*) FROM outbox_message WHERE topic = '" + TOPIC
                                        + "' AND message_key LIKE 'k%'")
                                == 0
                        && count("SELECT count(*) FROM processed_message WHERE consumer = '" + consumer
                                        + "' AND message_id LIKE 'm%'")
                                == 0);
        long outboxTotal = outboxByTwo;
        long inboxTotal = inboxByTwo;
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(outboxTotal + pruned("grantflow.outbox.pruned") - outboxPrunedBefore)
                    .as("outbox rows counted by the three pruners")
                    .isEqualTo(rows);
            assertThat(inboxTotal + pruned("grantflow.inbox.pruned") - inboxPrunedBefore)
                    .as("inbox rows counted by the three pruners")
                    .isEqualTo(rows);
        });
        assertThat(outboxRowExists(youngPublished)).isTrue();
        assertThat(processed(dataSource, consumer, "young")).isTrue();
    }
}
