package io.grantflow.budget.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.budget.application.BlockGrants;
import io.grantflow.contracts.CloudEventHeaders;
import io.grantflow.contracts.MessageType;
import io.grantflow.contracts.Topics;
import io.grantflow.platform.catalogue.ProgrammeDirectory;
import io.grantflow.platform.testing.CatalogueFixture;
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
import java.math.BigDecimal;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * District block grants (拨改转), the one reservation made over REST, on the real database and
 * broker: one finance officer proposes, another approves, and only the approval reserves; the
 * proposer can never approve; a proposal outside the catalogue's rules is refused naming the
 * field; approvals racing for the last yuan never overspend.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTopicsResource.class)
class BlockGrantResourceIT {
    // each test class of this service has years of its own (2021-2035 here), so none sees another's reservations
    private static final int BASE_YEAR = 2021 + ThreadLocalRandom.current().nextInt(0, 2) * 10;

    @Inject
    ObjectMapper json;

    @Inject
    ProgrammeDirectory directory;

    @Inject
    BlockGrants grants;

    @TestHTTPResource("/block-grants")
    URL blockGrantsUrl;

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

    private static Map<String, Object> proposal(UUID id, int year, String amount) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("blockGrantId", id);
        body.put("programme", "S2-AI-PARK");
        body.put("department", "reform");
        body.put("district", "xinwu");
        body.put("fiscalYear", year);
        body.put("amount", new BigDecimal(amount));
        body.put("reason", "新吴区人工智能特色园区评估优秀 / park rated excellent");
        return body;
    }

    /** A proposal by fin-officer, made in-process so that a test acting as another officer can approve it. */
    private UUID proposedByFinOfficer(int year, String amount) {
        UUID id = UUID.randomUUID();
        grants.propose(
                        new BlockGrants.Proposal(
                                id,
                                "S2-AI-PARK",
                                "reform",
                                "xinwu",
                                year,
                                new BigDecimal(amount),
                                List.of(),
                                "园区评估优秀 / park rated excellent"),
                        "fin-officer")
                .await()
                .atMost(Duration.ofSeconds(30));
        return id;
    }

    private static void leaveHeadroom(int year, String headroom) {
        Response before = api().when().get("/budgets/" + year);
        BigDecimal committed = before.statusCode() == 404
                ? BigDecimal.ZERO
                : money(before, "pending").add(money(before, "posted"));
        Response set = api().contentType(ContentType.JSON)
                .body(Map.of("total", committed.add(new BigDecimal(headroom))))
                .when()
                .put("/budgets/" + year);
        assertThat(set.statusCode()).as(set.asString()).isEqualTo(200);
    }

    @Test
    @TestSecurity(user = "fin-officer", roles = "finance")
    void theOfficerWhoProposedABlockGrantCannotApproveItAndNothingIsReserved() {
        int year = BASE_YEAR;
        leaveHeadroom(year, "1000.00");
        UUID id = UUID.randomUUID();
        // a Host header of the caller's choosing never reaches the Location: it is built from configuration
        Response proposed = api().contentType(ContentType.JSON)
                .header("Host", "evil.example")
                .body(proposal(id, year, "300.00"))
                .post("/block-grants");
        assertThat(proposed.statusCode()).as(proposed.asString()).isEqualTo(201);
        assertThat(proposed.header("Location"))
                .startsWith("http://127.0.0.1:")
                .endsWith("/block-grants/" + id)
                .doesNotContain("evil");
        assertThat(proposed.jsonPath().getString("status")).isEqualTo("PROPOSED");
        assertThat(proposed.jsonPath().getString("proposedBy")).isEqualTo("fin-officer");

        Response self = api().post("/block-grants/" + id + "/approval");
        assertThat(self.statusCode()).as(self.asString()).isEqualTo(403);
        assertThat(self.jsonPath().getString("code")).isEqualTo("FOUR_EYES");
        assertThat(api().get("/block-grants/" + id).jsonPath().getString("status"))
                .isEqualTo("PROPOSED");
        assertThat(api().get("/reservations/" + id).statusCode()).isEqualTo(404);
        assertThat(money(api().get("/budgets/" + year), "available")).isEqualByComparingTo("1000.00");
    }

    @Test
    @TestSecurity(user = "fin-checker", roles = "finance")
    void aSecondOfficerApprovesAndOnlyThenTheMoneyIsReservedNamingBothOfficers() throws Exception {
        int year = BASE_YEAR + 1;
        leaveHeadroom(year, "1000.00");
        UUID id = proposedByFinOfficer(year, "300.00");
        assertThat(money(api().get("/budgets/" + year), "available"))
                .as("a proposal holds nothing")
                .isEqualByComparingTo("1000.00");

        Response approved = api().post("/block-grants/" + id + "/approval");
        assertThat(approved.statusCode()).as(approved.asString()).isEqualTo(200);
        assertThat(approved.jsonPath().getString("status")).isEqualTo("APPROVED");
        assertThat(approved.jsonPath().getString("decidedBy")).isEqualTo("fin-checker");
        assertThat(approved.jsonPath().getString("reservation.status")).isEqualTo("PENDING");
        assertThat(approved.jsonPath().getString("reservation.beneficiaryKind")).isEqualTo("district");
        assertThat(money(api().get("/budgets/" + year), "available")).isEqualByComparingTo("700.00");

        List<ConsumerRecord<String, String>> events = TestKafka.read(
                KafkaTopicsResource.bootstrapServers(),
                KafkaTopicsResource.topic(Topics.RESERVATION_EVENTS),
                Duration.ofSeconds(60),
                rs -> rs.stream().anyMatch(r -> id.toString().equals(r.key())));
        JsonNode reserved = json.readTree(events.stream()
                .filter(r -> id.toString().equals(r.key())
                        && MessageType.FUNDS_RESERVED_V1.ceType().equals(TestKafka.header(r, CloudEventHeaders.TYPE)))
                .findFirst()
                .orElseThrow()
                .value());
        assertThat(reserved.get("origin").asText()).isEqualTo("BLOCK_GRANT");
        assertThat(reserved.get("proposedBy").asText()).isEqualTo("fin-officer");
        assertThat(reserved.get("approvedBy").asText()).isEqualTo("fin-checker");
        assertThat(reserved.get("beneficiaryId").asText()).isEqualTo("xinwu");

        // approving again changes nothing; the grant can no longer be turned down
        assertThat(api().post("/block-grants/" + id + "/approval").statusCode()).isEqualTo(200);
        assertThat(money(api().get("/budgets/" + year), "available")).isEqualByComparingTo("700.00");
        assertThat(api().contentType(ContentType.JSON)
                        .body(Map.of("reason", "撤回 / withdrawn"))
                        .post("/block-grants/" + id + "/rejection")
                        .statusCode())
                .isEqualTo(409);
    }

    @Test
    @TestSecurity(user = "fin-officer", roles = "finance")
    void aProposalOutsideTheCataloguesRulesIsRefusedNamingTheFieldAndStoresNothing() {
        int year = BASE_YEAR + 2;
        Map<String, String[]> cases = new LinkedHashMap<>();
        cases.put("programme", new String[] {"programme", "S4-EDGE-COMPUTE"});
        cases.put("unknown programme", new String[] {"programme", "S99-NOPE"});
        cases.put("district", new String[] {"district", "atlantis"});
        cases.put("an enterprise as district", new String[] {"district", "91320214AY4CL12T29"});
        cases.put("department", new String[] {"department", "science"});
        cases.put("reason", new String[] {"reason", "\u200B"});
        cases.put("amount", new String[] {"amount", "1.001"});
        for (Map.Entry<String, String[]> c : cases.entrySet()) {
            UUID id = UUID.randomUUID();
            Map<String, Object> body = proposal(id, year, "10.00");
            String field = c.getValue()[0];
            body.put(field, field.equals("amount") ? new BigDecimal(c.getValue()[1]) : c.getValue()[1]);
            Response refused = api().contentType(ContentType.JSON).body(body).post("/block-grants");
            assertThat(refused.statusCode())
                    .as(c.getKey() + ": " + refused.asString())
                    .isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.jsonPath().getList("errors.field", String.class))
                    .as(c.getKey())
                    .contains(field);
            assertThat(api().get("/block-grants/" + id).statusCode()).isEqualTo(404);
        }
        // a wrong district and a wrong programme at once: both are named, the district by its own code
        Map<String, Object> both = proposal(UUID.randomUUID(), year, "10.00");
        both.put("district", "atlantis");
        both.put("programme", "S99-NOPE");
        Response twice = api().contentType(ContentType.JSON).body(both).post("/block-grants");
        assertThat(twice.statusCode()).isEqualTo(400);
        assertThat(twice.jsonPath().getList("errors.field", String.class))
                .containsExactlyInAnyOrder("district", "programme");
        assertThat(twice.jsonPath().getString("errors.find { it.field == 'district' }.code"))
                .isEqualTo("UNKNOWN_DISTRICT");
        Response fraction = api().contentType(ContentType.JSON)
                .body(json.valueToTree(proposal(UUID.randomUUID(), year, "10.00"))
                        .toString()
                        .replace("\"fiscalYear\":" + year, "\"fiscalYear\":" + year + ".5"))
                .post("/block-grants");
        assertThat(fraction.statusCode()).isEqualTo(400);
        assertThat(fraction.jsonPath().getList("errors.field", String.class)).contains("fiscalYear");
    }

    @Test
    @TestSecurity(user = "fin-officer", roles = "finance")
    void theSameProposalAgainIsTheFirstAndAnotherUnderItsIdIsAConflict() {
        int year = BASE_YEAR + 3;
        UUID id = UUID.randomUUID();
        assertThat(api().contentType(ContentType.JSON)
                        .body(proposal(id, year, "20.00"))
                        .post("/block-grants")
                        .statusCode())
                .isEqualTo(201);
        Response again = api().contentType(ContentType.JSON)
                .body(proposal(id, year, "20.00"))
                .post("/block-grants");
        assertThat(again.statusCode()).isEqualTo(200);
        Response other = api().contentType(ContentType.JSON)
                .body(proposal(id, year, "21.00"))
                .post("/block-grants");
        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(other.jsonPath().getString("code")).isEqualTo("IDEMPOTENCY_CONFLICT");
        assertThat(money(api().get("/block-grants/" + id), "amount")).isEqualByComparingTo("20.00");
        assertThat(api().get("/block-grants?status=PROPOSED&fiscalYear=" + year)
                        .jsonPath()
                        .getList("items.id"))
                .contains(id.toString());
        assertThat(api().get("/block-grants?status=BOGUS").statusCode()).isEqualTo(400);
    }

    @Test
    @TestSecurity(user = "rev-industry", roles = "reviewer")
    @OidcSecurity(claims = @Claim(key = "department", value = "industry"))
    void aReviewerCanNeitherProposeNorApproveNorReadBlockGrants() {
        assertThat(api().contentType(ContentType.JSON)
                        .body(proposal(UUID.randomUUID(), BASE_YEAR, "1.00"))
                        .post("/block-grants")
                        .statusCode())
                .isEqualTo(403);
        assertThat(api().post("/block-grants/" + UUID.randomUUID() + "/approval")
                        .statusCode())
                .isEqualTo(403);
        assertThat(api().get("/block-grants").statusCode()).isEqualTo(403);
    }

    @Test
    @TestSecurity(user = "fin-checker", roles = "finance")
    void approvalsRacingForTheLastHundredYuanNeverOverspendAndEveryRefusalIsExplained() throws Exception {
        int year = BASE_YEAR + 4;
        leaveHeadroom(year, "100.00");
        // 160 proposals of 0.50 to 1.50 yuan, about 1.6 times what is left; their approvals all at once
        List<UUID> ids = new ArrayList<>();
        Map<UUID, BigDecimal> amounts = new LinkedHashMap<>();
        BigDecimal demand = BigDecimal.ZERO;
        for (int i = 0; i < 160; i++) {
            String amount = new BigDecimal(50 + ThreadLocalRandom.current().nextInt(101))
                    .movePointLeft(2)
                    .toPlainString();
            UUID id = proposedByFinOfficer(year, amount);
            ids.add(id);
            amounts.put(id, new BigDecimal(amount));
            demand = demand.add(new BigDecimal(amount));
        }
        assertThat(demand).isGreaterThan(new BigDecimal("120.00"));
        HttpClient http = HttpClient.newBuilder()
                .executor(Executors.newFixedThreadPool(8))
                .build();
        ExecutorService pool = Executors.newFixedThreadPool(40);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String[]>> results = new ArrayList<>();
        for (UUID id : ids) {
            results.add(pool.submit(() -> {
                start.await();
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create(blockGrantsUrl + "/" + id + "/approval"))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                return new String[] {String.valueOf(r.statusCode()), id.toString(), r.body()};
            }));
        }
        start.countDown();
        BigDecimal granted = BigDecimal.ZERO;
        int refused = 0;
        for (Future<String[]> f : results) {
            String[] r = f.get(120, TimeUnit.SECONDS);
            BigDecimal amount = amounts.get(UUID.fromString(r[1]));
            if (r[0].equals("200")) {
                granted = granted.add(amount);
                continue;
            }
            assertThat(r[0]).as(r[2]).isEqualTo("422");
            JsonNode problem = json.readTree(r[2]);
            assertThat(problem.get("code").asText()).isEqualTo("LIMIT_EXCEEDED");
            assertThat(problem.get("account").asText()).isEqualTo("FY" + year + "/TOTAL");
            assertThat(new BigDecimal(problem.get("requested").asText())).isEqualByComparingTo(amount);
            assertThat(new BigDecimal(problem.get("headroom").asText()))
                    .as("explained: less left than asked")
                    .isLessThan(amount);
            assertThat(api().get("/block-grants/" + r[1]).jsonPath().getString("status"))
                    .isEqualTo("REFUSED");
            refused++;
        }
        pool.shutdown();
        assertThat(refused).isPositive();
        assertThat(granted).as("never more than the last 100 yuan").isLessThanOrEqualTo(new BigDecimal("100.00"));
        assertThat(granted)
                .as("the race ran the budget down below the smallest request")
                .isGreaterThan(new BigDecimal("98.50"));
        assertThat(money(api().get("/budgets/" + year), "available"))
                .isEqualByComparingTo(new BigDecimal("100.00").subtract(granted));
    }
}
