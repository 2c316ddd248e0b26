package io.grantflow.platform.messaging;

import static io.grantflow.platform.messaging.OutboxRows.countsByCeId;
import static io.grantflow.platform.messaging.OutboxRows.insert;
import static io.grantflow.platform.messaging.OutboxRows.payloadOf;
import static io.grantflow.platform.messaging.OutboxRows.readSettled;
import static io.grantflow.platform.messaging.OutboxRows.row;
import static io.grantflow.platform.messaging.OutboxRows.state;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grantflow.platform.testing.KafkaTopicsResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.KafkaProducer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The relay against the real PostgreSQL (platform_test) and Kafka: one row that cannot be sent
 * is parked and holds back only the later rows of its own key; every other row is published
 * exactly once; two relays on one database keep per-key order.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTopicsResource.class)
class OutboxRelayIT {
    /** A topic the broker keeps small: a 50,000-byte record passes the relay's check and is refused there. */
    private static final String SMALL = "relaytest.small";
    /** A topic that exists only once the transient-failure test creates it. */
    private static final String LATE = "relaytest.late";

    @Inject
    DataSource dataSource;

    @Inject
    KafkaClientService kafka;

    @Inject
    MessagingConfig config;

    @Inject
    MeterRegistry registry;
    /** Wires the channel whose producer the second relay uses. */
    @Inject
    @Channel("outbox-second")
    MutinyEmitter<String> secondChannel;

    @AfterAll
    static void deleteOwnTopics() {
        try (Admin admin = OutboxRows.admin()) {
            admin.deleteTopics(List.of(KafkaTopicsResource.topic(SMALL), KafkaTopicsResource.topic(LATE)));
        }
    }

    @Test
    @TestSecurity(user = "ops", roles = "operator")
    void aRowTooLargeToSendIsParkedUnsentAndHoldsBackOnlyTheLaterRowsOfItsKey() throws Exception {
        String topic = "eligibility.evaluation.events";
        String big = UUID.randomUUID().toString();
        OutboxMessage before = row(topic, UUID.randomUUID().toString(), "{\"n\":1}");
        OutboxMessage tooLarge = row(topic, big, payloadOf(4_000_000));
        OutboxMessage sameKeyLater = row(topic, big, "{\"n\":2}");
        OutboxMessage after = row(topic, UUID.randomUUID().toString(), "{\"n\":3}");
        OutboxMessage afterOfBefore = row(topic, before.messageKey, "{\"n\":4}");
        double failuresBefore = registry.counter("grantflow.outbox.failures").count();

        insert(dataSource, before, tooLarge, sameKeyLater, after, afterOfBefore);

        List<ConsumerRecord<String, String>> records = readSettled(topic, List.of(before, after, afterOfBefore));
        assertThat(countsByCeId(records))
                .as("records per ce_id: the other keys' rows once each, none of the big key")
                .isEqualTo(Map.of(before.id.toString(), 1L, after.id.toString(), 1L, afterOfBefore.id.toString(), 1L));
        OutboxRows.State parked = state(dataSource, tooLarge);
        assertThat(parked.parked()).as("the oversized row is parked").isTrue();
        assertThat(parked.lastError()).contains("record too large, not sent").doesNotContain("zzzz");
        assertThat(state(dataSource, sameKeyLater).published())
                .as("the later row of the parked key")
                .isFalse();
        assertThat(state(dataSource, sameKeyLater).attempts())
                .as("never even tried")
                .isZero();
        assertThat(registry.counter("grantflow.outbox.failures").count()).isGreaterThan(failuresBefore);
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(
                                registry.get("grantflow.outbox.parked").gauge().value())
                        .isEqualTo((double) OutboxRows.parkedCount(dataSource)));

        // An operator's retry cannot make it smaller: it is parked again and its key still waits.
        given().post("/outbox/parked/{id}/retry", tooLarge.id.toString()).then().statusCode(204);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> state(dataSource, tooLarge).attempts() == 2);
        assertThat(state(dataSource, tooLarge).parked()).isTrue();
        assertThat(state(dataSource, sameKeyLater).published()).isFalse();
        assertThat(countsByCeId(readSettled(topic, List.of(before))))
                .doesNotContainKeys(tooLarge.id.toString(), sameKeyLater.id.toString());
    }

    @Test
    @TestSecurity(user = "ops", roles = "operator")
    void aRowTheBrokerRefusesIsParkedWithItsErrorAndAfterTheFixAnOperatorRetrySendsItBeforeTheLaterRowOfItsKey()
            throws Exception {
        try (Admin admin = OutboxRows.admin()) {
            admin.createTopics(List.of(new NewTopic(KafkaTopicsResource.topic(SMALL), 1, (short) 1)
                            .configs(Map.of("max.message.bytes", "10000"))))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        String refusedKey = UUID.randomUUID().toString();
        String otherKey = UUID.randomUUID().toString();
        OutboxMessage before = row(SMALL, otherKey, "{\"n\":1}");
        OutboxMessage refused = row(SMALL, refusedKey, payloadOf(50_000));
        OutboxMessage after = row(SMALL, UUID.randomUUID().toString(), "{\"n\":2}");
        OutboxMessage afterOfBefore = row(SMALL, otherKey, "{\"n\":3}");

        insert(dataSource, before, refused, after, afterOfBefore);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> state(dataSource, refused).parked());
        assertThat(state(dataSource, refused).lastError())
                .contains("RecordTooLargeException")
                .doesNotContain("zzzz");
        assertThat(state(dataSource, refused).attempts())
                .as("not retried: the refusal is not retriable")
                .isEqualTo(1);
        assertThat(countsByCeId(readSettled(SMALL, List.of(before, after, afterOfBefore))))
                .as("records per ce_id on the broker-limited topic")
                .isEqualTo(Map.of(before.id.toString(), 1L, after.id.toString(), 1L, afterOfBefore.id.toString(), 1L));

        // Written after the refusal: it waits behind the parked row while other keys pass it.
        OutboxMessage sameKeyLater = row(SMALL, refusedKey, "{\"n\":4}");
        OutboxMessage marker = row(SMALL, UUID.randomUUID().toString(), "{\"n\":5}");
        insert(dataSource, sameKeyLater, marker);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> state(dataSource, marker).published());
        assertThat(state(dataSource, sameKeyLater).published())
                .as("the later row of the parked key")
                .isFalse();

        try (Admin admin = OutboxRows.admin()) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, KafkaTopicsResource.topic(SMALL));
            admin.incrementalAlterConfigs(Map.of(
                            resource,
                            List.of(new AlterConfigOp(
                                    new ConfigEntry("max.message.bytes", "1000000"), AlterConfigOp.OpType.SET))))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        given().post("/outbox/parked/{id}/retry", refused.id.toString()).then().statusCode(204);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> state(dataSource, sameKeyLater).published());
        List<String> keyInOrder = readSettled(SMALL, List.of(refused, sameKeyLater)).stream()
                .filter(r -> refusedKey.equals(r.key()))
                .map(OutboxRows::ceId)
                .toList();
        assertThat(keyInOrder)
                .as("the refused key's records, in offset order")
                .containsExactly(refused.id.toString(), sameKeyLater.id.toString());
    }

    @Test
    void aRowForATopicThatDoesNotExistYetIsRetriedWithBackOffAndPublishedOnceWhenTheTopicAppears() throws Exception {
        String otherTopic = "budget.reservation.events";
        String key = UUID.randomUUID().toString();
        OutboxMessage first = row(LATE, key, "{\"n\":1}");
        OutboxMessage second = row(LATE, key, "{\"n\":2}");
        OutboxMessage otherKey = row(otherTopic, UUID.randomUUID().toString(), "{\"n\":3}");

        insert(dataSource, first, second, otherKey);

        // Each failure comes after the previous wait is over, so the next wait is at least base × 2^(n−1) later.
        List<OutboxRows.State> failures = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    OutboxRows.State s = state(dataSource, first);
                    if (s.attempts() > 0
                            && (failures.isEmpty()
                                    || failures.get(failures.size() - 1).attempts() != s.attempts())) {
                        failures.add(s);
                    }
                    return s.attempts() >= 3;
                });
        for (int i = 1; i < failures.size(); i++) {
            OutboxRows.State previous = failures.get(i - 1);
            OutboxRows.State next = failures.get(i);
            long backoff = config.relayBackoff().toMillis() << (next.attempts() - 1);
            assertThat(Duration.between(previous.nextAttemptAt(), next.nextAttemptAt())
                            .toMillis())
                    .as("wait before attempt %d", next.attempts() + 1)
                    .isGreaterThanOrEqualTo(
                            Math.min(backoff, config.relayBackoffMax().toMillis()));
        }
        OutboxRows.State failing = state(dataSource, first);
        assertThat(failing.parked()).as("a retriable failure is not parked").isFalse();
        assertThat(failing.lastError()).contains("TimeoutException");
        assertThat(state(dataSource, second).published())
                .as("the later row of the key")
                .isFalse();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> state(dataSource, otherKey).published());

        try (Admin admin = OutboxRows.admin()) {
            admin.createTopics(List.of(new NewTopic(KafkaTopicsResource.topic(LATE), 1, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }

        await().atMost(Duration.ofSeconds(30))
                .until(() -> state(dataSource, second).published());
        List<ConsumerRecord<String, String>> records = readSettled(LATE, List.of(first, second));
        assertThat(records.stream().map(OutboxRows::ceId).toList())
                .as("the key's records, each once, in order")
                .containsExactly(first.id.toString(), second.id.toString());
        assertThat(countsByCeId(readSettled(otherTopic, List.of(otherKey)))).containsEntry(otherKey.id.toString(), 1L);
    }

    /** The Kafka clients as a relay sees them, but its "outbox" is the producer of {@code channel}. */
    private KafkaClientService ownProducer(String channel) {
        return new KafkaClientService() {
            @Override
            public <K, V> KafkaProducer<K, V> getProducer(String ignored) {
                return kafka.getProducer(channel);
            }

            @Override
            public <K, V> List<KafkaConsumer<K, V>> getConsumers(String ignored) {
                return List.of();
            }

            @Override
            public Set<String> getConsumerChannels() {
                return Set.of();
            }

            @Override
            public Set<String> getProducerChannels() {
                return Set.of("outbox");
            }
        };
    }

    @Test
    void twoRelaysOnOneDatabaseNeverPublishAKeyOutOfOrder() throws Exception {
        String topic = "budget.commands";
        List<String> keys = List.of(
                UUID.randomUUID().toString(),
                UUID.randomUUID().toString(),
                UUID.randomUUID().toString(),
                UUID.randomUUID().toString());
        List<OutboxMessage> rows = new ArrayList<>();
        for (int n = 0; n < 100; n++) {
            for (String key : keys) {
                rows.add(row(topic, key, "{\"n\":" + n + "}"));
            }
        }
        // A second instance: its own relay and its own producer on the same database, polling beside
        // the application's. Through one shared producer two relays could hardly overtake each other.
        OutboxRelay second = new OutboxRelay(
                dataSource, secondChannel, ownProducer("outbox-second"), config, new SimpleMeterRegistry());
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger takenBySecond = new AtomicInteger();
        Thread secondLoop = new Thread(
                () -> {
                    while (!done.get()) {
                        try {
                            int taken = second.publishBatch();
                            takenBySecond.addAndGet(taken);
                            if (taken == 0) {
                                Thread.sleep(10);
                            }
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                },
                "second-relay");
        secondLoop.start();
        try {
            insert(dataSource, rows.toArray(OutboxMessage[]::new));
            await().atMost(Duration.ofSeconds(60))
                    .until(() ->
                            rows.stream().allMatch(r -> state(dataSource, r).published()));
            // The application's relay polls again at once after a full batch, so it can win every
            // round of a backlog. Smaller rounds, each published before the next, give the second
            // relay its turns; the order is still checked over all rows.
            for (int round = 0; takenBySecond.get() == 0 && round < 50; round++) {
                List<OutboxMessage> more = new ArrayList<>();
                for (String key : keys) {
                    more.add(row(topic, key, "{\"round\":" + round + "}"));
                }
                rows.addAll(more);
                insert(dataSource, more.toArray(OutboxMessage[]::new));
                await().atMost(Duration.ofSeconds(30))
                        .until(() ->
                                more.stream().allMatch(r -> state(dataSource, r).published()));
            }
        } finally {
            done.set(true);
            secondLoop.join(30_000);
        }

        List<ConsumerRecord<String, String>> records = readSettled(topic, rows);
        assertThat(takenBySecond.get()).as("rows the second relay took").isPositive();
        assertThat(countsByCeId(records))
                .as("records per ce_id: one relay at a time, none sent twice")
                .hasSize(rows.size())
                .allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1L));
        for (String key : keys) {
            List<String> expected = rows.stream()
                    .filter(r -> r.messageKey.equals(key))
                    .map(r -> r.id.toString())
                    .toList();
            List<String> firstSeen = records.stream()
                    .filter(r -> key.equals(r.key()))
                    .map(OutboxRows::ceId)
                    .distinct()
                    .toList();
            assertThat(firstSeen).as("key %s in offset order", key).containsExactlyElementsOf(expected);
        }
    }
}
