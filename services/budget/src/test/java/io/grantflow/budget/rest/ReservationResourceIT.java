package io.grantflow.budget.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.contracts.CloudEventHeaders;
import io.grantflow.contracts.MessageType;
import io.grantflow.contracts.Topics;
import io.grantflow.contracts.events.PaymentCompletedV1;
import io.grantflow.platform.testing.KafkaTopicsResource;
import io.grantflow.platform.testing.TestKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reservations over REST on the real database and broker: partner agencies and finance reserve,
 * void and claw back; the last yuan of a budget is fought over by 64 clients at once and never
 * overspent; every refusal names the account and what was left on it.
 *
 * <p>The test database outlives a run: each test takes a fiscal year of its own (random per run)
 * and leaves the headroom it needs by setting the total from what that year already holds.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTopicsResource.class)
class ReservationResourceIT {
    private static final int BASE_YEAR = 2000 + ThreadLocalRandom.current().nextInt(0, 8) * 10;
    private static final String ALPHA = "91320214AY4CL12T29";

    @Inject
    ObjectMapper json;
    @TestHTTPResource("/reservations")
    URL reservationsUrl;

    private static RequestSpecification api() {
        return given().config(RestAssured.config().jsonConfig(
                JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL)));
    }

    private static BigDecimal money(Response r, String path) {
        return r.jsonPath().getObject(path, BigDecimal.class);
    }

    /** Sets the year's total so that exactly {@code headroom} is left; returns what was committed before. */
    private static BigDecimal leaveHeadroom(int year, String headroom) {
        Response before = api().when().get("/budgets/" + year);
        BigDecimal committed = before.statusCode() == 404 ? BigDecimal.ZERO
                : money(before, "pending").add(money(before, "posted"));
        Response set = api().contentType(ContentType.JSON).body(Map.of("total", committed.add(new BigDecimal(headroom))))
                .when().put("/budgets/" + year);
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

    private static Response reserve(Map<String, Object> body) {
        return api().contentType(ContentType.JSON).body(body).when().post("/reservations");
    }

    private static List<ConsumerRecord<String, String>> eventsFor(UUID applicationId, MessageType type, int count) {
        return TestKafka.read(KafkaTopicsResource.bootstrapServers(), KafkaTopicsResource.topic(Topics.RESERVATION_EVENTS),
                Duration.ofSeconds(60), records -> records.stream().filter(r -> applicationId.toString().equals(r.key())
                        && type.ceType().equals(TestKafka.header(r, CloudEventHeaders.TYPE))).count() >= count)
                .stream().filter(r -> applicationId.toString().equals(r.key())
                        && type.ceType().equals(TestKafka.header(r, CloudEventHeaders.TYPE))).toList();
    }

    @Test
    @TestSecurity(user = "fin-officer", roles = "finance")
    void sixtyFourClientsRacingForTheLastYuanNeverOverspendAndEveryRefusalIsExplained() throws Exception {
        int year = BASE_YEAR + 1;
        BigDecimal committedBefore = leaveHeadroom(year, "100.00");
        int clients = 64;
        int each = 4;
        // demand: 256 requests of 0.50 to 1.50 yuan, about 2.5 times the 100.00 left
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(8)).build();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<String[]>>> results = new ArrayList<>();
        BigDecimal demand = BigDecimal.ZERO;
        List<List<Map<String, Object>>> bodies = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            List<Map<String, Object>> mine = new ArrayList<>();
            for (int i = 0; i < each; i++) {
                String amount = new BigDecimal(50 + ThreadLocalRandom.current().nextInt(101)).movePointLeft(2).toPlainString();
                demand = demand.add(new BigDecimal(amount));
                mine.add(reservation(UUID.randomUUID(), year, "B" + c + "-" + i, amount));
            }
            bodies.add(mine);
        }
        assertThat(demand).isGreaterThan(new BigDecimal("200.00"));
        for (List<Map<String, Object>> mine : bodies) {
            results.add(pool.submit(() -> {
                start.await();
                List<String[]> out = new ArrayList<>();
                for (Map<String, Object> body : mine) {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(reservationsUrl.toString()))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                            HttpResponse.BodyHandlers.ofString());
                    out.add(new String[] {String.valueOf(r.statusCode()), body.get("amount").toString(), r.body()});
                }
                return out;
            }));
        }
        start.countDown();
        BigDecimal granted = BigDecimal.ZERO;
        int refused = 0;
        for (Future<List<String[]>> f : results) {
            for (String[] r : f.get(120, TimeUnit.SECONDS)) {
                BigDecimal amount = new BigDecimal(r[1]);
                if (r[0].equals("201")) {
                    granted = granted.add(amount);
                    continue;
                }
                assertThat(r[0]).as(r[2]).isEqualTo("422");
                JsonNode problem = json.readTree(r[2]);
                assertThat(problem.get("code").asText()).isEqualTo("LIMIT_EXCEEDED");
                assertThat(problem.get("account").asText()).isEqualTo("FY" + year + "/TOTAL");
                assertThat(new BigDecimal(problem.get("requested").asText())).isEqualByComparingTo(amount);
                assertThat(new BigDecimal(problem.get("headroom").asText())).as("explained: less left than asked")
                        .isLessThan(amount);
                refused++;
            }
        }
        pool.shutdown();
        assertThat(refused).isPositive();
        assertThat(granted).as("never more than the last 100 yuan").isLessThanOrEqualTo(new BigDecimal("100.00"));
        // the race ran the budget down to less than the smallest request
        assertThat(granted).isGreaterThan(new BigDecimal("98.50"));
        Response after = api().when().get("/budgets/" + year);
        assertThat(money(after, "pending").add(money(after, "posted"))).isEqualByComparingTo(committedBefore.add(granted));
        assertThat(money(after, "available")).isEqualByComparingTo(new BigDecimal("100.00").subtract(granted));
    }

    @Test
    @TestSecurity(user = "fin-officer", roles = "finance")
    void theSameIdWithTheSameBodyReturnsTheFirstAnswerAndWithAnotherBodyIsAConflictThatChangesNothing() {
        int year = BASE_YEAR + 2;
        leaveHeadroom(year, "1000.00");
        UUID id = UUID.randomUUID();
        Map<String, Object> body = reservation(id, year, ALPHA, "300.00");
        assertThat(reserve(body).statusCode()).isEqualTo(201);
        Response again = reserve(body);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.jsonPath().getString("status")).isEqualTo("PENDING");
        Map<String, Object> other = new LinkedHashMap<>(body);
        other.put("amount", new BigDecimal("301.00"));
        Response conflict = reserve(other);
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(conflict.contentType()).startsWith("application/problem+json");
        assertThat(conflict.jsonPath().getString("code")).isEqualTo("IDEMPOTENCY_CONFLICT");
        assertThat(money(api().get("/reservations/" + id), "amount")).isEqualByComparingTo("300.00");
        assertThat(money(api().get("/budgets/" + year), "available")).isEqualByComparingTo("700.00");
    }

    @Test
    @TestSecurity(user = "fin-officer", roles = "finance")
    void aMalformedReservationIsAProblemNamingTheFieldAndLeavesNothing() {
        int year = BASE_YEAR + 3;
        leaveHeadroom(year, "1000.00");
        UUID id = UUID.randomUUID();
        Response bad = reserve(reservation(id, year, ALPHA, "10.001"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.jsonPath().getString("errors[0].field")).isEqualTo("amount");
        Map<String, Object> unknownLimit = reservation(UUID.randomUUID(), year, ALPHA, "10.00");
        unknownLimit.put("limits", List.of(Map.of("kind", "MOON_CAP", "key", "x", "limit", "1.00")));
        Response unknown = reserve(unknownLimit);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.jsonPath().getString("errors[0].field")).isEqualTo("limits[0].kind");
        Map<String, Object> instalments = reservation(UUID.randomUUID(), year, ALPHA, "10.00");
        instalments.put("instalments", List.of(Map.of("fiscalYear", year, "amount", "4.00"),
                Map.of("fiscalYear", year + 1, "amount", "5.00")));
        Response sum = reserve(instalments);
        assertThat(sum.statusCode()).isEqualTo(400);
        assertThat(sum.jsonPath().getString("errors[0].field")).isEqualTo("instalments");
        assertThat(api().get("/reservations/" + id).statusCode()).isEqualTo(404);
        assertThat(money(api().get("/budgets/" + year), "available")).isEqualByComparingTo("1000.00");
    }

    @Test
    @TestSecurity(user = "rev-industry", roles = "reviewer")
    @OidcSecurity(claims = @Claim(key = "department", value = "science"))
    void aReviewerReservesOnlyForTheirOwnDepartment() {
        Response r = reserve(reservation(UUID.randomUUID(), BASE_YEAR + 4, ALPHA, "1.00"));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.jsonPath().getString("code")).isEqualTo("OTHER_DEPARTMENT");
    }

    @Test
    @TestSecurity(user = "ent-alpha", roles = "enterprise")
    void anEnterpriseCannotReserveNorReadTheLedger() {
        assertThat(reserve(reservation(UUID.randomUUID(), BASE_YEAR + 4, ALPHA, "1.00")).statusCode()).isEqualTo(403);
        assertThat(api().get("/beneficiaries/" + ALPHA + "/headroom?fiscalYear=2026").statusCode()).isEqualTo(403);
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
        assertThat(reserve(body).statusCode()).isEqualTo(201);
        PaymentCompletedV1 paid = new PaymentCompletedV1(UUID.randomUUID(), applicationId, id, ALPHA,
                new BigDecimal("400.00"), "TR-1", Instant.now());
        TestKafka.send(KafkaTopicsResource.bootstrapServers(), KafkaTopicsResource.topic(Topics.PAYMENT_EVENTS),
                applicationId.toString(), MessageType.PAYMENT_COMPLETED_V1.ceType(), json.writeValueAsString(paid),
                UUID.randomUUID().toString());
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> "POSTED".equals(api().get("/reservations/" + id).jsonPath().getString("status")));
        Map<String, Object> clawback = Map.of("reversalId", UUID.randomUUID(), "amount", new BigDecimal("150.00"),
                "reason", "审计发现虚报 / audit finding");
        Response reversed = api().contentType(ContentType.JSON).body(clawback).post("/reservations/" + id + "/reversals");
        assertThat(reversed.statusCode()).as(reversed.asString()).isEqualTo(200);
        assertThat(money(reversed, "reversed")).isEqualByComparingTo("150.00");
        // the same clawback again changes nothing
        assertThat(api().contentType(ContentType.JSON).body(clawback).post("/reservations/" + id + "/reversals")
                .statusCode()).isEqualTo(200);
        Response budget = api().get("/budgets/" + year);
        assertThat(money(budget, "available")).isEqualByComparingTo("750.00");
        Response tooMuch = api().contentType(ContentType.JSON).body(Map.of("reversalId", UUID.randomUUID(),
                "amount", new BigDecimal("250.01"), "reason", "again")).post("/reservations/" + id + "/reversals");
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
        assertThat(reserve(body).statusCode()).isEqualTo(201);
        Response voided = api().contentType(ContentType.JSON).body(Map.of("reason", "申请撤回 / withdrawn"))
                .post("/reservations/" + id + "/void");
        assertThat(voided.statusCode()).as(voided.asString()).isEqualTo(200);
        assertThat(voided.jsonPath().getString("status")).isEqualTo("VOIDED");
        assertThat(money(api().get("/budgets/" + year), "available")).isEqualByComparingTo("1000.00");
        assertThat(eventsFor((UUID) body.get("applicationId"), MessageType.FUNDS_VOIDED_V1, 1)).hasSize(1);
    }

    @Test
    @TestSecurity(user = "fin-officer", roles = "finance")
    void anUnspentReservationExpiresAndItsMoneyReturns() throws Exception {
        int year = BASE_YEAR + 7;
        leaveHeadroom(year, "1000.00");
        UUID id = UUID.randomUUID();
        Map<String, Object> body = reservation(id, year, ALPHA, "100.00");
        body.put("expiresAt", Instant.now().plusSeconds(2).toString());
        assertThat(reserve(body).statusCode()).isEqualTo(201);
        assertThat(money(api().get("/budgets/" + year), "available")).isEqualByComparingTo("900.00");
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> "EXPIRED".equals(api().get("/reservations/" + id).jsonPath().getString("status")));
        assertThat(money(api().get("/budgets/" + year), "available")).isEqualByComparingTo("1000.00");
        assertThat(eventsFor((UUID) body.get("applicationId"), MessageType.FUNDS_EXPIRED_V1, 1)).hasSize(1);
    }

    @Test
    @TestSecurity(user = "fin-officer", roles = "finance")
    void aStagedAwardHoldsEachInstalmentInItsOwnYearAndALaterYearCannotBeBudgetedBelowIt() {
        int year = BASE_YEAR + 8;
        leaveHeadroom(year, "1000.00");
        UUID id = UUID.randomUUID();
        Map<String, Object> body = reservation(id, year, ALPHA, "900.00");
        body.put("instalments", List.of(Map.of("fiscalYear", year, "amount", "300.00"),
                Map.of("fiscalYear", year + 1, "amount", "600.00")));
        Response r = reserve(body);
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(201);
        assertThat(money(api().get("/budgets/" + year), "available")).isEqualByComparingTo("700.00");
        Response later = api().get("/budgets/" + year + "/accounts");
        Response next = api().get("/budgets/" + (year + 1) + "/accounts");
        assertThat(later.statusCode()).isEqualTo(200);
        assertThat(next.jsonPath().getList("findAll { it.account == 'FY" + (year + 1) + "/TOTAL' }.pending")
                .stream().map(Object::toString).map(BigDecimal::new).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isGreaterThanOrEqualTo(new BigDecimal("600.00"));
        // the test schema is built afresh each run: the later year holds exactly this instalment
        Response tooLow = api().contentType(ContentType.JSON).body(Map.of("total", new BigDecimal("599.99")))
                .put("/budgets/" + (year + 1));
        assertThat(tooLow.statusCode()).as(tooLow.asString()).isEqualTo(409);
        assertThat(tooLow.jsonPath().getString("code")).isEqualTo("BELOW_COMMITTED");
        Response enough = api().contentType(ContentType.JSON).body(Map.of("total", new BigDecimal("600.00")))
                .put("/budgets/" + (year + 1));
        assertThat(money(enough, "available")).isEqualByComparingTo("0.00");
    }

    @Test
    @TestSecurity(user = "fin-officer", roles = "finance")
    void financeAllocatesToAProgrammeAndFollowsBurnDownAndForecast() {
        int year = BASE_YEAR;
        leaveHeadroom(year, "10000.00");
        Response allocation = api().contentType(ContentType.JSON).body(Map.of("amount", new BigDecimal("500.00")))
                .put("/budgets/" + year + "/programmes/S4-EDGE-COMPUTE");
        assertThat(allocation.statusCode()).as(allocation.asString()).isEqualTo(200);
        Response over = reserve(reservation(UUID.randomUUID(), year, ALPHA, "500.01"));
        assertThat(over.statusCode()).isEqualTo(422);
        assertThat(over.jsonPath().getString("account")).isEqualTo("FY" + year + "/PROGRAMME/S4-EDGE-COMPUTE");
        assertThat(money(over, "headroom")).isEqualByComparingTo("500.00");
        assertThat(reserve(reservation(UUID.randomUUID(), year, ALPHA, "100.00")).statusCode()).isEqualTo(201);
        Response held = api().get("/budgets/" + year + "/accounts");
        assertThat(new BigDecimal(held.jsonPath()
                .getString("find { it.account == 'FY" + year + "/PROGRAMME/S4-EDGE-COMPUTE' }.available")))
                .isEqualByComparingTo("400.00");
        // money is reserved under the department now: an allocation to it would start below what it holds
        Response late = api().contentType(ContentType.JSON).body(Map.of("amount", new BigDecimal("1000.00")))
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
        assertThat(forecast.jsonPath().getList("account")).contains("FY" + year + "/TOTAL");
        // 100.00 committed in the last 7 days: 14.28 a day
        assertThat(new BigDecimal(forecast.jsonPath().getString("find { it.account == 'FY" + year + "/TOTAL' }.perDay")))
                .isEqualByComparingTo("14.28");
        assertThat(api().get("/budgets/" + year + "/burn-down?by=district").statusCode()).isEqualTo(400);
        assertThat(api().contentType(ContentType.JSON).body(Map.of("amount", new BigDecimal("1.00")))
                .put("/budgets/" + year + "/districts/atlantis").jsonPath().getString("errors[0].field")).isEqualTo("district");
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
        assertThat(reserve(reservation(UUID.randomUUID(), BASE_YEAR, ALPHA, "1.00")).statusCode()).isEqualTo(403);
    }
}
