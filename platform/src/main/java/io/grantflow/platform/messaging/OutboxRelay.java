package io.grantflow.platform.messaging;

import io.grantflow.contracts.CloudEventHeaders;
import io.grantflow.platform.worker.RetryPolicy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaProducer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows in seq order per key (topic and message key) and tracks each row's send on
 * its own: an acknowledged row is marked published, a failed one waits out a back-off, and a row
 * that cannot be sent (too large, refused for good, out of attempts) is parked for an operator,
 * holding back only the later rows of its own key.
 */
@ApplicationScoped
public class OutboxRelay {
    /** The advisory lock that lets one relay per database publish at a time ("outbox" in ASCII). */
    private static final long LOCK = 0x6f7574626f78L;

    private static final int ERROR_CHARS = 2000;
    /** Long enough never to decide: the relay parks by attempts. */
    private static final Duration NO_WINDOW = Duration.ofDays(365L * 100);

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** The parked gauge is recounted after a pass that parked a row, else at most this often. */
    private static final long PARKED_RECOUNT_NANOS = TimeUnit.SECONDS.toNanos(10);
    // A row is due when nothing earlier of its key is parked or waiting for its back-off: that is
    // what keeps per-key order while other keys flow on. The partial index on
    // (topic, message_key, seq) WHERE published_at IS NULL keeps the NOT EXISTS cheap.
    private static final String SELECT = """
            SELECT seq, id, topic, message_key, ce_type, ce_source, ce_subject, ce_time,
                   correlation_id, causation_id, payload, attempts
              FROM outbox_message m
             WHERE published_at IS NULL AND parked_at IS NULL
               AND (next_attempt_at IS NULL OR next_attempt_at <= now())
               AND NOT EXISTS (SELECT 1 FROM outbox_message e
                                WHERE e.published_at IS NULL AND e.topic = m.topic
                                  AND e.message_key = m.message_key AND e.seq < m.seq
                                  AND (e.parked_at IS NOT NULL OR e.next_attempt_at > now()))
             ORDER BY seq
             LIMIT ?""";
    private static final String MARK_PUBLISHED = """
            UPDATE outbox_message SET published_at = now(), attempts = attempts + 1, next_attempt_at = NULL
             WHERE seq = ANY (?)""";
    // The back-off counts from the failure (clock_timestamp), not from the start of the pass, which
    // may lie up to an ack timeout earlier.
    private static final String MARK_FAILED = """
            UPDATE outbox_message
               SET attempts = attempts + 1, last_error = ?,
                   next_attempt_at = clock_timestamp() + ? * interval '1 millisecond',
                   parked_at = CASE WHEN ? THEN now() END
             WHERE seq = ?""";

    private final DataSource dataSource;
    private final KafkaClientService kafka;
    private final MessagingConfig config;
    private final RetryPolicy retry;
    private final Counter published;
    private final Counter failures;
    private final AtomicLong parked = new AtomicLong();
    private volatile long parkedCountedAt;
    private volatile boolean stopped;
    private Thread worker;

    /**
     * The emitter is never used: injecting it is what makes SmallRye create the {@code outbox}
     * channel and so the producer the relay takes from {@code kafka}. The relay sends through the
     * producer itself, because the channel would retry a failed record on its own, behind the
     * relay's back and out of order.
     */
    public OutboxRelay(
            DataSource dataSource,
            @Channel("outbox") MutinyEmitter<String> channel,
            KafkaClientService kafka,
            MessagingConfig config,
            MeterRegistry registry) {
        this.dataSource = dataSource;
        this.kafka = kafka;
        this.config = config;
        // The workers' one retry rule (ADR 0021), parking by attempts only: a row of the outbox is
        // never given up by age, since the later rows of its key wait behind it.
        this.retry =
                new RetryPolicy(config.relayBackoff(), config.relayBackoffMax(), config.relayAttempts(), NO_WINDOW);
        this.published = registry.counter("grantflow.outbox.published");
        this.failures = registry.counter("grantflow.outbox.failures");
        this.parkedCountedAt = System.nanoTime() - PARKED_RECOUNT_NANOS;
        Gauge.builder("grantflow.outbox.parked", parked, AtomicLong::get)
                .description("Outbox rows parked for an operator")
                .register(registry);
    }

    /** Starts the relay loop once the application, and so the Kafka channel, is up. */
    void onStart(@Observes StartupEvent event) {
        worker = new Thread(this::loop, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        stopped = true;
        if (worker != null) {
            worker.interrupt();
            worker.join(config.relayAckTimeout().toMillis());
        }
    }

    /**
     * One thread polls: a short interval keeps latency low (a scheduler's one-second floor would
     * add a second per hop).
     */
    private void loop() {
        while (!stopped) {
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

    /** A row due for sending. */
    private record Row(
            long seq, String id, String topic, String key, int attempts, ProducerRecord<String, String> record) {
        String keyOfOrder() {
            return topic + '\u0000' + key;
        }
    }

    /** A row handed to the producer and its acknowledgement. */
    private record Sent(Row row, CompletableFuture<RecordMetadata> ack) {}

    /** A row that was not published this pass, and why. */
    private record Failure(Row row, String error, boolean retriable) {}

    /**
     * Runs one pass in one transaction, under the advisory lock: sends the due rows, marks each by
     * its own outcome and commits. Returns how many rows it took up (0 when another instance
     * holds the lock).
     */
    int publishBatch() throws SQLException, InterruptedException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (!lock(connection)) {
                    recountParked(connection, false);
                    connection.rollback();
                    return 0;
                }
                List<Row> rows = due(connection);
                List<Long> acked = new ArrayList<>();
                List<Failure> failed = new ArrayList<>();
                send(rows, acked, failed);
                mark(connection, acked, failed);
                recountParked(connection, failed.stream().anyMatch(this::parks));
                connection.commit();
                published.increment(acked.size());
                return rows.size();
            } catch (RuntimeException | SQLException | InterruptedException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static boolean lock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, LOCK);
            try (ResultSet result = lock.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }

    private List<Row> due(Connection connection) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setInt(1, config.relayBatchSize());
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(
                            result.getLong("seq"),
                            result.getString("id"),
                            result.getString("topic"),
                            result.getString("message_key"),
                            result.getInt("attempts"),
                            toRecord(result)));
                }
            }
        }
        return rows;
    }

    /**
     * Hands the rows to the producer in seq order and waits for each answer. Once a row of a key
     * fails before it is sent, the key's later rows stay for a later pass; so do they behind a
     * row that failed before, which goes alone until it is through.
     */
    private void send(List<Row> rows, List<Long> acked, List<Failure> failed) throws InterruptedException {
        KafkaProducer<String, String> producer = kafka.getProducer("outbox");
        Set<String> stopped = new HashSet<>();
        List<Sent> sent = new ArrayList<>();
        for (Row row : rows) {
            if (stopped.contains(row.keyOfOrder())) {
                continue;
            }
            int bytes = serializedSize(row.record());
            if (bytes > config.relayMaxRecordBytes()) {
                stopped.add(row.keyOfOrder());
                failed.add(new Failure(
                        row,
                        "消息过大，未发送：" + bytes + " 字节，上限 " + config.relayMaxRecordBytes()
                                + " / record too large, not sent: " + bytes + " bytes, limit "
                                + config.relayMaxRecordBytes()
                                + " (grantflow.messaging.relay-max-record-bytes)",
                        false));
                continue;
            }
            // Subscribed here, row by row: the producer's single sending thread takes them in this order.
            sent.add(new Sent(row, producer.send(row.record()).subscribeAsCompletionStage()));
            if (row.attempts() > 0) {
                stopped.add(row.keyOfOrder());
            }
        }
        long deadline = System.nanoTime() + config.relayAckTimeout().toNanos();
        for (Sent s : sent) {
            try {
                s.ack().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acked.add(s.row().seq());
            } catch (ExecutionException e) {
                Throwable cause = unwrap(e);
                failed.add(new Failure(s.row(), "发送失败 / send failed: " + cause, cause instanceof RetriableException));
            } catch (TimeoutException e) {
                // The producer may still deliver it: a later resend is a duplicate consumers absorb.
                failed.add(new Failure(
                        s.row(),
                        "未在 " + config.relayAckTimeout() + " 内得到确认 / no acknowledgement within "
                                + config.relayAckTimeout(),
                        true));
            }
        }
    }

    private static Throwable unwrap(Throwable e) {
        Throwable cause = e;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /**
     * Parks a row refused for good or out of attempts. While the relay stops, every failure is
     * retriable: a send cut short by the producer closing is no reason to park.
     */
    private boolean parks(Failure failure) {
        return !stopped
                && retry.afterFailure(failure.row().attempts() + 1, Instant.EPOCH, Instant.EPOCH, failure.retriable())
                        .park();
    }

    private void mark(Connection connection, List<Long> acked, List<Failure> failed) throws SQLException {
        if (!acked.isEmpty()) {
            try (PreparedStatement mark = connection.prepareStatement(MARK_PUBLISHED)) {
                mark.setArray(1, connection.createArrayOf("bigint", acked.toArray()));
                mark.executeUpdate();
            }
        }
        if (failed.isEmpty()) {
            return;
        }
        try (PreparedStatement mark = connection.prepareStatement(MARK_FAILED)) {
            for (Failure f : failed) {
                boolean park = parks(f);
                mark.setString(1, f.error().length() > ERROR_CHARS ? f.error().substring(0, ERROR_CHARS) : f.error());
                mark.setLong(2, retry.delayAfter(f.row().attempts() + 1).toMillis());
                mark.setBoolean(3, park);
                mark.setLong(4, f.row().seq());
                mark.addBatch();
                failures.increment();
                if (park) {
                    LOG.errorf(
                            "outbox row %d (id %s, topic %s) parked after %d attempt(s): %s",
                            f.row().seq(),
                            f.row().id(),
                            f.row().topic(),
                            f.row().attempts() + 1,
                            f.error());
                } else {
                    LOG.warnf(
                            "outbox row %d (id %s, topic %s) will be retried: %s",
                            f.row().seq(), f.row().id(), f.row().topic(), f.error());
                }
            }
            mark.executeBatch();
        }
    }

    private void recountParked(Connection connection, boolean now) throws SQLException {
        if (!now && System.nanoTime() - parkedCountedAt < PARKED_RECOUNT_NANOS) {
            return;
        }
        try (PreparedStatement count = connection.prepareStatement(
                        "SELECT count(*) FROM outbox_message WHERE published_at IS NULL AND parked_at IS NOT NULL");
                ResultSet result = count.executeQuery()) {
            result.next();
            parked.set(result.getLong(1));
            parkedCountedAt = System.nanoTime();
        }
    }

    /** What the broker counts against its limits, as near as the client can tell before sending. */
    static int serializedSize(ProducerRecord<String, String> record) {
        long bytes = utf8(record.key()) + utf8(record.value());
        for (Header h : record.headers()) {
            bytes += utf8(h.key()) + (h.value() == null ? 0 : h.value().length);
        }
        return (int) Math.min(bytes, Integer.MAX_VALUE);
    }

    private static long utf8(String s) {
        return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
    }

    private ProducerRecord<String, String> toRecord(ResultSet row) throws SQLException {
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
        return new ProducerRecord<>(
                config.topic(row.getString("topic")),
                null,
                row.getString("message_key"),
                row.getString("payload"),
                headers);
    }

    private static void header(RecordHeaders headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
