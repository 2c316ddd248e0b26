package io.grantflow.disbursement.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.contracts.CloudEventHeaders;
import io.grantflow.contracts.MessageType;
import io.grantflow.contracts.Topics;
import io.grantflow.contracts.events.FundsReservedV1;
import io.grantflow.contracts.events.PaymentCompletedV1;
import io.grantflow.contracts.events.PaymentFailedV1;
import io.grantflow.platform.testing.KafkaTopicsResource;
import io.grantflow.platform.testing.TestKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reserved funds arrive from the budget on the real broker; the simulated treasury pays them and
 * the outcome goes out on the payment topic, once per reservation.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTopicsResource.class)
@TestProfile(PaymentIT.WithAClosedAccount.class)
class PaymentIT {
    private static final String ALPHA = "91320214AY4CL12T29";
    /** A real-looking code the simulated treasury is told belongs to a closed account. */
    private static final String CLOSED = "91320282RJT2FQ812G";
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** The treasury simulator of this test reports {@link #CLOSED}'s account as closed. */
    public static class WithAClosedAccount implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("grantflow.treasury.simulated-closed-accounts", CLOSED);
        }
    }

    @Inject
    ObjectMapper json;

    private static String bootstrap() {
        return KafkaTopicsResource.bootstrapServers();
    }

    private Map<String, String> reserved(UUID reservationId, UUID applicationId, String beneficiary, String amount)
            throws Exception {
        FundsReservedV1 event = new FundsReservedV1(reservationId, applicationId, "S4-EDGE-COMPUTE", beneficiary,
                2026, new BigDecimal(amount), Instant.now());
        Map<String, String> headers = TestKafka.cloudEventHeaders(MessageType.FUNDS_RESERVED_V1.ceType(),
                UUID.randomUUID().toString(), applicationId.toString());
        TestKafka.send(bootstrap(), TestKafka.record(KafkaTopicsResource.topic(Topics.RESERVATION_EVENTS),
                applicationId.toString(), json.writeValueAsString(event), headers));
        return headers;
    }

    private static List<ConsumerRecord<String, String>> paymentEvents(Predicate<List<ConsumerRecord<String, String>>> until) {
        return TestKafka.read(bootstrap(), KafkaTopicsResource.topic(Topics.PAYMENT_EVENTS), WAIT, until);
    }

    private static Predicate<List<ConsumerRecord<String, String>>> oneFor(UUID applicationId) {
        return records -> records.stream().anyMatch(r -> applicationId.toString().equals(r.key()));
    }

    private static List<ConsumerRecord<String, String>> keyed(List<ConsumerRecord<String, String>> records, UUID key) {
        return records.stream().filter(r -> key.toString().equals(r.key())).toList();
    }

    private static JsonPath payments(UUID applicationId) {
        return given().config(RestAssured.config().jsonConfig(
                        JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL)))
                .queryParam("applicationId", applicationId.toString()).when().get("/payments")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    @TestSecurity(user = "fin-officer", roles = "finance")
    void reservedFundsArePaidAndThePaymentIsAnnounced() throws Exception {
        UUID applicationId = UUID.randomUUID();
        UUID reservationId = UUID.randomUUID();
        Map<String, String> sent = reserved(reservationId, applicationId, ALPHA, "250000.00");

        List<ConsumerRecord<String, String>> events = keyed(paymentEvents(oneFor(applicationId)), applicationId);

        assertThat(events).hasSize(1);
        ConsumerRecord<String, String> record = events.get(0);
        assertThat(TestKafka.header(record, CloudEventHeaders.TYPE)).isEqualTo(MessageType.PAYMENT_COMPLETED_V1.ceType());
        assertThat(TestKafka.header(record, CloudEventHeaders.CORRELATION_ID))
                .isEqualTo(sent.get(CloudEventHeaders.CORRELATION_ID));
        assertThat(TestKafka.header(record, CloudEventHeaders.CAUSATION_ID)).isEqualTo(sent.get(CloudEventHeaders.ID));
        PaymentCompletedV1 completed = json.readValue(record.value(), PaymentCompletedV1.class);
        assertThat(completed.applicationId()).isEqualTo(applicationId);
        assertThat(completed.reservationId()).isEqualTo(reservationId);
        assertThat(completed.beneficiaryId()).isEqualTo(ALPHA);
        assertThat(completed.amount()).isEqualTo(new BigDecimal("250000.00"));
        assertThat(completed.treasuryReference()).isNotBlank();
        assertThat(completed.paymentId()).isNotNull();

        JsonPath payments = payments(applicationId);
        assertThat(payments.getList("$")).hasSize(1);
        assertThat(payments.getString("[0].id")).isEqualTo(completed.paymentId().toString());
        assertThat(payments.getString("[0].status")).isEqualTo("PAID");
        assertThat(payments.getString("[0].treasuryReference")).isEqualTo(completed.treasuryReference());
        assertThat(payments.getObject("[0].amount", BigDecimal.class)).isEqualTo(new BigDecimal("250000.00"));
        assertThat(payments.getString("[0].settledAt")).isNotNull();
    }

    @Test
    @TestSecurity(user = "fin-officer", roles = "finance")
    void aReservationAnnouncedTwiceIsPaidOnce() throws Exception {
        UUID applicationId = UUID.randomUUID();
        UUID reservationId = UUID.randomUUID();
        Map<String, String> sent = reserved(reservationId, applicationId, ALPHA, "1000.00");
        paymentEvents(oneFor(applicationId));

        // The very same record redelivered, and the same reservation announced again under a new event id.
        ConsumerRecord<String, String> original = TestKafka.read(bootstrap(),
                        KafkaTopicsResource.topic(Topics.RESERVATION_EVENTS), WAIT,
                        records -> records.stream().anyMatch(r -> sent.get(CloudEventHeaders.ID)
                                .equals(TestKafka.header(r, CloudEventHeaders.ID))))
                .stream().filter(r -> sent.get(CloudEventHeaders.ID).equals(TestKafka.header(r, CloudEventHeaders.ID)))
                .findFirst().orElseThrow();
        TestKafka.resend(bootstrap(), original);
        reserved(reservationId, applicationId, ALPHA, "1000.00");

        // A later reservation on the same partition: once it is paid, both repeats have been handled.
        int partitions = TestKafka.partitions(Topics.RESERVATION_EVENTS);
        UUID later = TestKafka.keyOnPartition(TestKafka.partitionOf(applicationId.toString(), partitions), partitions);
        reserved(UUID.randomUUID(), later, ALPHA, "2000.00");
        List<ConsumerRecord<String, String>> events = paymentEvents(oneFor(later));

        assertThat(keyed(events, later)).hasSize(1);
        assertThat(keyed(events, applicationId)).as("payment events of the twice-announced reservation").hasSize(1);
        assertThat(payments(applicationId).getList("$")).as("payments of the application").hasSize(1);
    }

    @Test
    @TestSecurity(user = "fin-officer", roles = "finance")
    void aPaymentToAClosedAccountFailsAndSaysWhy() throws Exception {
        UUID applicationId = UUID.randomUUID();
        UUID reservationId = UUID.randomUUID();
        reserved(reservationId, applicationId, CLOSED, "5000.00");

        List<ConsumerRecord<String, String>> events = keyed(paymentEvents(oneFor(applicationId)), applicationId);

        assertThat(events).hasSize(1);
        assertThat(TestKafka.header(events.get(0), CloudEventHeaders.TYPE)).isEqualTo(MessageType.PAYMENT_FAILED_V1.ceType());
        PaymentFailedV1 failed = json.readValue(events.get(0).value(), PaymentFailedV1.class);
        assertThat(failed.code()).isEqualTo("ACCOUNT_CLOSED");
        assertThat(failed.reservationId()).isEqualTo(reservationId);
        assertThat(failed.amount()).isEqualTo(new BigDecimal("5000.00"));
        assertThat(failed.messageZh()).isNotBlank();
        assertThat(failed.messageEn()).isNotBlank();

        JsonPath payments = payments(applicationId);
        assertThat(payments.getString("[0].status")).isEqualTo("FAILED");
        assertThat(payments.getString("[0].failureCode")).isEqualTo("ACCOUNT_CLOSED");
    }

    @Test
    @TestSecurity(user = "rev-industry", roles = "reviewer")
    void paymentsAreNotForReviewers() {
        given().when().get("/payments").then().statusCode(403);
    }

    @Test
    void paymentsNeedASignedInUser() {
        given().when().get("/payments").then().statusCode(401);
    }
}
