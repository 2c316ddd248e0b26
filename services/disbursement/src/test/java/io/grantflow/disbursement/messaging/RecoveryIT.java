package io.grantflow.disbursement.messaging;

import static io.grantflow.disbursement.testing.RealmTokens.as;
import static io.grantflow.disbursement.testing.RealmTokens.asFinance;
import static io.grantflow.disbursement.testing.RealmTokens.token;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.contracts.CloudEventHeaders;
import io.grantflow.contracts.MessageType;
import io.grantflow.contracts.Topics;
import io.grantflow.contracts.commands.ReverseFundsV1;
import io.grantflow.contracts.events.ApplicationStatusChangedV1;
import io.grantflow.contracts.events.FundsReservedV1;
import io.grantflow.contracts.events.InstalmentAmount;
import io.grantflow.contracts.events.PaymentCompletedV1;
import io.grantflow.contracts.events.RecoveryOrderedV1;
import io.grantflow.contracts.events.RecoveryRecordedV1;
import io.grantflow.disbursement.domain.PaymentOrder;
import io.grantflow.disbursement.testing.TestClock;
import io.grantflow.disbursement.testing.TestDatabase;
import io.grantflow.platform.testing.KafkaTopicsResource;
import io.grantflow.platform.testing.TestKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Recovery orders (ADR 0029) over the real broker, database and Keycloak: an order is offset
 * against the applicant's next instalment, which the treasury pays net while the budget is told
 * the instalment was paid whole and the clawed-back award reversed by the offset; what no payment
 * covers is settled by credits of imported bank statements; bad orders change nothing.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTopicsResource.class)
class RecoveryIT {
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String PROGRAMME = "S3-PROVINCIAL-KEY-LAB";

    @Inject
    TestClock clock;

    @Inject
    ObjectMapper json;

    @Inject
    TestDatabase db;

    @BeforeAll
    static void applicationsAnswerClearanceRequests() {
        ApplicationsStandIn.start();
    }

    @AfterEach
    void clockBackToNow() {
        clock.reset();
    }

    /** An applicant of this test alone, so that no other test's order offsets its payments. */
    private static String newApplicant() {
        return "9132TEST"
                + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50), 36)
                        .toUpperCase();
    }

    @Test
    void aClawbackIsOffsetAgainstTheNextInstalmentWhichTheTreasuryPaysNet() throws Exception {
        int year = LocalDate.now(CHINA).getYear();
        String applicant = newApplicant();
        // the clawed-back award: paid whole, once
        UUID clawedBack = UUID.randomUUID();
        UUID clawedBackReservation = UUID.randomUUID();
        award(clawedBack, clawedBackReservation, applicant, year, List.of());
        String paidId = awaitPaid(clawedBack, year);
        // another award of the applicant, staged over two years: this year's instalment paid
        UUID staged = UUID.randomUUID();
        UUID stagedReservation = UUID.randomUUID();
        award(
                staged,
                stagedReservation,
                applicant,
                year,
                List.of(
                        new InstalmentAmount(year, new BigDecimal("1000.00")),
                        new InstalmentAmount(year + 1, new BigDecimal("1000.00"))));
        awaitPaid(staged, year);

        String key = "recovery-" + UUID.randomUUID();
        Map<String, Object> body = Map.of(
                "applicationId", clawedBack.toString(),
                "amount", "800.00",
                "basis", "AUDIT_FINDING",
                "reasonsZh", "审计发现研发费用虚报",
                "reasonsEn", "The audit found overstated R&D expenses");
        Response ordered = asFinance().header("Idempotency-Key", key).body(body).post("/recoveries");
        assertThat(ordered.statusCode()).as(ordered.asString()).isEqualTo(200);
        JsonPath order = ordered.jsonPath();
        String orderId = order.getString("id");
        String reference = order.getString("reference");
        assertThat(reference).matches("RCV-[0-9A-F]{12}");
        assertThat(order.getString("status")).isEqualTo("OUTSTANDING");
        assertThat(order.getString("applicantId")).isEqualTo(applicant);
        assertThat(order.getString("reservationId")).isEqualTo(clawedBackReservation.toString());
        assertThat(order.getObject("outstanding", BigDecimal.class)).isEqualByComparingTo("800.00");
        assertThat(order.getList("entries")).isEmpty();

        // the same key again: the same order; with another body: refused
        Response again = asFinance().header("Idempotency-Key", key).body(body).post("/recoveries");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.jsonPath().getString("id")).isEqualTo(orderId);
        Response reused = asFinance()
                .header("Idempotency-Key", key)
                .body(Map.of(
                        "applicationId", clawedBack.toString(),
                        "amount", "100.00",
                        "basis", "FRAUD",
                        "reasonsZh", "另一理由"))
                .post("/recoveries");
        assertThat(reused.statusCode()).isEqualTo(409);
        assertThat(reused.jsonPath().getString("code")).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        // 1000 paid, 800 ordered: 200 more at most
        Response above = asFinance()
                .body(Map.of(
                        "applicationId", clawedBack.toString(),
                        "amount", "200.01",
                        "basis", "FRAUD",
                        "reasonsZh", "欺诈"))
                .post("/recoveries");
        assertThat(above.statusCode()).as(above.asString()).isEqualTo(422);
        assertThat(above.jsonPath().getString("code")).isEqualTo("RECOVERY_ABOVE_PAID");
        assertThat(above.jsonPath().getString("errors[0].field")).isEqualTo("amount");
        assertThat(above.jsonPath().getObject("orderable", BigDecimal.class)).isEqualByComparingTo("200.00");

        // the order is announced, for the application to be clawed back
        RecoveryOrderedV1 announced = json.readValue(
                awaitEvent(clawedBack, MessageType.RECOVERY_ORDERED_V1, r -> true)
                        .value(),
                RecoveryOrderedV1.class);
        assertThat(announced.recoveryId().toString()).isEqualTo(orderId);
        assertThat(announced.amount()).isEqualByComparingTo("800.00");
        assertThat(announced.basis()).isEqualTo("AUDIT_FINDING");
        assertThat(announced.reference()).isEqualTo(reference);

        // the next fiscal year opens: the staged award's second instalment is paid, less the 800 owed
        clock.set(LocalDate.of(year + 1, 1, 1).atStartOfDay(CHINA).toInstant().plusSeconds(60));
        String secondId = awaitPaid(staged, year + 1);
        JsonPath second = asFinance()
                .get("/payments/" + secondId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(second.getObject("amount", BigDecimal.class)).isEqualByComparingTo("1000.00");
        assertThat(second.getObject("offsetAmount", BigDecimal.class)).isEqualByComparingTo("800.00");
        assertThat(second.getObject("confirmedAmount", BigDecimal.class)).isEqualByComparingTo("200.00");
        assertThat(db.value(
                        "SELECT amount FROM simulated_treasury_payment WHERE order_key = ?::uuid",
                        PaymentOrder.keyOf(stagedReservation, year + 1).toString()))
                .as("what the treasury was ordered to pay")
                .isEqualTo("200.00");

        // the budget posts the instalment whole: 200 in cash, 800 settling the debt
        PaymentCompletedV1 completed = json.readValue(
                awaitEvent(
                                staged,
                                MessageType.PAYMENT_COMPLETED_V1,
                                r -> r.value().contains(secondId))
                        .value(),
                PaymentCompletedV1.class);
        assertThat(completed.amount()).isEqualByComparingTo("1000.00");

        JsonPath settled = asFinance()
                .get("/recoveries/" + orderId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(settled.getString("status")).isEqualTo("SETTLED");
        assertThat(settled.getObject("recovered", BigDecimal.class)).isEqualByComparingTo("800.00");
        assertThat(settled.getObject("outstanding", BigDecimal.class)).isEqualByComparingTo("0.00");
        assertThat(settled.getList("entries.kind", String.class)).containsExactly("OFFSET");
        assertThat(settled.getList("entries.state", String.class)).containsExactly("RECORDED");
        assertThat(settled.getString("entries[0].paymentId")).isEqualTo(secondId);

        RecoveryRecordedV1 recorded = json.readValue(
                awaitEvent(clawedBack, MessageType.RECOVERY_RECORDED_V1, r -> true)
                        .value(),
                RecoveryRecordedV1.class);
        assertThat(recorded.kind()).isEqualTo("OFFSET");
        assertThat(recorded.amount()).isEqualByComparingTo("800.00");
        assertThat(recorded.settled()).isTrue();
        assertThat(recorded.paymentId().toString()).isEqualTo(secondId);

        // the clawed-back award's posted money reversed by the offset, once
        List<ReverseFundsV1> reversals = reversalsOf(clawedBack, 1);
        assertThat(reversals).hasSize(1);
        assertThat(reversals.get(0).reservationId()).isEqualTo(clawedBackReservation);
        assertThat(reversals.get(0).amount()).isEqualByComparingTo("800.00");

        // the bank moved 200: a statement showing 200 for the order matches it
        String csv = "reference,amount,booked_on,direction\n" + PaymentOrder.keyOf(stagedReservation, year + 1)
                + ",200.00," + (year + 1) + "-01-01,DEBIT\n";
        Response imported = asFinance()
                .contentType("text/csv")
                .body(csv.getBytes(StandardCharsets.UTF_8))
                .post("/statements");
        assertThat(imported.statusCode()).as(imported.asString()).isEqualTo(201);
        JsonPath mismatches = asFinance()
                .get("/statements/" + imported.jsonPath().getString("id") + "/mismatches")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(mismatches.getList("items"))
                .as("no mismatch for the net payment")
                .isEmpty();
        assertThat(paidId).isNotEqualTo(secondId);
    }

    @Test
    void whatNoPaymentCoversIsRepaidByStatementCreditsQuotingTheOrder() throws Exception {
        int year = LocalDate.now(CHINA).getYear();
        String applicant = newApplicant();
        UUID applicationId = UUID.randomUUID();
        UUID reservationId = UUID.randomUUID();
        award(applicationId, reservationId, applicant, year, List.of());
        awaitPaid(applicationId, year);

        JsonPath order = asFinance()
                .body(Map.of(
                        "applicationId", applicationId.toString(),
                        "amount", "600.00",
                        "basis", "FRAUD",
                        "reasonsZh", "伪造研发人员名单"))
                .post("/recoveries")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        String orderId = order.getString("id");
        String reference = order.getString("reference");

        // a part repaid, quoted lower case in the remittance text
        String first = "reference,amount,booked_on,direction\n"
                + "退款 " + reference.toLowerCase() + ",250.00,2000-01-02,CREDIT\n"
                + "RCV-000000000000,9.00,2000-01-02,CREDIT\n";
        String firstId = importCsv(first).jsonPath().getString("id");
        JsonPath part = asFinance()
                .get("/recoveries/" + orderId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(part.getString("status")).isEqualTo("OUTSTANDING");
        assertThat(part.getObject("recovered", BigDecimal.class)).isEqualByComparingTo("250.00");
        assertThat(part.getObject("outstanding", BigDecimal.class)).isEqualByComparingTo("350.00");
        assertThat(part.getList("entries.kind", String.class)).containsExactly("REPAYMENT");
        assertThat(part.getString("entries[0].statementId")).isEqualTo(firstId);
        // a credit quoting no order's reference is for finance to look at
        JsonPath mismatches = asFinance()
                .get("/statements/" + firstId + "/mismatches")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(mismatches.getList("items.kind", String.class)).containsExactly("UNMATCHED_CREDIT");
        assertThat(mismatches.getList("items[0].lines", Integer.class)).containsExactly(3);

        // the same file again repays nothing more; a larger credit settles the rest, and no more
        assertThat(importCsv(first).statusCode()).isEqualTo(200);
        String secondId = importCsv(
                        "reference,amount,booked_on,direction\n" + reference + ",400.00,2000-01-03,CREDIT\n")
                .jsonPath()
                .getString("id");
        // the 50.00 above what was owed is the enterprise's: finance sees it to pay it back
        JsonPath surplus = asFinance()
                .get("/statements/" + secondId + "/mismatches")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(surplus.getList("items.kind", String.class)).containsExactly("OVERPAID_CREDIT");
        assertThat(surplus.getString("items[0].reference")).isEqualTo(reference);
        assertThat(surplus.getObject("items[0].expected", BigDecimal.class)).isEqualByComparingTo("350.00");
        assertThat(surplus.getObject("items[0].booked", BigDecimal.class)).isEqualByComparingTo("400.00");
        assertThat(surplus.getString("items[0].messageZh")).contains("多缴 50.00");
        assertThat(surplus.getInt("counts.OVERPAID_CREDIT")).isEqualTo(1);
        JsonPath settled = asFinance()
                .get("/recoveries/" + orderId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(settled.getString("status")).isEqualTo("SETTLED");
        assertThat(settled.getObject("recovered", BigDecimal.class)).isEqualByComparingTo("600.00");
        assertThat(settled.getList("entries.amount", BigDecimal.class))
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("250.00"), new BigDecimal("350.00"));

        List<ReverseFundsV1> reversals = reversalsOf(applicationId, 2);
        assertThat(reversals).extracting(ReverseFundsV1::reservationId).containsOnly(reservationId);
        assertThat(reversals)
                .extracting(ReverseFundsV1::amount)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactlyInAnyOrder(new BigDecimal("250.00"), new BigDecimal("350.00"));

        // listed as settled, found by its applicant
        JsonPath listed = asFinance()
                .queryParam("applicantId", applicant)
                .queryParam("status", "SETTLED")
                .get("/recoveries")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(listed.getList("items.id", String.class)).containsExactly(orderId);
        // 1000 paid, 600 ordered: no more than 400 can be ordered
        Response more = asFinance()
                .body(Map.of(
                        "applicationId", applicationId.toString(),
                        "amount", "400.01",
                        "basis", "FRAUD",
                        "reasonsZh", "再次追回"))
                .post("/recoveries");
        assertThat(more.statusCode()).isEqualTo(422);
    }

    @Test
    void aBadOrderIsAProblemNamingTheFieldAndChangesNothing() throws Exception {
        int year = LocalDate.now(CHINA).getYear();
        String applicant = newApplicant();
        UUID applicationId = UUID.randomUUID();
        award(applicationId, UUID.randomUUID(), applicant, year, List.of());
        awaitPaid(applicationId, year);

        String application = applicationId.toString();
        Response fen = post(order(application, "amount", "10.001"));
        assertThat(fen.statusCode()).isEqualTo(400);
        assertThat(fen.contentType()).startsWith("application/problem+json");
        assertThat(fen.jsonPath().getString("errors[0].field")).isEqualTo("amount");
        Response zero = post(order(application, "amount", "0.00"));
        assertThat(zero.jsonPath().getString("errors[0].field")).isEqualTo("amount");
        Response noReasons = post(order(application, "reasonsZh", null));
        assertThat(noReasons.statusCode()).isEqualTo(400);
        assertThat(noReasons.jsonPath().getList("errors.field", String.class)).contains("reasonsZh");
        Response longReasons = post(order(application, "reasonsZh", "理".repeat(2001)));
        assertThat(longReasons.statusCode()).isEqualTo(400);
        assertThat(longReasons.jsonPath().getList("errors.field", String.class)).contains("reasonsZh");
        // one answer names every fault it can see
        Response twoFaults = post(order(application, "amount", "1.005", "reasonsZh", null));
        assertThat(twoFaults.statusCode()).isEqualTo(400);
        assertThat(twoFaults.jsonPath().getList("errors.field", String.class))
                .containsExactlyInAnyOrder("amount", "reasonsZh");
        Response badBasis = post(order(application, "basis", "RUMOUR"));
        assertThat(badBasis.statusCode()).isEqualTo(400);
        Response nothingPaid = post(order(UUID.randomUUID().toString()));
        assertThat(nothingPaid.statusCode()).isEqualTo(422);
        assertThat(nothingPaid.jsonPath().getString("code")).isEqualTo("NOTHING_PAID");
        Response badKey = asFinance()
                .header("Idempotency-Key", "no spaces")
                .body(order(application))
                .post("/recoveries");
        assertThat(badKey.statusCode()).isEqualTo(400);
        assertThat(badKey.jsonPath().getString("errors[0].field")).isEqualTo("Idempotency-Key");

        assertThat(asFinance()
                        .queryParam("applicationId", application)
                        .get("/recoveries")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getLong("total"))
                .as("orders of the application")
                .isZero();

        // finance alone orders; an enterprise sees no one else's orders
        Response byReviewer = as(token("rev-industry")).body(order(application)).post("/recoveries");
        assertThat(byReviewer.statusCode()).isEqualTo(403);
        String orderId = post(order(application))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getString("id");
        String gamma = token("ent-gamma");
        assertThat(as(gamma).get("/recoveries/" + orderId).statusCode()).isEqualTo(404);
        assertThat(as(gamma)
                        .get("/recoveries")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("items.id"))
                .doesNotContain(orderId);
        // the department of the award reads it
        assertThat(as(token("rev-industry")).get("/recoveries/" + orderId).statusCode())
                .isEqualTo(200);
    }

    // ---- helpers ----

    /** A valid order of 10.00 for fraud, with {@code change} (field, value; a null value leaves the field out). */
    private static Map<String, Object> order(String applicationId, Object... change) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("applicationId", applicationId);
        body.put("amount", "10.00");
        body.put("basis", "FRAUD");
        body.put("reasonsZh", "欺诈");
        for (int i = 0; i < change.length; i += 2) {
            if (change[i + 1] == null) {
                body.remove((String) change[i]);
            } else {
                body.put((String) change[i], change[i + 1]);
            }
        }
        return body;
    }

    private static Response post(Map<String, Object> body) {
        return asFinance().body(body).post("/recoveries");
    }

    private static Response importCsv(String csv) {
        Response r = asFinance()
                .contentType("text/csv")
                .body(csv.getBytes(StandardCharsets.UTF_8))
                .post("/statements");
        assertThat(r.statusCode()).as(r.asString()).isIn(200, 201);
        return r;
    }

    /** An approved award of the applicant and its reservation: one-off when {@code instalments} is empty. */
    private void award(
            UUID applicationId, UUID reservationId, String applicant, int year, List<InstalmentAmount> instalments)
            throws Exception {
        BigDecimal amount = instalments.isEmpty()
                ? new BigDecimal("1000.00")
                : instalments.stream().map(InstalmentAmount::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        ApplicationStatusChangedV1 change = new ApplicationStatusChangedV1(
                applicationId,
                applicant,
                PROGRAMME,
                "IN_ANNOUNCEMENT",
                "APPROVED",
                "close_announcement",
                amount,
                null,
                null,
                null,
                reservationId,
                "industry",
                Instant.now());
        TestKafka.send(
                KafkaTopicsResource.bootstrapServers(),
                KafkaTopicsResource.topic(Topics.APPLICATION_EVENTS),
                applicationId.toString(),
                MessageType.APPLICATION_STATUS_CHANGED_V1.ceType(),
                json.writeValueAsString(change),
                UUID.randomUUID().toString());
        FundsReservedV1 reserved = new FundsReservedV1(
                reservationId,
                applicationId,
                PROGRAMME,
                "industry",
                applicant,
                "enterprise",
                year,
                amount,
                instalments,
                FundsReservedV1.ORIGIN_APPLICATION,
                null,
                null,
                null,
                Instant.now());
        TestKafka.send(
                KafkaTopicsResource.bootstrapServers(),
                KafkaTopicsResource.topic(Topics.RESERVATION_EVENTS),
                applicationId.toString(),
                MessageType.FUNDS_RESERVED_V1.ceType(),
                json.writeValueAsString(reserved),
                UUID.randomUUID().toString());
    }

    /** The id of the application's payment of the fiscal year, once it is paid. */
    private String awaitPaid(UUID applicationId, int year) {
        String[] id = new String[1];
        Awaitility.await("the " + year + " payment of " + applicationId)
                .atMost(WAIT)
                .until(() -> {
                    JsonPath page = asFinance()
                            .queryParam("applicationId", applicationId.toString())
                            .queryParam("status", "PAID")
                            .get("/payments")
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath();
                    List<Integer> years = page.getList("items.fiscalYear", Integer.class);
                    int i = years.indexOf(year);
                    if (i < 0) {
                        return false;
                    }
                    id[0] = page.getString("items[" + i + "].id");
                    return true;
                });
        return id[0];
    }

    private interface RecordCheck {
        boolean test(ConsumerRecord<String, String> record);
    }

    private static ConsumerRecord<String, String> awaitEvent(UUID applicationId, MessageType type, RecordCheck check) {
        List<ConsumerRecord<String, String>> read = TestKafka.read(
                KafkaTopicsResource.bootstrapServers(),
                KafkaTopicsResource.topic(Topics.PAYMENT_EVENTS),
                WAIT,
                records -> records.stream().anyMatch(r -> matches(r, applicationId, type) && check.test(r)));
        return read.stream()
                .filter(r -> matches(r, applicationId, type) && check.test(r))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " of " + applicationId));
    }

    private static boolean matches(ConsumerRecord<String, String> r, UUID applicationId, MessageType type) {
        return applicationId.toString().equals(r.key())
                && type.ceType().equals(TestKafka.header(r, CloudEventHeaders.TYPE));
    }

    /**
     * The reversals asked for the application's award, read until {@code expected} are there and
     * a little longer, so that one asked twice would show.
     */
    private List<ReverseFundsV1> reversalsOf(UUID applicationId, int expected) throws Exception {
        String topic = KafkaTopicsResource.topic(Topics.BUDGET_COMMANDS);
        TestKafka.read(
                KafkaTopicsResource.bootstrapServers(),
                topic,
                WAIT,
                records ->
                        records.stream().filter(r -> reversal(r, applicationId)).count() >= expected);
        List<ConsumerRecord<String, String>> read =
                TestKafka.read(KafkaTopicsResource.bootstrapServers(), topic, Duration.ofSeconds(3), records -> false);
        List<ReverseFundsV1> out = new ArrayList<>();
        for (ConsumerRecord<String, String> r : read) {
            if (reversal(r, applicationId)) {
                out.add(json.readValue(r.value(), ReverseFundsV1.class));
            }
        }
        return out;
    }

    private static boolean reversal(ConsumerRecord<String, String> r, UUID applicationId) {
        return applicationId.toString().equals(r.key())
                && MessageType.REVERSE_FUNDS_V1.ceType().equals(TestKafka.header(r, CloudEventHeaders.TYPE));
    }
}
