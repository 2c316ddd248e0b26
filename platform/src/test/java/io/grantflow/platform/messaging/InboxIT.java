package io.grantflow.platform.messaging;

import static io.grantflow.platform.messaging.InboxRows.deadLetters;
import static io.grantflow.platform.messaging.InboxRows.deadLettersOf;
import static io.grantflow.platform.messaging.InboxRows.effects;
import static io.grantflow.platform.messaging.InboxRows.processed;
import static io.grantflow.platform.messaging.InboxRows.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grantflow.contracts.CloudEventHeaders;
import io.grantflow.platform.testing.KafkaTopicsResource;
import io.grantflow.platform.testing.TestKafka;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The inbox against the real PostgreSQL (platform_test) and Kafka, through a consumer configured as
 * every service configures one ({@link InboxProbe}, dead-letter strategy, its own DLQ topic): a
 * message id seen twice is handled once, a poison message lands in the DLQ with its reason and the
 * consumer goes on, a passing failure is retried with its failed attempts rolled back, and a
 * failure that never passes is dead-lettered after exactly {@code handler-attempts} attempts.
 *
 * <p>Each test uses a key of its own and ends with a marker message on it: the key's messages
 * are consumed in order, so once the marker's effect is there every message before it was settled.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTopicsResource.class)
class InboxIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    DataSource dataSource;

    @Inject
    InboxProbe probe;

    @Inject
    MeterRegistry registry;

    @Inject
    MessagingConfig config;

    private double count(String outcome) {
        Counter counter = registry.find(InboxOutcomes.METRIC)
                .tags("consumer", InboxProbe.CONSUMER, "outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    /** Sends a marker on {@code key} and waits until it is handled, and so everything before it on the key. */
    private String markerHandled(String key) {
        String marker = send(key, "{\"n\":0}");
        await("the marker of " + key)
                .atMost(WAIT)
                .until(() -> effects(dataSource, marker).size() == 1);
        return marker;
    }

    @Test
    void theSameMessageIdDeliveredTwiceIsHandledOnceAndTheSecondDeliveryIsAcknowledgedAsADuplicate() {
        String key = UUID.randomUUID().toString();
        String id = UUID.randomUUID().toString();
        double processedBefore = count("processed");
        double duplicatesBefore = count("duplicate");

        send(key, id, "{\"n\":1}");
        // a redelivery: same ce_id; the body differs so that the test sees which delivery took effect
        send(key, id, "{\"n\":2}");
        markerHandled(key);

        assertThat(effects(dataSource, id)).as("effects of the message").containsExactly(1);
        assertThat(probe.runs(id)).as("handler runs").isEqualTo(1);
        assertThat(processed(dataSource, InboxProbe.CONSUMER, id)).isTrue();
        assertThat(count("duplicate") - duplicatesBefore)
                .as("duplicates counted")
                .isEqualTo(1);
        assertThat(count("processed") - processedBefore)
                .as("processed: the message and the marker")
                .isEqualTo(2);
        assertThat(deadLettersOf(key, Duration.ofSeconds(3)))
                .as("dead letters of the key")
                .isEmpty();
    }

    @Test
    void aPoisonMessageGoesToTheDeadLetterTopicWithItsReasonAndTheConsumerHandlesTheNextOne() {
        String key = UUID.randomUUID().toString();
        double deadBefore = count("dead-lettered");

        Map<String, String> noCorrelation = InboxRows.headers(UUID.randomUUID().toString(), key);
        noCorrelation.remove(CloudEventHeaders.CORRELATION_ID);
        InboxRows.send(key, "{\"n\":1}", noCorrelation);
        String unreadable = send(key, "不是 JSON / not JSON");
        String marker = markerHandled(key);

        List<ConsumerRecord<String, String>> dead =
                deadLetters(records -> records.stream()
                                        .filter(r -> key.equals(r.key()))
                                        .count()
                                >= 2)
                        .stream()
                        .filter(r -> key.equals(r.key()))
                        .toList();
        assertThat(dead).as("dead letters of the key").hasSize(2);
        String input = KafkaTopicsResource.topic(InboxRows.TOPIC);
        String partition = String.valueOf(TestKafka.partitionOf(key, TestKafka.partitions(InboxRows.TOPIC)));
        for (ConsumerRecord<String, String> r : dead) {
            assertThat(TestKafka.header(r, "dead-letter-topic")).isEqualTo(input);
            assertThat(TestKafka.header(r, "dead-letter-partition")).isEqualTo(partition);
            assertThat(TestKafka.header(r, "dead-letter-offset")).matches("\\d+");
            assertThat(TestKafka.header(r, "dead-letter-exception-class-name"))
                    .isEqualTo(PoisonMessageException.class.getName());
        }
        ConsumerRecord<String, String> first = dead.get(0);
        assertThat(first.value()).as("the original payload").isEqualTo("{\"n\":1}");
        assertThat(TestKafka.header(first, "dead-letter-reason"))
                .isEqualTo("缺少消息头 ce_correlationid / missing header ce_correlationid");
        ConsumerRecord<String, String> second = dead.get(1);
        assertThat(second.value()).isEqualTo("不是 JSON / not JSON");
        assertThat(TestKafka.header(second, "dead-letter-reason"))
                .contains("不是有效的 Probe")
                .contains("is not a valid Probe")
                .contains(unreadable);
        assertThat(Long.parseLong(TestKafka.header(second, "dead-letter-offset")))
                .isGreaterThan(Long.parseLong(TestKafka.header(first, "dead-letter-offset")));

        assertThat(probe.runs(unreadable)).as("a poison message is not retried").isEqualTo(1);
        assertThat(effects(dataSource, unreadable)).isEmpty();
        assertThat(processed(dataSource, InboxProbe.CONSUMER, unreadable))
                .as("no claim left behind")
                .isFalse();
        assertThat(count("dead-lettered") - deadBefore).isEqualTo(2);
        assertThat(effects(dataSource, marker)).as("the next message").containsExactly(0);
    }

    @Test
    void aFailureThatPassesIsRetriedAndOnlyTheSucceedingAttemptTakesEffect() {
        String key = UUID.randomUUID().toString();

        String id = send(key, "{\"n\":7,\"fail\":\"twice\"}");
        markerHandled(key);

        assertThat(probe.runs(id))
                .as("handler runs: two failures, then success")
                .isEqualTo(3);
        assertThat(effects(dataSource, id))
                .as("the failed runs' effects were rolled back")
                .containsExactly(7);
        assertThat(processed(dataSource, InboxProbe.CONSUMER, id)).isTrue();
        assertThat(deadLettersOf(key, Duration.ofSeconds(3)))
                .as("dead letters of the key")
                .isEmpty();
    }

    @Test
    void aFailureThatNeverPassesIsDeadLetteredAfterExactlyTheConfiguredAttempts() {
        String key = UUID.randomUUID().toString();

        String id = send(key, "{\"n\":9,\"fail\":\"always\"}");
        String marker = markerHandled(key);

        assertThat(probe.runs(id)).as("handler runs").isEqualTo(config.handlerAttempts());
        assertThat(effects(dataSource, id)).isEmpty();
        assertThat(processed(dataSource, InboxProbe.CONSUMER, id)).isFalse();
        List<ConsumerRecord<String, String>> dead =
                deadLetters(records -> records.stream().anyMatch(r -> key.equals(r.key()))).stream()
                        .filter(r -> key.equals(r.key()))
                        .toList();
        assertThat(dead).hasSize(1);
        assertThat(TestKafka.header(dead.get(0), CloudEventHeaders.ID))
                .as("the original headers")
                .isEqualTo(id);
        assertThat(TestKafka.header(dead.get(0), "dead-letter-reason"))
                .isEqualTo("探针第 " + config.handlerAttempts() + " 次失败 / probe fails, run " + config.handlerAttempts());
        assertThat(effects(dataSource, marker)).as("the next message").containsExactly(0);
    }
}
