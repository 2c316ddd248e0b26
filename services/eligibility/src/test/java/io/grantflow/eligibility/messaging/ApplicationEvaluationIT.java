package io.grantflow.eligibility.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.contracts.CloudEventHeaders;
import io.grantflow.contracts.MessageType;
import io.grantflow.contracts.Topics;
import io.grantflow.contracts.events.Applicant;
import io.grantflow.contracts.events.ApplicationEvaluatedV1;
import io.grantflow.contracts.events.ApplicationSubmittedV1;
import io.grantflow.platform.testing.KafkaTopicsResource;
import io.grantflow.platform.testing.TestKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The eligibility service on the real broker and database: a submitted application comes in on
 * the applications' topic and its evaluation goes out through the outbox, once.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTopicsResource.class)
class ApplicationEvaluationIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String ALPHA = "91320214AY4CL12T29";

    @Inject
    ObjectMapper json;

    private static String bootstrap() {
        return KafkaTopicsResource.bootstrapServers();
    }

    private static String input() {
        return KafkaTopicsResource.topic(Topics.APPLICATION_EVENTS);
    }

    private static String output() {
        return KafkaTopicsResource.topic(Topics.EVALUATION_EVENTS);
    }

    private static String deadLetters() {
        return KafkaTopicsResource.topic(Topics.deadLetter(Topics.APPLICATION_EVENTS, "eligibility"));
    }

    private String submitted(UUID applicationId, long cost) throws Exception {
        return json.writeValueAsString(new ApplicationSubmittedV1(
                applicationId,
                "S4-EDGE-COMPUTE",
                new Applicant(ALPHA, "enterprise", "binhu"),
                Map.of("edge_purchase_cost", cost),
                Instant.parse("2026-03-01T02:00:00Z")));
    }

    /** Sends a submission with fresh CloudEvents headers; returns the headers sent. */
    private Map<String, String> submit(UUID applicationId, long cost) throws Exception {
        return submit(applicationId, cost, 0);
    }

    /** Sends a revision of the facts (0 the submission, n after the n-th correction). */
    private Map<String, String> submit(UUID applicationId, long cost, int revision) throws Exception {
        Map<String, String> headers = TestKafka.cloudEventHeaders(
                MessageType.APPLICATION_SUBMITTED_V1.ceType(), UUID.randomUUID().toString(), applicationId.toString());
        String payload = json.writeValueAsString(new ApplicationSubmittedV1(
                applicationId,
                "S4-EDGE-COMPUTE",
                new Applicant(ALPHA, "enterprise", "binhu"),
                Map.of("edge_purchase_cost", cost),
                Instant.parse("2026-03-01T02:00:00Z"),
                revision));
        TestKafka.send(bootstrap(), TestKafka.record(input(), applicationId.toString(), payload, headers));
        return headers;
    }

    private static List<ConsumerRecord<String, String>> evaluationsUntilOneFor(UUID applicationId) {
        return TestKafka.read(
                bootstrap(),
                output(),
                WAIT,
                records ->
                        records.stream().anyMatch(r -> applicationId.toString().equals(r.key())));
    }

    private static List<ConsumerRecord<String, String>> keyed(List<ConsumerRecord<String, String>> records, UUID key) {
        return records.stream().filter(r -> key.toString().equals(r.key())).toList();
    }

    @Test
    void aSubmittedApplicationIsEvaluatedAndTheEvaluationIsPublishedInTheSameConversation() throws Exception {
        UUID applicationId = UUID.randomUUID();
        Map<String, String> sent = submit(applicationId, 1_000_000);

        List<ConsumerRecord<String, String>> evaluations = keyed(evaluationsUntilOneFor(applicationId), applicationId);

        assertThat(evaluations).as("evaluations of %s", applicationId).hasSize(1);
        ConsumerRecord<String, String> record = evaluations.get(0);
        assertThat(TestKafka.header(record, CloudEventHeaders.TYPE))
                .isEqualTo(MessageType.APPLICATION_EVALUATED_V1.ceType());
        assertThat(TestKafka.header(record, CloudEventHeaders.CAUSATION_ID)).isEqualTo(sent.get(CloudEventHeaders.ID));
        assertThat(TestKafka.header(record, CloudEventHeaders.CORRELATION_ID))
                .isEqualTo(sent.get(CloudEventHeaders.CORRELATION_ID));
        assertThat(TestKafka.header(record, CloudEventHeaders.ID))
                .isNotBlank()
                .isNotEqualTo(sent.get(CloudEventHeaders.ID));

        ApplicationEvaluatedV1 evaluated = json.readValue(record.value(), ApplicationEvaluatedV1.class);
        assertThat(evaluated.applicationId()).isEqualTo(applicationId);
        assertThat(evaluated.eligible()).isTrue();
        assertThat(evaluated.ceiling()).isEqualTo(new BigDecimal("300000.00"));
        assertThat(evaluated.department()).isEqualTo("industry");
        assertThat(evaluated.reasons()).isEmpty();
        assertThat(evaluated.limits()).anySatisfy(l -> assertThat(l.limit()).isEqualByComparingTo("300000.00"));
        assertThat(evaluated.traceSummary()).contains("300000.00");
        // The amount travels as a string so no consumer reads it through floating point.
        assertThat(json.readTree(record.value()).get("ceiling").isTextual()).isTrue();
    }

    @Test
    void anApplicationOutsideTheJurisdictionIsPublishedAsIneligibleWithItsReason() throws Exception {
        UUID applicationId = UUID.randomUUID();
        String payload = json.writeValueAsString(new ApplicationSubmittedV1(
                applicationId,
                "S4-EDGE-COMPUTE",
                new Applicant(ALPHA, "enterprise", "jiangyin"),
                Map.of("edge_purchase_cost", 1_000_000),
                Instant.parse("2026-03-01T02:00:00Z")));
        TestKafka.send(
                bootstrap(),
                input(),
                applicationId.toString(),
                MessageType.APPLICATION_SUBMITTED_V1.ceType(),
                payload,
                UUID.randomUUID().toString());

        ConsumerRecord<String, String> record =
                keyed(evaluationsUntilOneFor(applicationId), applicationId).get(0);
        ApplicationEvaluatedV1 evaluated = json.readValue(record.value(), ApplicationEvaluatedV1.class);

        assertThat(evaluated.eligible()).isFalse();
        assertThat(evaluated.ceiling()).isNull();
        assertThat(evaluated.reasons()).extracting(r -> r.code()).containsExactly("OUTSIDE_JURISDICTION");
        assertThat(evaluated.reasons().get(0).messageZh()).isNotBlank();
    }

    @Test
    void factsCorrectedInAnswerToANoticeAreEvaluatedAgainAndAnOlderRevisionChangesNothing() throws Exception {
        UUID applicationId = UUID.randomUUID();
        submit(applicationId, 1_000_000, 0);
        List<ConsumerRecord<String, String>> first = keyed(evaluationsUntilOneFor(applicationId), applicationId);
        assertThat(json.readValue(first.get(0).value(), ApplicationEvaluatedV1.class)
                        .ceiling())
                .isEqualByComparingTo("300000.00");

        // 补正: the cost corrected to 800,000, then the same revision again and the submission late
        submit(applicationId, 800_000, 1);
        submit(applicationId, 800_000, 1);
        submit(applicationId, 2_000_000, 0);
        int partitions = TestKafka.partitions(Topics.APPLICATION_EVENTS);
        UUID later = TestKafka.keyOnPartition(TestKafka.partitionOf(applicationId.toString(), partitions), partitions);
        submit(later, 2_000_000);
        List<ConsumerRecord<String, String>> all = evaluationsUntilOneFor(later);

        List<ApplicationEvaluatedV1> evaluations = new ArrayList<>();
        for (ConsumerRecord<String, String> r : keyed(all, applicationId)) {
            evaluations.add(json.readValue(r.value(), ApplicationEvaluatedV1.class));
        }
        assertThat(evaluations).extracting(ApplicationEvaluatedV1::revision).containsExactly(0, 1);
        // 30% of the corrected cost
        assertThat(evaluations.get(1).ceiling()).isEqualByComparingTo("240000.00");
        assertThat(evaluations.get(1).eligible()).isTrue();
    }

    @Test
    void theSameRecordDeliveredTwiceIsEvaluatedOnce() throws Exception {
        UUID first = UUID.randomUUID();
        Map<String, String> sent = submit(first, 1_000_000);
        evaluationsUntilOneFor(first);

        ConsumerRecord<String, String> original = TestKafka.read(
                        bootstrap(),
                        input(),
                        WAIT,
                        records -> records.stream()
                                .anyMatch(r -> sent.get(CloudEventHeaders.ID)
                                        .equals(TestKafka.header(r, CloudEventHeaders.ID))))
                .stream()
                .filter(r -> sent.get(CloudEventHeaders.ID).equals(TestKafka.header(r, CloudEventHeaders.ID)))
                .findFirst()
                .orElseThrow();
        TestKafka.resend(bootstrap(), original);

        // A later application on the same partition: once it is evaluated, the redelivery has been consumed.
        int partitions = TestKafka.partitions(Topics.APPLICATION_EVENTS);
        UUID later = TestKafka.keyOnPartition(TestKafka.partitionOf(first.toString(), partitions), partitions);
        submit(later, 2_000_000);
        List<ConsumerRecord<String, String>> evaluations = evaluationsUntilOneFor(later);

        assertThat(keyed(evaluations, later)).hasSize(1);
        assertThat(keyed(evaluations, first))
                .as("evaluations of the redelivered application")
                .hasSize(1);
    }

    @Test
    void aRecordWithoutIdAndAnUnreadableRecordGoToTheDeadLetterTopicAndLaterRecordsStillFlow() throws Exception {
        UUID withoutId = UUID.randomUUID();
        Map<String, String> headers = TestKafka.cloudEventHeaders(
                MessageType.APPLICATION_SUBMITTED_V1.ceType(), UUID.randomUUID().toString(), withoutId.toString());
        headers.remove(CloudEventHeaders.ID);
        String withoutIdPayload = submitted(withoutId, 1_000_000);
        UUID notJson = UUID.randomUUID();
        String notJsonPayload = "<application id=\"" + notJson + "\"/>";
        TestKafka.send(bootstrap(), TestKafka.record(input(), withoutId.toString(), withoutIdPayload, headers));
        TestKafka.send(
                bootstrap(),
                input(),
                notJson.toString(),
                MessageType.APPLICATION_SUBMITTED_V1.ceType(),
                notJsonPayload,
                UUID.randomUUID().toString());
        UUID after = UUID.randomUUID();
        submit(after, 1_000_000);

        List<ConsumerRecord<String, String>> dead = TestKafka.read(
                bootstrap(),
                deadLetters(),
                WAIT,
                records -> !keyed(records, withoutId).isEmpty()
                        && !keyed(records, notJson).isEmpty());
        assertThat(keyed(dead, withoutId))
                .singleElement()
                .satisfies(r -> assertThat(r.value()).isEqualTo(withoutIdPayload));
        assertThat(keyed(dead, notJson))
                .singleElement()
                .satisfies(r -> assertThat(r.value()).isEqualTo(notJsonPayload));

        List<ConsumerRecord<String, String>> evaluations = evaluationsUntilOneFor(after);
        assertThat(keyed(evaluations, after))
                .as("the application sent after the poison")
                .hasSize(1);
        assertThat(keyed(evaluations, withoutId)).isEmpty();
        assertThat(keyed(evaluations, notJson)).isEmpty();
    }
}
