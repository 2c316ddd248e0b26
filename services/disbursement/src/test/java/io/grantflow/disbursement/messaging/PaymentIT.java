package io.grantflow.disbursement.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.contracts.CloudEventHeaders;
import io.grantflow.contracts.MessageType;
import io.grantflow.contracts.Topics;
import io.grantflow.contracts.events.ApplicationStatusChangedV1;
import io.grantflow.contracts.events.FundsReservedV1;
import io.grantflow.contracts.events.FundsVoidedV1;
import io.grantflow.contracts.events.InstalmentAmount;
import io.grantflow.contracts.events.PaymentClearanceRequestedV1;
import io.grantflow.contracts.events.PaymentCompletedV1;
import io.grantflow.contracts.events.PaymentFailedV1;
import io.grantflow.disbursement.application.ExecutePayments;
import io.grantflow.disbursement.domain.PaymentOrder;
import io.grantflow.disbursement.domain.TreasuryResult;
import io.grantflow.disbursement.testing.SeenConfirmations;
import io.grantflow.platform.testing.KafkaTopicsResource;
import io.grantflow.platform.testing.TestKafka;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
    /** Beneficiaries the treasury simulator of this test is told to misbehave for. */
    private static final String LOST_ANSWER = "91320211TIMEOUT001";

    private static final String SILENT = "91320211SILENTTRE1";
    private static final String LATE = "91320211LATECONF01";
    private static final String LESS = "91320211LESSCONF01";
    private static final String MORE = "91320211MORECONF01";
    private static final String TWICE = "91320211TWICECONF1";

    @Inject
    ExecutePayments execute;

    @Inject
    SeenConfirmations confirmations;

    private static final Duration WAIT = Duration.ofSeconds(60);

    /** The treasury simulator of this test reports {@link #CLOSED}'s account as closed. */
    public static class WithAClosedAccount implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "grantflow.treasury.simulated-closed-accounts",
                    CLOSED,
                    "grantflow.treasury.simulated-behaviours." + LOST_ANSWER,
                    "TIMEOUT_ONCE",
                    "grantflow.treasury.simulated-behaviours." + SILENT,
                    "SILENT_THRICE",
                    // parked after three calls without an answer, so that a test sees it
                    "grantflow.treasury.max-attempts",
                    "3",
                    "grantflow.treasury.simulated-behaviours." + LATE,
                    "CONFIRM_LATE",
                    "grantflow.treasury.simulated-behaviours." + LESS,
                    "CONFIRM_LESS",
                    "grantflow.treasury.simulated-behaviours." + MORE,
                    "CONFIRM_MORE",
                    "grantflow.treasury.simulated-behaviours." + TWICE,
                    "CONFIRM_TWICE");
        }
    }

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String dbUser;

    @ConfigProperty(name = "quarkus.datasource.password")
    String dbPassword;

    private static String bootstrap() {
        return KafkaTopicsResource.bootstrapServers();
    }

    @BeforeAll
    static void applicationsAnswerClearanceRequests() {
        ApplicationsStandIn.start();
    }

    /** The approval the applications service announces: the reservation it asked for, for this amount. */
    private void approved(UUID reservationId, UUID applicationId, String beneficiary, String amount) throws Exception {
        approved(reservationId, applicationId, beneficiary, amount, "IN_ANNOUNCEMENT", "close_announcement");
    }

    private void approved(
            UUID reservationId, UUID applicationId, String beneficiary, String amount, String previous, String command)
            throws Exception {
        statusChanged(new ApplicationStatusChangedV1(
                applicationId,
                beneficiary,
                "S4-EDGE-COMPUTE",
                previous,
                "APPROVED",
                command,
                new BigDecimal(amount),
                null,
                null,
                null,
                reservationId,
                "industry",
                Instant.now()));
    }

    /** A change of the application that is not an approval. */
    private void statusChanged(UUID applicationId, String previous, String status, String command) throws Exception {
        statusChanged(new ApplicationStatusChangedV1(
                applicationId,
                ALPHA,
                "S4-EDGE-COMPUTE",
                previous,
                status,
                command,
                null,
                "预算额度不足 / budget exhausted",
                "budget exhausted",
                null,
                null,
                null,
                Instant.now()));
    }

    private void statusChanged(ApplicationStatusChangedV1 change) throws Exception {
        TestKafka.send(
                bootstrap(),
                KafkaTopicsResource.topic(Topics.APPLICATION_EVENTS),
                change.applicationId().toString(),
                MessageType.APPLICATION_STATUS_CHANGED_V1.ceType(),
                json.writeValueAsString(change),
                UUID.randomUUID().toString());
    }

    /** Waits until the recorded approval of an application has ended so (it is not in the API). */
    private void awaitApprovalEnded(UUID applicationId, String ended) {
        Awaitility.await("the approval of " + applicationId + " " + ended)
                .atMost(WAIT)
                .until(() -> ended.equals(value("SELECT ended FROM approval WHERE application_id = ?", applicationId)));
    }

    /** An approval, then the budget's reservation for it. */
    private Map<String, String> reserved(UUID reservationId, UUID applicationId, String beneficiary, String amount)
            throws Exception {
        approved(reservationId, applicationId, beneficiary, amount);
        return reservedOnly(reservationId, applicationId, beneficiary, amount);
    }

    /** The budget's reservation alone, as a rogue or mistaken producer would cause it. */
    private Map<String, String> reservedOnly(UUID reservationId, UUID applicationId, String beneficiary, String amount)
            throws Exception {
        FundsReservedV1 event = new FundsReservedV1(
                reservationId,
                applicationId,
                "S4-EDGE-COMPUTE",
                "industry",
                beneficiary,
                2026,
                new BigDecimal(amount),
                Instant.now());
        return send(event);
    }

    private Map<String, String> send(FundsReservedV1 event) throws Exception {
        Map<String, String> headers = TestKafka.cloudEventHeaders(
                MessageType.FUNDS_RESERVED_V1.ceType(),
                UUID.randomUUID().toString(),
                event.applicationId().toString());
        TestKafka.send(
                bootstrap(),
                TestKafka.record(
                        KafkaTopicsResource.topic(Topics.RESERVATION_EVENTS),
                        event.applicationId().toString(),
                        json.writeValueAsString(event),
                        headers));
        return headers;
    }

    private static JsonPath awaitPayment(UUID applicationId, String status) {
        JsonPath[] last = new JsonPath[1];
        Awaitility.await("a payment of " + applicationId + " " + status)
                .atMost(WAIT)
                .until(() -> {
                    last[0] = payments(applicationId);
                    return last[0].getList("items.status").contains(status);
                });
        return last[0];
    }

    /**
     * A paid reservation on the same partition as {@code key}: once it is paid, everything before it
     * was handled. Returns the payment events of {@code key} read up to then.
     */
    private List<ConsumerRecord<String, String>> drain(UUID key) throws Exception {
        int partitions = TestKafka.partitions(Topics.RESERVATION_EVENTS);
        UUID later = TestKafka.keyOnPartition(TestKafka.partitionOf(key.toString(), partitions), partitions);
        reserved(UUID.randomUUID(), later, ALPHA, "1.00");
        return keyed(paymentEvents(oneFor(later)), key);
    }

    /** The payments' outcomes (completed, failed) on the payment topic; the clearance requests are left out. */
    private static List<ConsumerRecord<String, String>> paymentEvents(
            Predicate<List<ConsumerRecord<String, String>>> until) {
        return outcomes(TestKafka.read(
                bootstrap(),
                KafkaTopicsResource.topic(Topics.PAYMENT_EVENTS),
                WAIT,
                records -> until.test(outcomes(records))));
    }

    private static List<ConsumerRecord<String, String>> outcomes(List<ConsumerRecord<String, String>> records) {
        return records.stream()
                .filter(r -> !MessageType.PAYMENT_CLEARANCE_REQUESTED_V1
                        .ceType()
                        .equals(TestKafka.header(r, CloudEventHeaders.TYPE)))
                .toList();
    }

    private static List<ConsumerRecord<String, String>> clearanceRequests(UUID applicationId) {
        return TestKafka.read(
                        bootstrap(),
                        KafkaTopicsResource.topic(Topics.PAYMENT_EVENTS),
                        WAIT,
                        records -> records.stream().anyMatch(r -> isClearanceRequestOf(r, applicationId)))
                .stream()
                .filter(r -> isClearanceRequestOf(r, applicationId))
                .toList();
    }

    private static boolean isClearanceRequestOf(ConsumerRecord<String, String> r, UUID applicationId) {
        return applicationId.toString().equals(r.key())
                && MessageType.PAYMENT_CLEARANCE_REQUESTED_V1
                        .ceType()
                        .equals(TestKafka.header(r, CloudEventHeaders.TYPE));
    }

    private static Predicate<List<ConsumerRecord<String, String>>> oneFor(UUID applicationId) {
        return records ->
                records.stream().anyMatch(r -> applicationId.toString().equals(r.key()));
    }

    private static List<ConsumerRecord<String, String>> keyed(List<ConsumerRecord<String, String>> records, UUID key) {
        return records.stream().filter(r -> key.toString().equals(r.key())).toList();
    }

    private static JsonPath payments(UUID applicationId) {
        return given().config(RestAssured.config()
                        .jsonConfig(
                                JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL)))
                .queryParam("applicationId", applicationId.toString())
                .when()
                .get("/payments")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
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
        assertThat(TestKafka.header(record, CloudEventHeaders.TYPE))
                .isEqualTo(MessageType.PAYMENT_COMPLETED_V1.ceType());
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
        assertThat(payments.getList("items")).hasSize(1);
        assertThat(payments.getString("items[0].id"))
                .isEqualTo(completed.paymentId().toString());
        assertThat(payments.getString("items[0].status")).isEqualTo("PAID");
        assertThat(payments.getString("items[0].treasuryReference")).isEqualTo(completed.treasuryReference());
        assertThat(payments.getObject("items[0].amount", BigDecimal.class)).isEqualTo(new BigDecimal("250000.00"));
        assertThat(payments.getString("items[0].settledAt")).isNotNull();
    }

    @Test
    @TestSecurity(user = "fin-officer", roles = "finance")
    void aReservationAnnouncedTwiceIsPaidOnce() throws Exception {
        UUID applicationId = UUID.randomUUID();
        UUID reservationId = UUID.randomUUID();
        Map<String, String> sent = reserved(reservationId, applicationId, ALPHA, "1000.00");
        paymentEvents(oneFor(applicationId));

        // The very same record redelivered, and the same reservation announced again under a new event id.
        // (reserved() announced the approval too; reservedOnly() repeats only the reservation)
        ConsumerRecord<String, String> original = TestKafka.read(
                        bootstrap(),
                        KafkaTopicsResource.topic(Topics.RESERVATION_EVENTS),
                        WAIT,
                        records -> records.stream()
                                .anyMatch(r -> sent.get(CloudEventHeaders.ID)
                                        .equals(TestKafka.header(r, CloudEventHeaders.ID))))
                .stream()
                .filter(r -> sent.get(CloudEventHeaders.ID).equals(TestKafka.header(r, CloudEventHeaders.ID)))
                .findFirst()
                .orElseThrow();
        TestKafka.resend(bootstrap(), original);
        reservedOnly(reservationId, applicationId, ALPHA, "1000.00");

        // A later reservation on the same partition: once it is paid, both repeats have been handled.
        int partitions = TestKafka.partitions(Topics.RESERVATION_EVENTS);
        UUID later = TestKafka.keyOnPartition(TestKafka.partitionOf(applicationId.toString(), partitions), partitions);
        reserved(UUID.randomUUID(), later, ALPHA, "2000.00");
        List<ConsumerRecord<String, String>> events = paymentEvents(oneFor(later));

        assertThat(keyed(events, later)).hasSize(1);
        assertThat(keyed(events, applicationId))
                .as("payment events of the twice-announced reservation")
                .hasSize(1);
        assertThat(payments(applicationId).getList("items"))
                .as("payments of the application")
                .hasSize(1);
    }

    /** The first column of the first row of {@code sql}, as text (null when there is none). */
    private String value(String sql, Object... params) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
                PreparedStatement q = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                q.setObject(i + 1, params[i]);
            }
            try (ResultSet rows = q.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    /** One column of the payment's row. */
    private String paymentColumn(UUID applicationId, String column) throws Exception {
        return value("SELECT " + column + "::text FROM payment WHERE application_id = ?", applicationId);
    }

    /** How many times the simulated treasury executed the order (its own book). */
    private long executions(String orderKey) throws Exception {
        return Long.parseLong(
                value("SELECT count(*) FROM simulated_treasury_payment WHERE order_key = ?::uuid", orderKey));
    }

    @Test
    @TestSecurity(user = "fin-officer", roles = "finance")
    void aPaymentWhoseAnswerWasLostIsAskedAboutNotSentAgainAndPaidOnce() throws Exception {
        UUID applicationId = UUID.randomUUID();
        UUID reservationId = UUID.randomUUID();
        // the treasury executes the order and its answer is lost on the way back
        reserved(reservationId, applicationId, LOST_ANSWER, "4000.00");

        awaitPayment(applicationId, "PAID");
        String orderKey = paymentColumn(applicationId, "order_key");
        assertThat(orderKey).isEqualTo(PaymentOrder.keyOf(reservationId, 2026).toString());
        assertThat(Integer.parseInt(paymentColumn(applicationId, "attempts")))
                .as("attempts: the lost one and the status query")
                .isEqualTo(2);
        assertThat(executions(orderKey)).as("orders the treasury executed").isEqualTo(1);
        List<ConsumerRecord<String, String>> events = drain(applicationId);
        assertThat(events).hasSize(1);
        assertThat(json.readValue(events.get(0).value(), PaymentCompletedV1.class)
                        .amount())
                .isEqualByComparingTo("4000.00");
    }

    @Test
    @TestSecurity(user = "ops", roles = "operator")
    void aPaymentTheTreasuryNeverAnswersIsParkedForOperatorsAndTheirRetryAsksBeforeItPaysOnce() throws Exception {
        UUID applicationId = UUID.randomUUID();
        UUID reservationId = UUID.randomUUID();
        // the treasury executes the order, then answers neither it nor the next two status queries
        reserved(reservationId, applicationId, SILENT, "3000.00");

        JsonPath held = awaitPayment(applicationId, "HELD");
        assertThat(held.getString("items[0].holdReason")).isEqualTo(ExecutePayments.NO_ANSWER);
        String paymentId = held.getString("items[0].id");
        assertThat(paymentColumn(applicationId, "attempts")).isEqualTo("3");
        assertThat(paymentColumn(applicationId, "last_error")).contains("no answer from the treasury");
        // and finance reads the same on the payment
        assertThat(held.getInt("items[0].attempts")).isEqualTo(3);
        assertThat(held.getString("items[0].lastError")).contains("国库未答复").contains("no answer from the treasury");
        JsonPath parked = given().when()
                .get("/workers/payments/parked")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(parked.getList("items.id", String.class)).contains(paymentId);
        assertThat(drain(applicationId))
                .as("no payment event while it is parked")
                .isEmpty();

        given().when()
                .post("/workers/payments/parked/" + UUID.randomUUID() + "/retry")
                .then()
                .statusCode(404);
        given().when()
                .post("/workers/mail/parked/" + paymentId + "/retry")
                .then()
                .statusCode(400)
                .body("errors[0].field", is("worker"));
        given().when()
                .post("/workers/payments/parked/" + paymentId + "/retry")
                .then()
                .statusCode(204);

        awaitPayment(applicationId, "PAID");
        String orderKey = paymentColumn(applicationId, "order_key");
        assertThat(executions(orderKey)).as("orders the treasury executed").isEqualTo(1);
        List<ConsumerRecord<String, String>> events = drain(applicationId);
        assertThat(events).hasSize(1);
        assertThat(json.readValue(events.get(0).value(), PaymentCompletedV1.class)
                        .amount())
                .isEqualByComparingTo("3000.00");
        assertThat(paymentColumn(applicationId, "parked_at")).isNull();
        given().when()
                .post("/workers/payments/parked/" + paymentId + "/retry")
                .then()
                .statusCode(404);
    }

    @Test
    @TestSecurity(user = "fin-officer", roles = "finance")
    void aLateConfirmationIsWaitedForAndARepeatedOneChangesNothing() throws Throwable {
        UUID applicationId = UUID.randomUUID();
        reserved(UUID.randomUUID(), applicationId, LATE, "600.00");

        awaitPayment(applicationId, "SENT");
        JsonPath paid = awaitPayment(applicationId, "PAID");
        UUID paymentId = UUID.fromString(paid.getString("items[0].id"));
        String reference = paid.getString("items[0].treasuryReference");

        // the treasury confirms again of its own accord, for the same order
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(
                () -> execute.apply(paymentId, TreasuryResult.confirmed(reference, new BigDecimal("600.00")))));

        assertThat(drain(applicationId)).as("payment events").hasSize(1);
        assertThat(payments(applicationId).getString("items[0].status")).isEqualTo("PAID");
    }

    @Test
    @TestSecurity(user = "fin-officer", roles = "finance")
    void aTreasuryThatConfirmsTwiceOfItsOwnAccordIsPaidOnce() throws Exception {
        UUID applicationId = UUID.randomUUID();
        reserved(UUID.randomUUID(), applicationId, TWICE, "700.00");

        JsonPath paid = awaitPayment(applicationId, "PAID");
        UUID paymentId = UUID.fromString(paid.getString("items[0].id"));
        Awaitility.await("the treasury's second confirmation").atMost(WAIT).until(() -> confirmations.seen(paymentId));
        // applied under the payment's lock like any answer: still one payment, paid once, one event
        Awaitility.await("nothing more after it")
                .during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(10))
                .until(() -> "PAID".equals(payments(applicationId).getString("items[0].status")));
        assertThat(payments(applicationId).getList("items")).hasSize(1);
        assertThat(payments(applicationId).getObject("items[0].confirmedAmount", BigDecimal.class))
                .isEqualByComparingTo("700.00");
        assertThat(drain(applicationId)).as("payment events").hasSize(1);
    }

    @Test
    @TestSecurity(user = "fin-officer", roles = "finance")
    void aPartConfirmedIsPaidForThatPartAndMoreThanOrderedIsHeld() throws Exception {
        UUID less = UUID.randomUUID();
        reserved(UUID.randomUUID(), less, LESS, "1000.00");
        awaitPayment(less, "PAID");
        List<ConsumerRecord<String, String>> events = drain(less);
        assertThat(events).hasSize(1);
        assertThat(json.readValue(events.get(0).value(), PaymentCompletedV1.class)
                        .amount())
                .as("what the treasury confirmed: the budget posts it and releases the rest")
                .isEqualByComparingTo("900.00");
        assertThat(paymentColumn(less, "confirmed_amount")).isEqualTo("900.00");

        UUID more = UUID.randomUUID();
        reserved(UUID.randomUUID(), more, MORE, "1000.00");
        JsonPath held = awaitPayment(more, "HELD");
        assertThat(held.getString("items[0].holdReason")).isEqualTo(ExecutePayments.ABOVE_ORDER);
        assertThat(paymentColumn(more, "confirmed_amount")).isEqualTo("1000.01");
        assertThat(drain(more)).as("nothing posts more than ordered").isEmpty();
    }

    @Test
    @TestSecurity(user = "fin-officer", roles = "finance")
    void aPaymentToAClosedAccountFailsAndSaysWhy() throws Exception {
        UUID applicationId = UUID.randomUUID();
        UUID reservationId = UUID.randomUUID();
        reserved(reservationId, applicationId, CLOSED, "5000.00");

        List<ConsumerRecord<String, String>> events = keyed(paymentEvents(oneFor(applicationId)), applicationId);

        assertThat(events).hasSize(1);
        assertThat(TestKafka.header(events.get(0), CloudEventHeaders.TYPE))
                .isEqualTo(MessageType.PAYMENT_FAILED_V1.ceType());
        PaymentFailedV1 failed = json.readValue(events.get(0).value(), PaymentFailedV1.class);
        assertThat(failed.code()).isEqualTo("ACCOUNT_CLOSED");
        assertThat(failed.reservationId()).isEqualTo(reservationId);
        assertThat(failed.amount()).isEqualTo(new BigDecimal("5000.00"));
        assertThat(failed.messageZh()).isNotBlank();
        assertThat(failed.messageEn()).isNotBlank();

        JsonPath payments = payments(applicationId);
        assertThat(payments.getString("items[0].status")).isEqualTo("FAILED");
        assertThat(payments.getString("items[0].failureCode")).isEqualTo("ACCOUNT_CLOSED");
    }

    @Test
    @TestSecurity(user = "fin-officer", roles = "finance")
    void aReservationNoApprovalAskedForIsNeverPaid() throws Exception {
        UUID applicationId = UUID.randomUUID();
        reservedOnly(UUID.randomUUID(), applicationId, ALPHA, "100.00");
        assertThat(drain(applicationId)).as("payment events").isEmpty();
        assertThat(payments(applicationId).getString("items[0].status")).isEqualTo("AWAITING_APPROVAL");
    }

    @Test
    @TestSecurity(user = "fin-officer", roles = "finance")
    void aReservationThatIsNotTheOneItsApprovalAskedForIsHeld() throws Exception {
        UUID applicationId = UUID.randomUUID();
        UUID reservationId = UUID.randomUUID();
        approved(reservationId, applicationId, ALPHA, "100.00");
        // the approved application, but a thousand yuan instead of a hundred
        reservedOnly(reservationId, applicationId, ALPHA, "1000.00");
        JsonPath held = awaitPayment(applicationId, "HELD");
        assertThat(held.getString("items[0].holdReason")).isEqualTo("NO_MATCHING_APPROVAL");
        assertThat(drain(applicationId)).isEmpty();
        given().queryParam("status", "HELD").get("/payments").then().statusCode(200);
    }

    @Test
    @TestSecurity(user = "fin-officer", roles = "finance")
    void aSecondReservationForAnApplicationAlreadyPaidIsHeldAndPaysNothing() throws Exception {
        UUID applicationId = UUID.randomUUID();
        reserved(UUID.randomUUID(), applicationId, ALPHA, "100.00");
        awaitPayment(applicationId, "PAID");

        reservedOnly(UUID.randomUUID(), applicationId, ALPHA, "100.00");
        JsonPath after = awaitPayment(applicationId, "HELD");
        assertThat(after.getList("items.holdReason")).contains("ALREADY_PAID");
        assertThat(drain(applicationId)).as("one payment, not two").hasSize(1);
    }

    @Test
    @TestSecurity(user = "fin-officer", roles = "finance")
    void aReservationThatOvertakesItsApprovalWaitsAndIsPaidWhenTheApprovalArrives() throws Exception {
        UUID applicationId = UUID.randomUUID();
        UUID reservationId = UUID.randomUUID();
        reservedOnly(reservationId, applicationId, ALPHA, "300.00");
        awaitPayment(applicationId, "AWAITING_APPROVAL");
        approved(reservationId, applicationId, ALPHA, "300.00");
        assertThat(keyed(paymentEvents(oneFor(applicationId)), applicationId)).hasSize(1);
        awaitPayment(applicationId, "PAID");
    }

    @Test
    @TestSecurity(user = "fin-officer", roles = "finance")
    void aReleasedReservationCancelsItsPaymentBeforeItIsSent() throws Exception {
        UUID applicationId = UUID.randomUUID();
        UUID reservationId = UUID.randomUUID();
        reservedOnly(reservationId, applicationId, ALPHA, "300.00");
        awaitPayment(applicationId, "AWAITING_APPROVAL");
        FundsVoidedV1 voided = new FundsVoidedV1(
                reservationId, applicationId, new BigDecimal("300.00"), "撤回 / withdrawn", Instant.now());
        TestKafka.send(
                bootstrap(),
                KafkaTopicsResource.topic(Topics.RESERVATION_EVENTS),
                applicationId.toString(),
                MessageType.FUNDS_VOIDED_V1.ceType(),
                json.writeValueAsString(voided),
                UUID.randomUUID().toString());
        awaitPayment(applicationId, "CANCELLED");
        approved(reservationId, applicationId, ALPHA, "300.00");
        assertThat(drain(applicationId)).isEmpty();
        assertThat(payments(applicationId).getString("items[0].status")).isEqualTo("CANCELLED");
    }

    @Test
    @TestSecurity(user = "fin-officer", roles = "finance")
    void anApprovalGivenAnewAfterTheBudgetRefusedTheFirstIsPaidForItsNewReservation() throws Exception {
        UUID applicationId = UUID.randomUUID();
        UUID refused = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        approved(refused, applicationId, ALPHA, "300.00");
        statusChanged(applicationId, "APPROVED", "UNDER_REVIEW", "record_budget_refusal");
        awaitApprovalEnded(applicationId, "RELEASED");

        // reviewed again, announced for less, approved by the city: the budget reserves the new amount, and
        // its reservation overtakes the approval
        reservedOnly(second, applicationId, ALPHA, "200.00");
        awaitPayment(applicationId, "AWAITING_APPROVAL");
        approved(second, applicationId, ALPHA, "200.00", "AWAITING_CITY_APPROVAL", "city_approve");

        JsonPath paid = awaitPayment(applicationId, "PAID");
        assertThat(paid.getList("items")).hasSize(1);
        assertThat(paid.getString("items[0].reservationId")).isEqualTo(second.toString());
        assertThat(paid.getObject("items[0].amount", BigDecimal.class)).isEqualByComparingTo("200.00");
        assertThat(keyed(paymentEvents(oneFor(applicationId)), applicationId)).hasSize(1);
    }

    @Test
    @TestSecurity(user = "fin-officer", roles = "finance")
    void aSecondApprovalWhileTheFirstIsInForceIsNotBelieved() throws Exception {
        UUID applicationId = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        approved(first, applicationId, ALPHA, "300.00");
        // the budget's reservation keeps it APPROVED, naming the reservation: not an approval of its own
        approved(other, applicationId, ALPHA, "300.00", "APPROVED", "record_funds_reserved");
        approved(other, applicationId, ALPHA, "300.00", "AWAITING_CITY_APPROVAL", "city_approve");
        // an approval on the same partition of the applications' topic is handled after those three
        int partitions = TestKafka.partitions(Topics.APPLICATION_EVENTS);
        UUID later = TestKafka.keyOnPartition(TestKafka.partitionOf(applicationId.toString(), partitions), partitions);
        reserved(UUID.randomUUID(), later, ALPHA, "1.00");
        awaitPayment(later, "PAID");

        reservedOnly(other, applicationId, ALPHA, "300.00");
        JsonPath held = awaitPayment(applicationId, "HELD");
        assertThat(held.getString("items[0].holdReason")).isEqualTo("NO_MATCHING_APPROVAL");
        reservedOnly(first, applicationId, ALPHA, "300.00");
        JsonPath paid = awaitPayment(applicationId, "PAID");
        assertThat(paid.getList("items.reservationId")).containsExactlyInAnyOrder(first.toString(), other.toString());
        assertThat(drain(applicationId)).as("the first approval's payment only").hasSize(1);
    }

    @Test
    @TestSecurity(user = "fin-officer", roles = "finance")
    void aWithdrawalCancelsAPaymentNotSentYetAndAReservationOfTheApplicationThatArrivesLater() throws Exception {
        // a reservation waiting for its approval when the application is withdrawn
        UUID waiting = UUID.randomUUID();
        reservedOnly(UUID.randomUUID(), waiting, ALPHA, "300.00");
        awaitPayment(waiting, "AWAITING_APPROVAL");
        statusChanged(waiting, "UNDER_REVIEW", "WITHDRAWN", "withdraw");
        awaitPayment(waiting, "CANCELLED");

        // approved, withdrawn, and only then the budget's reservation (its void follows it from the budget)
        UUID applicationId = UUID.randomUUID();
        UUID reservationId = UUID.randomUUID();
        approved(reservationId, applicationId, ALPHA, "300.00");
        statusChanged(applicationId, "APPROVED", "WITHDRAWN", "withdraw");
        awaitApprovalEnded(applicationId, "WITHDRAWN");
        reservedOnly(reservationId, applicationId, ALPHA, "300.00");
        awaitPayment(applicationId, "CANCELLED");
        assertThat(drain(applicationId)).as("payment events").isEmpty();
        assertThat(payments(applicationId).getList("items.status")).containsExactly("CANCELLED");
    }

    @Test
    @TestSecurity(user = "fin-officer", roles = "finance")
    void anApplicationsPaymentIsSentOnlyOnceTheApplicationClearedIt() throws Exception {
        UUID applicationId = UUID.randomUUID();
        UUID reservationId = UUID.randomUUID();
        reserved(reservationId, applicationId, ALPHA, "700.00");

        List<ConsumerRecord<String, String>> asked = clearanceRequests(applicationId);
        assertThat(asked).hasSize(1);
        PaymentClearanceRequestedV1 request = json.readValue(asked.get(0).value(), PaymentClearanceRequestedV1.class);
        assertThat(request.reservationId()).isEqualTo(reservationId);
        assertThat(request.amount()).isEqualByComparingTo("700.00");
        assertThat(request.fiscalYear()).isEqualTo(2026);
        JsonPath paid = awaitPayment(applicationId, "PAID");
        assertThat(paid.getString("items[0].id")).isEqualTo(request.paymentId().toString());
    }

    @Test
    @TestSecurity(user = "fin-officer", roles = "finance")
    void aPaymentTheApplicationRefusesIsCancelledAndNeverSent() throws Exception {
        // withdrawn while disbursement was behind: the application had already taken the withdrawal when
        // disbursement, catching up, asked to pay
        UUID applicationId = UUID.randomUUID();
        ApplicationsStandIn.withdraw(applicationId);
        reserved(UUID.randomUUID(), applicationId, ALPHA, "800.00");

        JsonPath cancelled = awaitPayment(applicationId, "CANCELLED");
        assertThat(cancelled.getString("items[0].failureCode")).isEqualTo("NOT_PAYABLE");
        assertThat(cancelled.getString("items[0].settledAt")).isNull();
        assertThat(drain(applicationId)).as("payment events").isEmpty();
    }

    @Test
    @TestSecurity(user = "fin-officer", roles = "finance")
    void aBlockGrantIsPaidOnlyWhenTwoDifferentOfficersApprovedIt() throws Exception {
        UUID good = UUID.randomUUID();
        send(new FundsReservedV1(
                good,
                good,
                "S2-AI-PARK",
                "reform",
                "xinwu",
                "district",
                2026,
                new BigDecimal("500.00"),
                List.of(new InstalmentAmount(2026, new BigDecimal("500.00"))),
                FundsReservedV1.ORIGIN_BLOCK_GRANT,
                "fin-officer",
                "fin-checker",
                null,
                Instant.now()));
        UUID alone = UUID.randomUUID();
        send(new FundsReservedV1(
                alone,
                alone,
                "S2-AI-PARK",
                "reform",
                "xinwu",
                "district",
                2026,
                new BigDecimal("500.00"),
                List.of(new InstalmentAmount(2026, new BigDecimal("500.00"))),
                FundsReservedV1.ORIGIN_BLOCK_GRANT,
                "fin-officer",
                "fin-officer",
                null,
                Instant.now()));
        awaitPayment(good, "PAID");
        assertThat(awaitPayment(alone, "HELD").getString("items[0].holdReason")).isEqualTo("NOT_FOUR_EYES");

        // a grant to a district is no application's award: finance is told so, not that nothing was paid
        Response recovery = given().contentType("application/json")
                .body(Map.of(
                        "applicationId",
                        good.toString(),
                        "amount",
                        "100.00",
                        "basis",
                        "AUDIT_FINDING",
                        "reasonsZh",
                        "审计发现"))
                .post("/recoveries");
        assertThat(recovery.statusCode()).as(recovery.asString()).isEqualTo(422);
        assertThat(recovery.jsonPath().getString("code")).isEqualTo("NOT_AN_APPLICATION");
        assertThat(recovery.jsonPath().getString("errors[0].field")).isEqualTo("applicationId");
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
