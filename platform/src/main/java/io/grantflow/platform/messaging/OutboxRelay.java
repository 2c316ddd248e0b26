package io.grantflow.platform.messaging;

import io.grantflow.contracts.CloudEventHeaders;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes outbox rows in commit order and marks them published only after the broker has
 * acknowledged them. Rows are locked with SKIP LOCKED so a second instance never sends the same
 * batch; a crash between ack and mark re-sends, which consumers absorb through their inbox.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final String SELECT = """
            SELECT seq, id, topic, message_key, ce_type, ce_source, ce_subject, ce_time,
                   correlation_id, causation_id, payload
              FROM outbox_message
             WHERE published_at IS NULL
             ORDER BY seq
             LIMIT ?
               FOR UPDATE SKIP LOCKED""";

    private final DataSource dataSource;
    private final MutinyEmitter<String> emitter;
    private final MessagingConfig config;
    private final Counter published;
    private final Counter failures;
    private volatile boolean running;
    private Thread worker;

    public OutboxRelay(DataSource dataSource, @Channel("outbox") MutinyEmitter<String> emitter,
                       MessagingConfig config, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.emitter = emitter;
        this.config = config;
        this.published = registry.counter("grantflow.outbox.published");
        this.failures = registry.counter("grantflow.outbox.failures");
    }

    /** Starts the relay loop once the application, and so the Kafka channel, is up. */
    void onStart(@Observes StartupEvent event) {
        running = true;
        worker = new Thread(this::loop, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (worker != null) {
            worker.interrupt();
            worker.join(config.relayAckTimeout().toMillis());
        }
    }

    /**
     * One thread polls: a short interval keeps latency low (a scheduler's one-second floor would
     * add a second per hop), and one publisher per instance keeps per-key order.
     */
    private void loop() {
        while (running) {
            try {
                if (publishBatch() < config.relayBatchSize()) {
                    Thread.sleep(config.relayInterval().toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                failures.increment();
                LOG.warnf("outbox relay will retry: %s", e.toString());
                sleepQuietly(config.relayInterval().toMillis() * 10);
            }
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Publishes one batch; returns how many rows it published. */
    int publishBatch() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                List<Long> sent = new ArrayList<>();
                List<CompletableFuture<Void>> acks = new ArrayList<>();
                try (PreparedStatement select = connection.prepareStatement(SELECT)) {
                    select.setInt(1, config.relayBatchSize());
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            sent.add(rows.getLong("seq"));
                            // Subscribed here, row by row, so the producer receives them in commit order.
                            acks.add(emitter.sendMessage(toMessage(rows)).subscribeAsCompletionStage());
                        }
                    }
                }
                if (sent.isEmpty()) {
                    connection.rollback();
                    return 0;
                }
                awaitAll(acks);
                try (PreparedStatement mark = connection.prepareStatement(
                        "UPDATE outbox_message SET published_at = now(), attempts = attempts + 1 WHERE seq = ANY (?)")) {
                    mark.setArray(1, connection.createArrayOf("bigint", sent.toArray()));
                    mark.executeUpdate();
                }
                connection.commit();
                published.increment(sent.size());
                return sent.size();
            } catch (RuntimeException | SQLException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private void awaitAll(List<CompletableFuture<Void>> acks) {
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(config.relayAckTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the broker did not acknowledge the batch", e);
        }
    }

    private Message<String> toMessage(ResultSet row) throws SQLException {
        RecordHeaders headers = new RecordHeaders();
        header(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        header(headers, CloudEventHeaders.ID, row.getString("id"));
        header(headers, CloudEventHeaders.TYPE, row.getString("ce_type"));
        header(headers, CloudEventHeaders.SOURCE, row.getString("ce_source"));
        header(headers, CloudEventHeaders.SUBJECT, row.getString("ce_subject"));
        Timestamp time = row.getTimestamp("ce_time");
        header(headers, CloudEventHeaders.TIME, DateTimeFormatter.ISO_INSTANT.format(time.toInstant()));
        header(headers, CloudEventHeaders.CORRELATION_ID, row.getString("correlation_id"));
        header(headers, CloudEventHeaders.CAUSATION_ID, row.getString("causation_id"));
        header(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(config.topic(row.getString("topic")))
                .withKey(row.getString("message_key"))
                .withHeaders(headers)
                .build();
        return Message.of(row.getString("payload")).addMetadata(metadata);
    }

    private static void header(RecordHeaders headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
