package io.grantflow.budget.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.budget.application.BudgetCommands;
import io.grantflow.budget.application.Ledger;
import io.grantflow.budget.application.LedgerWriter;
import io.grantflow.budget.domain.Catalogue;
import io.grantflow.budget.domain.LedgerResult;
import io.grantflow.contracts.CloudEventHeaders;
import io.grantflow.contracts.MessageType;
import io.grantflow.contracts.Topics;
import io.grantflow.contracts.commands.ReserveFundsV1;
import io.grantflow.contracts.events.InstalmentAmount;
import io.grantflow.contracts.events.PaymentCompletedV1;
import io.grantflow.platform.catalogue.ProgrammeDirectory;
import io.grantflow.platform.messaging.MessageContext;
import io.grantflow.platform.testing.CatalogueFixture;
import io.grantflow.platform.testing.KafkaTopicsResource;
import io.grantflow.platform.testing.TestKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reservations on the real database and broker as finance, reviewers and operators follow them
 * over REST: read, void, claw back, allocate, burn down, forecast. No reservation is made over
 * REST (an award's comes from its approval, as the applications service sends it; a district
 * block grant's from two finance officers, {@code BlockGrantResourceIT}): here they are made
 * through the ledger as the budget's Kafka consumer makes them.
 *
 * <p>The test database outlives a run: each test takes a fiscal year of its own (random per run)
 * and leaves the headroom it needs by setting the total from what that year already holds.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTopicsResource.class)
class ReservationResourceIT {
    // each test class of this service has years of its own (2000-2019 here), so none sees another's reservations
    private static final int BASE_YEAR = 2000 + ThreadLocalRandom.current().nextInt(0, 2) * 10;
    private static final String ALPHA = "91320214AY4CL12T29";

    @Inject
    ObjectMapper json;

    @Inject
    Ledger ledger;

    @Inject
    ProgrammeDirectory directory;

    /** The programme directory, as eligibility publishes it, whichever test class runs first. */
    @BeforeEach
    void catalogue() {
        if (!directory.known()) {
            CatalogueFixture.publish(json, directory);
        }
    }

    private static RequestSpecification api() {
        return given().config(RestAssured.config()
                .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL)));
    }

    private static BigDecimal money(Response r, String path) {
        return r.jsonPath().getObject(path, BigDecimal.class);
    }

    /** Sets the year's total so that exactly {@code headroom} is left; returns what was committed before. */
    private static BigDecimal leaveHeadroom(int year, String headroom) {
        Response before = api().when().get("/budgets/" + year);
        BigDecimal committed = before.statusCode() == 404
                ? BigDecimal.ZERO
                : money(before, "pending").add(money(before, "posted"));
        Response set = api().contentType(ContentType.JSON)
                .body(Map.of("total", committed.add(new BigDecimal(headroom))))
                .when()
                .put("/budgets/" + year);
        assertThat(set.statusCode()).as(set.asString()).isEqualTo(200);
        return committed;
    }

    private static Map<String, Object> reservation(UUID id, int year, String beneficiary, String amount) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reservationId", id);
        body.put("applicationId", UUID.nameUUIDFromBytes(id.toString().getBytes()));
        body.put("programme", "S4-EDGE-COMPUTE");
        body.put("department", "industry");
        body.put("beneficiaryId", beneficiary);
        body.put("fiscalYear", year);
        body.put("amount", new BigDecimal(amount));
        return body;
    }

    /** Reserves through the ledger, as the consumer of budget.commands does for an approval. */
    private LedgerResult reserve(Map<String, Object> body) {
        @SuppressWarnings("unchecked") // the test's own bodies
        List<Map<String, Object>> plan = (List<Map<String, Object>>) body.getOrDefault("instalments", List.of());
        ReserveFundsV1 command = new ReserveFundsV1(
                (UUID) body.get("reservationId"),
                (UUID) body.get("applicationId"),
                (String) body.get("programme"),
                (String) body.get("department"),
                (String) body.get("beneficiaryId"),
                null,
                (Integer) body.get("fiscalYear"),
                (BigDecimal) body.get("amount"),
                plan.stream()
                        .map(i -> new InstalmentAmount(
                                (Integer) i.get("fiscalYear"),
                                new BigDecimal(i.get("amount").toString()),
                                (String) i.get("condition")))
                        .toList(),
                List.of(),
                Instant.now());
        Instant expiresAt = body.containsKey("expiresAt")
                ? Instant.parse(body.get("expiresAt").toString())
                : null;
        return ledger.apply(
                        BudgetCommands.reserve(command, expiresAt, ledger.rules(), Catalogue.UNPUBLISHED),
                        LedgerWriter.Origin.of(
                                new MessageContext(command.applicationId().toString(), null), "test"))
                .await()
                .atMost(Duration.ofSeconds(30));
    }

    private static List<ConsumerRecord<String, String>> eventsFor(UUID applicationId, MessageType type, int count) {
        return TestKafka.read(
                        KafkaTopicsResource.bootstrapServers(),
                        KafkaTopicsResource.topic(Topics.RESERVATION_EVENTS),
                        Duration.ofSeconds(60),
                        records -> records.stream()
                                        .filter(r -> applicationId.toString().equals(r.key())
                                                && type.ceType().equals(TestKafka.header(r, CloudEventHeaders.TYPE)))
                                        .count()
                                >= count)
                .stream()
                .filter(r -> applicationId.toString().equals(r.key())
                        && type.ceType().equals(TestKafka.header(r, CloudEventHeaders.TYPE)))
                .toList();
    }

    @Test
    @TestSecurity(user = "fin-officer", roles = "finance")
    void theSameIdWithTheSameBodyReturnsTheFirstAnswerAndWithAnotherBodyIsAConflictThatChangesNothing() {
        int year = BASE_YEAR + 2;
        leaveHeadroom(year, "1000.00");
        UUID id = UUID.randomUUID();
        Map<String, Object> body = reservation(id, year, ALPHA, "300.00");
        assertThat(reserve(body))
                .isInstanceOfSatisfying(
                        LedgerResult.Reserved.class, r -> assertThat(r.replay()).isFalse());
        assertThat(reserve(body))
                .isInstanceOfSatisfying(
                        LedgerResult.Reserved.class, r -> assertThat(r.replay()).isTrue());
        Map<String, Object> other = new LinkedHashMap<>(body);
        other.put("amount", new BigDecimal("301.00"));
        assertThat(reserve(other))
                .isInstanceOfSatisfying(
                        LedgerResult.Rejected.class, r -> assertThat(r.code()).isEqualTo("IDEMPOTENCY_CONFLICT"));
        assertThat(money(api().get("/reservations/" + id), "amount")).isEqualByComparingTo("300.00");
        assertThat(money(api().get("/budgets/" + year), "available")).isEqualByComparingTo("700.00");
    }

    @Test
    @TestSecurity(user = "fin-officer", roles = "finance")
    void noReservationIsMadeOverRestNotEvenByFinance() {
        int year = BASE_YEAR + 3;
        leaveHeadroom(year, "1000.00");
        UUID id = UUID.randomUUID();
        Response attempt = api().contentType(ContentType.JSON)
                .body(reservation(id, year, ALPHA, "10.00"))
                .when()
                .post("/reservations");
        assertThat(attempt.statusCode()).as("there is no such endpoint").isEqualTo(404);
        assertThat(attempt.contentType()).startsWith("application/problem+json");
        assertThat(api().get("/reservations/" + id).statusCode()).isEqualTo(404);
        assertThat(money(api().get("/budgets/" + year), "available")).isEqualByComparingTo("1000.00");
    }

    @Test
    @TestSecurity(user = "rev-industry", roles = "reviewer")
    @OidcSecurity(claims = @Claim(key = "department", value = "industry"))
    void aReviewerNeitherReservesNorVoidsAndReadsOnlyTheirDepartmentsReservations() {
        UUID ours = UUID.randomUUID();
        UUID theirs = UUID.randomUUID();
        reserve(reservation(ours, BASE_YEAR + 4, ALPHA, "1.00"));
        Map<String, Object> science = reservation(theirs, BASE_YEAR + 4, ALPHA, "1.00");
        science.put("department", "science");
        reserve(science);
        assertThat(api().get("/reservations/" + ours).statusCode()).isEqualTo(200);
        assertThat(api().get("/reservations/" + theirs).statusCode()).isEqualTo(404);
        assertThat(api().contentType(ContentType.JSON)
                        .body(reservation(UUID.randomUUID(), BASE_YEAR + 4, ALPHA, "1.00"))
                        .post("/reservations")
                        .statusCode())
                .isEqualTo(404);
        assertThat(api().contentType(ContentType.JSON)
                        .body(Map.of("reason", "x"))
                        .post("/reservations/" + ours + "/void")
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    @TestSecurity(user = "ent-alpha", roles = "enterprise")
    void anEnterpriseCannotReadTheLedger() {
        assertThat(api().get("/reservations/" + UUID.randomUUID()).statusCode()).isEqualTo(403);
        assertThat(api().get("/beneficiaries/" + ALPHA + "/headroom?fiscalYear=2026")
                        .statusCode())
                .isEqualTo(403);
        assertThat(api().get("/budgets/2026/forecast").statusCode()).isEqualTo(403);
    }

    @Test
    @TestSecurity(user = "fin-officer", roles = "finance")
    void aClawbackReturnsPostedMoneyOnceAndIsAnnounced() throws Exception {
        int year = BASE_YEAR + 5;
        leaveHeadroom(year, "1000.00");
        UUID id = UUID.randomUUID();
        Map<String, Object> body = reservation(id, year, ALPHA, "400.00");
        UUID applicationId = (UUID) body.get("applicationId");
        assertThat(reserve(body)).isInstanceOf(LedgerResult.Reserved.class);
        PaymentCompletedV1 paid = new PaymentCompletedV1(
                UUID.randomUUID(), applicationId, id, ALPHA, new BigDecimal("400.00"), "TR-1", Instant.now());
        TestKafka.send(
                KafkaTopicsResource.bootstrapServers(),
                KafkaTopicsResource.topic(Topics.PAYMENT_EVENTS),
                applicationId.toString(),
                MessageType.PAYMENT_COMPLETED_V1.ceType(),
                json.writeValueAsString(paid),
                UUID.randomUUID().toString());
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(() -> "POSTED"
                        .equals(api().get("/reservations/" + id).jsonPath().getString("status")));
        Map<String, Object> clawback = Map.of(
                "reversalId",
                UUID.randomUUID(),
                "amount",
                new BigDecimal("150.00"),
                "reason",
                "审计发现虚报 / audit finding");
        Response reversed =
                api().contentType(ContentType.JSON).body(clawback).post("/reservations/" + id + "/reversals");
        assertThat(reversed.statusCode()).as(reversed.asString()).isEqualTo(200);
        assertThat(money(reversed, "reversed")).isEqualByComparingTo("150.00");
        // the same clawback again changes nothing
        assertThat(api().contentType(ContentType.JSON)
                        .body(clawback)
                        .post("/reservations/" + id + "/reversals")
                        .statusCode())
                .isEqualTo(200);
        Response budget = api().get("/budgets/" + year);
        assertThat(money(budget, "available")).isEqualByComparingTo("750.00");
        Response tooMuch = api().contentType(ContentType.JSON)
                .body(Map.of("reversalId", UUID.randomUUID(), "amount", new BigDecimal("250.01"), "reason", "again"))
                .post("/reservations/" + id + "/reversals");
        assertThat(tooMuch.statusCode()).isEqualTo(422);
        assertThat(tooMuch.jsonPath().getString("code")).isEqualTo("AMOUNT_TOO_LARGE");
        List<ConsumerRecord<String, String>> events = eventsFor(applicationId, MessageType.FUNDS_REVERSED_V1, 1);
        assertThat(events).hasSize(1);
        assertThat(json.readTree(events.get(0).value()).get("amount").asText()).isEqualTo("150.00");
    }

    @Test
    @TestSecurity(user = "fin-officer", roles = "finance")
    void aVoidedReservationReturnsItsMoneyAndCannotThenBePosted() throws Exception {
        int year = BASE_YEAR + 6;
        leaveHeadroom(year, "1000.00");
        UUID id = UUID.randomUUID();
        Map<String, Object> body = reservation(id, year, ALPHA, "250.00");
        assertThat(reserve(body)).isInstanceOf(LedgerResult.Reserved.class);
        Response voided = api().contentType(ContentType.JSON)
                .body(Map.of("reason", "申请撤回 / withdrawn"))
                .post("/reservations/" + id + "/void");
        assertThat(voided.statusCode()).as(voided.asString()).isEqualTo(200);
        assertThat(voided.jsonPath().getString("status")).isEqualTo("VOIDED");
        assertThat(money(api().get("/budgets/" + year), "available")).isEqualByComparingTo("1000.00");
        assertThat(eventsFor((UUID) body.get("applicationId"), MessageType.FUNDS_VOIDED_V1, 1))
                .hasSize(1);
    }

    @Test
    @TestSecurity(user = "fin-officer", roles = "finance")
    void anUnspentReservationExpiresAndItsMoneyReturns() throws Exception {
        int year = BASE_YEAR + 7;
        leaveHeadroom(year, "1000.00");
        UUID id = UUID.randomUUID();
        Map<String, Object> body = reservation(id, year, ALPHA, "100.00");
        body.put("expiresAt", Instant.now().plusSeconds(2).toString());
        assertThat(reserve(body)).isInstanceOf(LedgerResult.Reserved.class);
        assertThat(money(api().get("/budgets/" + year), "available")).isEqualByComparingTo("900.00");
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> "EXPIRED"
                        .equals(api().get("/reservations/" + id).jsonPath().getString("status")));
        assertThat(money(api().get("/budgets/" + year), "available")).isEqualByComparingTo("1000.00");
        assertThat(eventsFor((UUID) body.get("applicationId"), MessageType.FUNDS_EXPIRED_V1, 1))
                .hasSize(1);
    }

    @Test
    @TestSecurity(user = "fin-officer", roles = "finance")
    void aStagedAwardHoldsEachInstalmentInItsOwnYearAndALaterYearCannotBeBudgetedBelowIt() {
        int year = BASE_YEAR + 8;
        leaveHeadroom(year, "1000.00");
        UUID id = UUID.randomUUID();
        Map<String, Object> body = reservation(id, year, ALPHA, "900.00");
        body.put(
                "instalments",
                List.of(
                        Map.of("fiscalYear", year, "amount", "300.00"),
                        Map.of("fiscalYear", year + 1, "amount", "600.00", "condition", "MILESTONE")));
        assertThat(reserve(body)).isInstanceOf(LedgerResult.Reserved.class);
        assertThat(money(api().get("/budgets/" + year), "available")).isEqualByComparingTo("700.00");
        // the condition the staging named is kept with its instalment, and told to disbursement
        Response reserved = api().get("/reservations/" + id);
        assertThat(reserved.statusCode()).as(reserved.asString()).isEqualTo(200);
        assertThat(reserved.jsonPath().getList("instalments.condition", String.class))
                .containsExactly(null, "MILESTONE");
        assertThat(eventsFor((UUID) body.get("applicationId"), MessageType.FUNDS_RESERVED_V1, 1)
                        .get(0)
                        .value())
                .contains("\"condition\":\"MILESTONE\"");
        Response later = api().get("/budgets/" + year + "/accounts");
        Response next = api().get("/budgets/" + (year + 1) + "/accounts");
        assertThat(later.statusCode()).isEqualTo(200);
        assertThat(
                        next
                                .jsonPath()
                                .getList("items.findAll { it.account == 'FY" + (year + 1) + "/TOTAL' }.pending")
                                .stream()
                                .map(Object::toString)
                                .map(BigDecimal::new)
                                .reduce(BigDecimal.ZERO, BigDecimal::add))
                .isGreaterThanOrEqualTo(new BigDecimal("600.00"));
        // the test schema is built afresh each run: the later year holds exactly this instalment
        Response tooLow = api().contentType(ContentType.JSON)
                .body(Map.of("total", new BigDecimal("599.99")))
                .put("/budgets/" + (year + 1));
        assertThat(tooLow.statusCode()).as(tooLow.asString()).isEqualTo(409);
        assertThat(tooLow.jsonPath().getString("code")).isEqualTo("BELOW_COMMITTED");
        Response enough = api().contentType(ContentType.JSON)
                .body(Map.of("total", new BigDecimal("600.00")))
                .put("/budgets/" + (year + 1));
        assertThat(money(enough, "available")).isEqualByComparingTo("0.00");
    }

    @Test
    @TestSecurity(user = "fin-officer", roles = "finance")
    void anAllocationOrAHeadroomOfSomethingThatDoesNotExistIsRefusedNamingIt() {
        String[][] programmes = {{"S99-NOPE", "UNKNOWN_PROGRAMME"}, {"S10-TALENT", "NOT_ADMINISTERED"}};
        for (String[] p : programmes) {
            Response refused = api().contentType(ContentType.JSON)
                    .body(Map.of("amount", new BigDecimal("1.00")))
                    .put("/budgets/" + BASE_YEAR + "/programmes/" + p[0]);
            assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(400);
            assertThat(refused.jsonPath().getString("errors[0].field")).isEqualTo("programme");
            assertThat(refused.jsonPath().getString("errors[0].code")).isEqualTo(p[1]);
        }
        // a wrong check character or an unknown district would show an untouched default headroom
        for (String beneficiary : List.of("91320214AY4CL12T28", "nowhere")) {
            Response refused =
                    api().queryParam("fiscalYear", BASE_YEAR).get("/beneficiaries/" + beneficiary + "/headroom");
            assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(400);
            assertThat(refused.jsonPath().getString("errors[0].field")).isEqualTo("beneficiaryId");
        }
        assertThat(api().queryParam("fiscalYear", BASE_YEAR)
                        .get("/beneficiaries/" + ALPHA + "/headroom")
                        .statusCode())
                .isEqualTo(200);
        assertThat(api().queryParam("fiscalYear", BASE_YEAR)
                        .get("/beneficiaries/xinwu/headroom")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    @TestSecurity(user = "fin-officer", roles = "finance")
    void financeAllocatesToAProgrammeAndFollowsBurnDownAndForecast() {
        int year = BASE_YEAR;
        leaveHeadroom(year, "10000.00");
        Response allocation = api().contentType(ContentType.JSON)
                .body(Map.of("amount", new BigDecimal("500.00")))
                .put("/budgets/" + year + "/programmes/S4-EDGE-COMPUTE");
        assertThat(allocation.statusCode()).as(allocation.asString()).isEqualTo(200);
        assertThat(reserve(reservation(UUID.randomUUID(), year, ALPHA, "500.01")))
                .isInstanceOfSatisfying(LedgerResult.Refused.class, over -> {
                    assertThat(over.refusal().account()).isEqualTo("FY" + year + "/PROGRAMME/S4-EDGE-COMPUTE");
                    assertThat(over.refusal().headroom()).isEqualTo(500_00);
                });
        assertThat(reserve(reservation(UUID.randomUUID(), year, ALPHA, "100.00")))
                .isInstanceOf(LedgerResult.Reserved.class);
        Response held = api().get("/budgets/" + year + "/accounts");
        assertThat(new BigDecimal(held.jsonPath()
                        .getString(
                                "items.find { it.account == 'FY" + year + "/PROGRAMME/S4-EDGE-COMPUTE' }.available")))
                .isEqualByComparingTo("400.00");
        // money is reserved under the department now: an allocation to it would start below what it holds
        Response late = api().contentType(ContentType.JSON)
                .body(Map.of("amount", new BigDecimal("1000.00")))
                .put("/budgets/" + year + "/departments/industry");
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(late.jsonPath().getString("code")).isEqualTo("ALLOCATION_TOO_LATE");
        Response burn = api().get("/budgets/" + year + "/burn-down?by=programme");
        assertThat(burn.statusCode()).isEqualTo(200);
        assertThat(new BigDecimal(burn.jsonPath().getString("groups.find { it.group == 'S4-EDGE-COMPUTE' }.pending")))
                .isEqualByComparingTo("100.00");
        assertThat(new BigDecimal(burn.jsonPath().getString("groups.find { it.group == 'S4-EDGE-COMPUTE' }.remaining")))
                .isEqualByComparingTo("400.00");
        Response forecast = api().get("/budgets/" + year + "/forecast?windowDays=7");
        assertThat(forecast.statusCode()).isEqualTo(200);
        assertThat(forecast.jsonPath().getList("items.account")).contains("FY" + year + "/TOTAL");
        // 100.00 committed in the last 7 days: 14.28 a day
        assertThat(new BigDecimal(
                        forecast.jsonPath().getString("items.find { it.account == 'FY" + year + "/TOTAL' }.perDay")))
                .isEqualByComparingTo("14.28");
        assertThat(api().get("/budgets/" + year + "/burn-down?by=district").statusCode())
                .isEqualTo(400);
        assertThat(api().contentType(ContentType.JSON)
                        .body(Map.of("amount", new BigDecimal("1.00")))
                        .put("/budgets/" + year + "/districts/atlantis")
                        .jsonPath()
                        .getString("errors[0].field"))
                .isEqualTo("district");
        Response headroom = api().get("/beneficiaries/" + ALPHA + "/headroom?fiscalYear=" + year);
        assertThat(headroom.statusCode()).isEqualTo(200);
        assertThat(money(headroom, "amountLeft")).isEqualByComparingTo("19999900.00");
        assertThat(headroom.jsonPath().getLong("awardsLeft")).isEqualTo(9);
    }

    @Test
    @TestSecurity(user = "ops", roles = "operator")
    void theAuditFindsEveryBalanceEqualToItsEntriesAndNoAccountOverItsLimit() {
        Response audit = api().get("/ledger/audit");
        assertThat(audit.statusCode()).isEqualTo(200);
        assertThat(audit.jsonPath().getBoolean("consistent")).isTrue();
        assertThat(audit.jsonPath().getList("balanceNotEntries")).isEmpty();
        assertThat(audit.jsonPath().getList("overLimit")).isEmpty();
        assertThat(audit.jsonPath().getLong("accounts")).isPositive();
        // operators read; they do not commit money
        assertThat(api().contentType(ContentType.JSON)
                        .body(Map.of("amount", new BigDecimal("1.00")))
                        .put("/budgets/" + BASE_YEAR + "/departments/industry")
                        .statusCode())
                .isEqualTo(403);
    }
}
