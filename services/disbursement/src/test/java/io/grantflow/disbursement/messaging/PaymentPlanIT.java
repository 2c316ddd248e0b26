package io.grantflow.disbursement.messaging;

import static io.grantflow.disbursement.testing.RealmTokens.as;
import static io.grantflow.disbursement.testing.RealmTokens.asFinance;
import static io.grantflow.disbursement.testing.RealmTokens.token;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.contracts.CloudEventHeaders;
import io.grantflow.contracts.MessageType;
import io.grantflow.contracts.Topics;
import io.grantflow.contracts.events.ApplicationStatusChangedV1;
import io.grantflow.contracts.events.FundsReservedV1;
import io.grantflow.contracts.events.FundsVoidedV1;
import io.grantflow.contracts.events.InstalmentAmount;
import io.grantflow.contracts.events.PaymentCompletedV1;
import io.grantflow.disbursement.application.PlanJob;
import io.grantflow.disbursement.domain.PaymentOrder;
import io.grantflow.disbursement.testing.TestClock;
import io.grantflow.disbursement.testing.TestDatabase;
import io.grantflow.platform.testing.KafkaTopicsResource;
import io.grantflow.platform.testing.TestKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Payment plans over the real broker, database and Keycloak: a staged award's later instalments
 * are paid as their fiscal years open (the service's clock set by the test), a milestone only
 * after its department confirmed it, an instalment the budget released waits and is listed, and
 * nothing is paid twice when events come again or two rounds of the plan job race.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTopicsResource.class)
class PaymentPlanIT {
    private static final String ALPHA = "91320214AY4CL12T29";
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    TestClock clock;

    @Inject
    PlanJob job;

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

    private static int thisYear() {
        return LocalDate.now(CHINA).getYear();
    }

    /** The first moment of 1 January of {@code year} in China, where the fiscal year begins. */
    private static Instant newYear(int year) {
        return LocalDate.of(year, 1, 1).atStartOfDay(CHINA).toInstant();
    }

    @Test
    void aFourYearStagedAwardPaysEachLaterInstalmentAsItsYearOpensAndNothingTwice() throws Exception {
        int year = thisYear();
        UUID applicationId = UUID.randomUUID();
        UUID reservationId = UUID.randomUUID();
        List<InstalmentAmount> reserved = List.of(
                new InstalmentAmount(year, new BigDecimal("1000.00")),
                new InstalmentAmount(year + 1, new BigDecimal("1000.00")),
                new InstalmentAmount(year + 2, new BigDecimal("1000.00")),
                new InstalmentAmount(year + 3, new BigDecimal("1000.01")));
        approved(applicationId, reservationId, "4000.01");
        FundsReservedV1 event = reservation(applicationId, reservationId, year, "4000.01", reserved);
        send(event);

        // this year's instalment is paid now; the later ones are scheduled for 1 January of theirs
        JsonPath plan = awaitPlan(applicationId, p -> "PAID".equals(p.getString("instalments[0].status")));
        String planId = plan.getString("id");
        assertThat(plan.getString("reservationId")).isEqualTo(reservationId.toString());
        assertThat(plan.getObject("awardAmount", BigDecimal.class)).isEqualByComparingTo("4000.01");
        // the plan's instalments are the reservation's, year by year
        assertThat(plan.getList("instalments.fiscalYear", Integer.class))
                .containsExactly(year, year + 1, year + 2, year + 3);
        assertThat(plan.getList("instalments.amount", BigDecimal.class))
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(
                        new BigDecimal("1000.00"),
                        new BigDecimal("1000.00"),
                        new BigDecimal("1000.00"),
                        new BigDecimal("1000.01"));
        assertThat(plan.getList("instalments.condition", String.class))
                .containsExactly("NONE", "FISCAL_YEAR_START", "FISCAL_YEAR_START", "FISCAL_YEAR_START");
        assertThat(plan.getList("instalments.dueDate", String.class).subList(1, 4))
                .containsExactly(year + 1 + "-01-01", year + 2 + "-01-01", year + 3 + "-01-01");
        assertThat(plan.getList("instalments.status", String.class).subList(1, 4))
                .containsOnly("SCHEDULED");
        assertThat(plan.getString("status")).isEqualTo("ACTIVE");

        // the last minute of the year (in China) pays nothing more
        clock.set(newYear(year + 1).minusSeconds(60));
        job.runOnce();
        assertThat(plan(planId).getString("instalments[1].status")).isEqualTo("SCHEDULED");

        for (int later = 1; later <= 3; later++) {
            clock.set(newYear(year + later).plusSeconds(60));
            int seq = later;
            JsonPath now = awaitPlan(planId, p -> "PAID".equals(p.getString("instalments[" + seq + "].status")));
            if (later < 3) {
                assertThat(now.getString("instalments[" + (later + 1) + "].status"))
                        .as("the instalment of the year after")
                        .isEqualTo("SCHEDULED");
            }
        }

        JsonPath done = plan(planId);
        assertThat(done.getString("status")).isEqualTo("COMPLETED");
        assertThat(done.getObject("paidAmount", BigDecimal.class)).isEqualByComparingTo("4000.01");

        // the reservation announced again, two rounds of the plan job racing (two instances): nothing more
        send(event);
        List<CompletableFuture<Integer>> rounds = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            rounds.add(CompletableFuture.supplyAsync(job::runOnce));
        }
        for (CompletableFuture<Integer> round : rounds) {
            assertThat(round.get()).isZero();
        }
        List<ConsumerRecord<String, String>> completed = drain(applicationId);
        assertThat(completed).as("payment events of the award").hasSize(4);
        List<Integer> paidYears = new ArrayList<>();
        for (ConsumerRecord<String, String> r : completed) {
            PaymentCompletedV1 paid = json.readValue(r.value(), PaymentCompletedV1.class);
            assertThat(paid.reservationId()).isEqualTo(reservationId);
            paidYears.add(Integer.parseInt(db.value("SELECT fiscal_year FROM payment WHERE id = ?", paid.paymentId())));
        }
        assertThat(paidYears).containsExactlyInAnyOrder(year, year + 1, year + 2, year + 3);
        JsonPath payments = asFinance()
                .queryParam("applicationId", applicationId.toString())
                .get("/payments")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(payments.getList("items")).hasSize(4);
        assertThat(payments.getList("items.status", String.class)).containsOnly("PAID");
        for (int y = year; y <= year + 3; y++) {
            assertThat(db.value(
                            "SELECT count(*) FROM simulated_treasury_payment WHERE order_key = ?::uuid",
                            PaymentOrder.keyOf(reservationId, y).toString()))
                    .as("orders the treasury executed for " + y)
                    .isEqualTo("1");
        }
    }

    @Test
    void aMilestoneInstalmentIsPaidOnlyAfterItsDepartmentConfirmedIt() throws Exception {
        int year = thisYear();
        UUID applicationId = UUID.randomUUID();
        UUID reservationId = UUID.randomUUID();
        approved(applicationId, reservationId, "300.00");
        send(reservation(
                applicationId,
                reservationId,
                year,
                "300.00",
                List.of(
                        new InstalmentAmount(year, new BigDecimal("100.00")),
                        new InstalmentAmount(year + 1, new BigDecimal("200.00"), InstalmentAmount.MILESTONE))));
        JsonPath plan = awaitPlan(applicationId, p -> "PAID".equals(p.getString("instalments[0].status")));
        String planId = plan.getString("id");
        assertThat(plan.getString("instalments[1].condition")).isEqualTo("MILESTONE");

        // its year has come, its milestone not
        clock.set(newYear(year + 1).plus(Duration.ofDays(60)));
        job.runOnce();
        assertThat(plan(planId).getString("instalments[1].status")).isEqualTo("SCHEDULED");

        String industry = token("rev-industry");
        Map<String, String> evidence =
                Map.of("evidence", "验收通过：专家组现场验收 / acceptance passed on site", "evidenceRef", "YS-" + year + "-014");
        String path = "/payment-plans/" + planId + "/instalments/" + (year + 1) + "/milestone";
        // another department's reviewer does not see the plan; finance does not confirm milestones
        as(token("rev-science")).body(evidence).post(path).then().statusCode(404);
        as(token("fin-officer")).body(evidence).post(path).then().statusCode(403);
        as(industry).body(Map.of("evidenceRef", "YS-1")).post(path).then().statusCode(400);
        assertThat(as(industry)
                        .body(evidence)
                        .post("/payment-plans/" + planId + "/instalments/" + year + "/milestone")
                        .then()
                        .statusCode(409)
                        .extract()
                        .jsonPath()
                        .getString("code"))
                .isEqualTo("NOT_A_MILESTONE");

        JsonPath confirmed = as(industry)
                .body(evidence)
                .post(path)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(confirmed.getString("instalments[1].milestone.confirmedBy")).isEqualTo("rev-industry");
        assertThat(confirmed.getString("instalments[1].milestone.evidenceRef")).isEqualTo("YS-" + year + "-014");

        JsonPath paid = awaitPlan(planId, p -> "PAID".equals(p.getString("instalments[1].status")));
        assertThat(paid.getString("status")).isEqualTo("COMPLETED");
        // the same confirmation again changes nothing; other evidence is refused
        as(industry).body(evidence).post(path).then().statusCode(200);
        String code = as(industry)
                .body(Map.of("evidence", "另一份 / another"))
                .post(path)
                .then()
                .statusCode(409)
                .extract()
                .jsonPath()
                .getString("code");
        assertThat(code).isEqualTo("ALREADY_CONFIRMED");
        assertThat(drain(applicationId)).as("payment events of the award").hasSize(2);
    }

    @Test
    void anInstalmentTheBudgetReleasedWaitsWithItsReasonAndIsListedNeverPaid() throws Exception {
        int year = thisYear();
        UUID applicationId = UUID.randomUUID();
        UUID reservationId = UUID.randomUUID();
        approved(applicationId, reservationId, "500.00");
        send(reservation(
                applicationId,
                reservationId,
                year,
                "500.00",
                List.of(
                        new InstalmentAmount(year, new BigDecimal("250.00")),
                        new InstalmentAmount(year + 1, new BigDecimal("250.00")))));
        String planId = awaitPlan(applicationId, p -> "PAID".equals(p.getString("instalments[0].status")))
                .getString("id");

        // finance releases what is left of the reservation (or the budget voids it after a failed payment)
        FundsVoidedV1 voided = new FundsVoidedV1(
                reservationId, applicationId, new BigDecimal("250.00"), "项目终止 / project ended", Instant.now());
        TestKafka.send(
                KafkaTopicsResource.bootstrapServers(),
                KafkaTopicsResource.topic(Topics.RESERVATION_EVENTS),
                applicationId.toString(),
                MessageType.FUNDS_VOIDED_V1.ceType(),
                json.writeValueAsString(voided),
                UUID.randomUUID().toString());
        JsonPath waiting = awaitPlan(planId, p -> "WAITING".equals(p.getString("instalments[1].status")));
        assertThat(waiting.getString("instalments[1].waitReason")).isEqualTo("RESERVATION_VOIDED");
        assertThat(waiting.getString("status")).isEqualTo("WAITING");

        clock.set(newYear(year + 1).plusSeconds(60));
        job.runOnce();
        assertThat(plan(planId).getString("instalments[1].status")).isEqualTo("WAITING");
        JsonPath listed = asFinance()
                .queryParam("status", "WAITING")
                .queryParam("applicationId", applicationId.toString())
                .get("/payment-plans")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(listed.getList("items.id", String.class)).containsExactly(planId);
        asFinance().queryParam("status", "LOST").get("/payment-plans").then().statusCode(400);
        assertThat(drain(applicationId)).as("payment events of the award").hasSize(1);
    }

    // ---- helpers ----

    private void approved(UUID applicationId, UUID reservationId, String amount) throws Exception {
        ApplicationStatusChangedV1 change = new ApplicationStatusChangedV1(
                applicationId,
                ALPHA,
                "S3-PROVINCIAL-KEY-LAB",
                "IN_ANNOUNCEMENT",
                "APPROVED",
                "close_announcement",
                new BigDecimal(amount),
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
    }

    private static FundsReservedV1 reservation(
            UUID applicationId, UUID reservationId, int year, String amount, List<InstalmentAmount> instalments) {
        return new FundsReservedV1(
                reservationId,
                applicationId,
                "S3-PROVINCIAL-KEY-LAB",
                "industry",
                ALPHA,
                "enterprise",
                year,
                new BigDecimal(amount),
                instalments,
                FundsReservedV1.ORIGIN_APPLICATION,
                null,
                null,
                null,
                Instant.now());
    }

    /** The reservation announced, each time under a new event id (a redelivery by another producer's retry). */
    private void send(FundsReservedV1 event) throws Exception {
        TestKafka.send(
                KafkaTopicsResource.bootstrapServers(),
                KafkaTopicsResource.topic(Topics.RESERVATION_EVENTS),
                event.applicationId().toString(),
                MessageType.FUNDS_RESERVED_V1.ceType(),
                json.writeValueAsString(event),
                UUID.randomUUID().toString());
    }

    private interface PlanCheck {
        boolean test(JsonPath plan);
    }

    private static JsonPath awaitPlan(UUID applicationId, PlanCheck check) {
        JsonPath[] last = new JsonPath[1];
        Awaitility.await("the plan of " + applicationId).atMost(WAIT).until(() -> {
            JsonPath page = asFinance()
                    .queryParam("applicationId", applicationId.toString())
                    .get("/payment-plans")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            if (page.getList("items").isEmpty()) {
                return false;
            }
            last[0] = plan(page.getString("items[0].id"));
            return check.test(last[0]);
        });
        return last[0];
    }

    private static JsonPath awaitPlan(String planId, PlanCheck check) {
        JsonPath[] last = new JsonPath[1];
        Awaitility.await("plan " + planId).atMost(WAIT).until(() -> {
            last[0] = plan(planId);
            return check.test(last[0]);
        });
        return last[0];
    }

    private static JsonPath plan(String planId) {
        return asFinance()
                .get("/payment-plans/" + planId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** Every PaymentCompletedV1 of the application, read up to one of a later award on its partition. */
    private List<ConsumerRecord<String, String>> drain(UUID applicationId) throws Exception {
        int partitions = TestKafka.partitions(Topics.RESERVATION_EVENTS);
        UUID later = TestKafka.keyOnPartition(TestKafka.partitionOf(applicationId.toString(), partitions), partitions);
        UUID laterReservation = UUID.randomUUID();
        approved(later, laterReservation, "1.00");
        send(reservation(later, laterReservation, thisYear(), "1.00", List.of()));
        return TestKafka.read(
                        KafkaTopicsResource.bootstrapServers(),
                        KafkaTopicsResource.topic(Topics.PAYMENT_EVENTS),
                        WAIT,
                        records ->
                                records.stream().anyMatch(r -> later.toString().equals(r.key()) && completed(r)))
                .stream()
                .filter(r -> applicationId.toString().equals(r.key()) && completed(r))
                .toList();
    }

    private static boolean completed(ConsumerRecord<String, String> r) {
        return MessageType.PAYMENT_COMPLETED_V1.ceType().equals(TestKafka.header(r, CloudEventHeaders.TYPE));
    }
}
