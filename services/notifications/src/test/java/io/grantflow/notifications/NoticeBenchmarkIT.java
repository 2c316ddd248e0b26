package io.grantflow.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.contracts.MessageType;
import io.grantflow.contracts.Topics;
import io.grantflow.contracts.events.ApplicationStatusChangedV1;
import io.grantflow.platform.testing.KafkaTopicsResource;
import io.grantflow.platform.testing.TestKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The benchmark of issue 11 (notifications), run on demand only: a burst of 10,000 status events
 * of 10,000 applications on the real Kafka and PostgreSQL, each an enterprise's notice in its
 * inbox. Prints the notices written per second (first event sent to the last notice written) and
 * the delay from an event's sending to its notice's row, median and p99, for
 * {@code docs/benchmarks.md}. Rerun:
 * {@code flock -o /tmp/grantflow-it.lock ./mvnw -B -o verify -pl services/notifications -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=NoticeBenchmarkIT -Dgrantflow.benchmark=true}.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTopicsResource.class)
@EnabledIfSystemProperty(named = "grantflow.benchmark", matches = "true")
class NoticeBenchmarkIT {
    private static final int EVENTS = 10_000;
    /** One enterprise of the benchmark alone: its notices are the ones counted. */
    private static final String ENTERPRISE = "91320214BENCH00001";

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String dbUser;

    @ConfigProperty(name = "quarkus.datasource.password")
    String dbPassword;

    private long count(Instant since) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
                PreparedStatement s =
                        c.prepareStatement("SELECT count(*) FROM notice WHERE recipient_kind = 'ENTERPRISE'"
                                + " AND recipient_id = ? AND created_at >= ?")) {
            s.setString(1, ENTERPRISE);
            s.setObject(2, Timestamp.from(since));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    @Test
    void aBurstOfTenThousandStatusEventsBecomesTenThousandNotices() throws Exception {
        Instant start = Instant.now();
        List<ProducerRecord<String, String>> burst = new ArrayList<>(EVENTS);
        for (int i = 0; i < EVENTS; i++) {
            UUID application = UUID.randomUUID();
            ApplicationStatusChangedV1 e = new ApplicationStatusChangedV1(
                    application,
                    ENTERPRISE,
                    "S4-EDGE-COMPUTE",
                    "ELIGIBLE",
                    "UNDER_REVIEW",
                    "claim",
                    new BigDecimal("300000.00"),
                    null,
                    null,
                    null,
                    null,
                    null,
                    Instant.now());
            burst.add(TestKafka.record(
                    KafkaTopicsResource.topic(Topics.APPLICATION_EVENTS),
                    application.toString(),
                    json.writeValueAsString(e),
                    TestKafka.cloudEventHeaders(
                            MessageType.APPLICATION_STATUS_CHANGED_V1.ceType(),
                            UUID.randomUUID().toString(),
                            application.toString())));
        }
        long t0 = System.nanoTime();
        Instant sent = Instant.now();
        TestKafka.send(KafkaTopicsResource.bootstrapServers(), burst);
        double sendSeconds = (System.nanoTime() - t0) / 1e9;

        Awaitility.await("10,000 notices in the inbox")
                .atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> count(start) >= EVENTS);
        double seconds = (System.nanoTime() - t0) / 1e9;

        List<Long> delays = new ArrayList<>(EVENTS);
        try (Connection c = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
                PreparedStatement s = c.prepareStatement(
                        "SELECT (extract(epoch FROM created_at) * 1000)::bigint FROM notice WHERE recipient_kind ="
                                + " 'ENTERPRISE' AND recipient_id = ? AND created_at >= ?")) {
            s.setString(1, ENTERPRISE);
            s.setObject(2, Timestamp.from(start));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    delays.add(r.getLong(1) - sent.toEpochMilli());
                }
            }
        }
        assertThat(delays).hasSize(EVENTS);
        Collections.sort(delays);
        long median = delays.get(EVENTS / 2);
        long p99 = delays.get((int) Math.ceil(EVENTS * 0.99) - 1);
        System.out.printf(
                "BENCHMARK notices: %d events sent in %.2f s; %d notices written in %.2f s = %.0f notices/s;"
                        + " delay from the burst's sending to the notice: median %d ms, p99 %d ms, max %d ms%n",
                EVENTS, sendSeconds, EVENTS, seconds, EVENTS / seconds, median, p99, delays.get(EVENTS - 1));
    }
}
