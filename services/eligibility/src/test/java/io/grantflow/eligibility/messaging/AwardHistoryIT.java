package io.grantflow.eligibility.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.contracts.MessageType;
import io.grantflow.contracts.Topics;
import io.grantflow.contracts.events.Applicant;
import io.grantflow.contracts.events.ApplicationEvaluatedV1;
import io.grantflow.contracts.events.ApplicationStatusChangedV1;
import io.grantflow.contracts.events.ApplicationSubmittedV1;
import io.grantflow.contracts.events.Reason;
import io.grantflow.platform.testing.KafkaTopicsResource;
import io.grantflow.platform.testing.TestKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Submitted applications are evaluated against the applicant's award history: this policy's
 * approvals (followed on the applications' topic, voided when the application leaves the approved
 * path, counted again when it is approved anew) and awards of other
 * city-level policies declared by an operator.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTopicsResource.class)
class AwardHistoryIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    ObjectMapper json;

    /** A fresh valid credit code per test, so that histories never mix between runs. */
    private static String newApplicant() {
        String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        int[] weights = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
        StringBuilder code = new StringBuilder("91320214");
        Random random = new Random();
        while (code.length() < 17) {
            code.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += alphabet.indexOf(code.charAt(i)) * weights[i];
        }
        return code.append(alphabet.charAt((31 - sum % 31) % 31)).toString();
    }

    private ApplicationEvaluatedV1 submitAndAwait(String applicant, String programme, Map<String, Object> facts)
            throws Exception {
        return submitAndAwait(UUID.randomUUID(), applicant, programme, facts);
    }

    private ApplicationEvaluatedV1 submitAndAwait(
            UUID id, String applicant, String programme, Map<String, Object> facts) throws Exception {
        String payload = json.writeValueAsString(new ApplicationSubmittedV1(
                id,
                programme,
                new Applicant(applicant, "enterprise", "binhu"),
                facts,
                Instant.parse("2026-05-20T02:00:00Z")));
        TestKafka.send(
                KafkaTopicsResource.bootstrapServers(),
                TestKafka.record(
                        KafkaTopicsResource.topic(Topics.APPLICATION_EVENTS),
                        id.toString(),
                        payload,
                        TestKafka.cloudEventHeaders(
                                MessageType.APPLICATION_SUBMITTED_V1.ceType(),
                                UUID.randomUUID().toString(),
                                id.toString())));
        List<ConsumerRecord<String, String>> records = TestKafka.read(
                KafkaTopicsResource.bootstrapServers(),
                KafkaTopicsResource.topic(Topics.EVALUATION_EVENTS),
                WAIT,
                rs -> rs.stream().anyMatch(r -> id.toString().equals(r.key())));
        ConsumerRecord<String, String> record = records.stream()
                .filter(r -> id.toString().equals(r.key()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no evaluation of " + id));
        return json.readValue(record.value(), ApplicationEvaluatedV1.class);
    }

    /** A change of the procedure (with its command). */
    private void statusChanged(
            ApplicationEvaluatedV1 evaluated,
            String applicant,
            String previous,
            String status,
            String command,
            String amount,
            String changedAt)
            throws Exception {
        send(
                evaluated,
                new ApplicationStatusChangedV1(
                        evaluated.applicationId(),
                        applicant,
                        evaluated.programme(),
                        previous,
                        status,
                        command,
                        amount == null ? null : new BigDecimal(amount),
                        null,
                        null,
                        null,
                        "APPROVED".equals(status) ? UUID.randomUUID() : null,
                        "APPROVED".equals(status) ? "industry" : null,
                        Instant.parse(changedAt)));
    }

    /** A change of the first flow (no command). */
    private void firstFlowStatusChanged(
            ApplicationEvaluatedV1 evaluated, String applicant, String status, String amount) throws Exception {
        send(
                evaluated,
                new ApplicationStatusChangedV1(
                        evaluated.applicationId(),
                        applicant,
                        evaluated.programme(),
                        "ELIGIBLE",
                        status,
                        new BigDecimal(amount),
                        null,
                        null,
                        null,
                        Instant.parse("2026-05-21T02:00:00Z")));
    }

    private void send(ApplicationEvaluatedV1 evaluated, ApplicationStatusChangedV1 change) throws Exception {
        TestKafka.send(
                KafkaTopicsResource.bootstrapServers(),
                TestKafka.record(
                        KafkaTopicsResource.topic(Topics.APPLICATION_EVENTS),
                        evaluated.applicationId().toString(),
                        json.writeValueAsString(change),
                        TestKafka.cloudEventHeaders(
                                MessageType.APPLICATION_STATUS_CHANGED_V1.ceType(),
                                UUID.randomUUID().toString(),
                                evaluated.applicationId().toString())));
    }

    private static JsonPath awards(String applicant) {
        return given().queryParam("applicantId", applicant)
                .get("/awards")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** Waits until the applicant's one award has this amount and date. */
    private static void awaitAward(String applicant, String amount, String asOf) {
        Awaitility.await("the award of " + applicant + " at " + amount)
                .atMost(WAIT)
                .untilAsserted(() -> {
                    JsonPath page = awards(applicant);
                    assertThat(page.getList("items")).hasSize(1);
                    assertThat(new BigDecimal(page.getString("items[0].amount")))
                            .isEqualByComparingTo(amount);
                    assertThat(page.getString("items[0].asOf")).isEqualTo(asOf);
                });
    }

    private static void awaitAwards(String applicant, int count) {
        Awaitility.await("awards of " + applicant)
                .atMost(WAIT)
                .untilAsserted(() -> assertThat(given().queryParam("applicantId", applicant)
                                .get("/awards")
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath()
                                .getList("items"))
                        .hasSize(count));
    }

    private static List<String> codes(ApplicationEvaluatedV1 e) {
        return e.reasons().stream().map(Reason::code).toList();
    }

    @Test
    @TestSecurity(user = "ops", roles = "operator")
    void
            aSecondProvincialHonourAwardIsRefusedOnceTheFirstIsApprovedAllowedWhenTheBudgetRefusedItAndRefusedAgainOnceItIsApprovedAnew()
                    throws Exception {
        String applicant = newApplicant();
        Map<String, Object> provincial = Map.of("honour_level", "provincial");

        ApplicationEvaluatedV1 first = submitAndAwait(applicant, "S1-SRDI", provincial);
        assertThat(first.eligible()).isTrue();
        assertThat(first.ceiling()).isEqualByComparingTo("300000.00");

        statusChanged(
                first,
                applicant,
                "IN_ANNOUNCEMENT",
                "APPROVED",
                "close_announcement",
                "300000.00",
                "2026-05-21T02:00:00Z");
        awaitAward(applicant, "300000.00", "2026-05-21");
        ApplicationEvaluatedV1 second = submitAndAwait(applicant, "S1-SRDI", provincial);
        assertThat(second.eligible()).isFalse();
        assertThat(codes(second)).contains("ALREADY_AWARDED");

        ApplicationEvaluatedV1 national = submitAndAwait(applicant, "S1-SRDI", Map.of("honour_level", "national"));
        assertThat(national.eligible())
                .as("a national honour is a different subject")
                .isTrue();

        // the budget refused: back to review, the award is void
        statusChanged(
                first, applicant, "APPROVED", "UNDER_REVIEW", "record_budget_refusal", null, "2026-05-22T02:00:00Z");
        awaitAwards(applicant, 0);
        ApplicationEvaluatedV1 third = submitAndAwait(applicant, "S1-SRDI", provincial);
        assertThat(third.eligible()).as("a refused award was never granted").isTrue();

        // recommended lower, announced again and approved by the city: the award counts again, as approved now
        statusChanged(
                first,
                applicant,
                "AWAITING_CITY_APPROVAL",
                "APPROVED",
                "city_approve",
                "200000.00",
                "2026-06-15T02:00:00Z");
        awaitAward(applicant, "200000.00", "2026-06-15");
        ApplicationEvaluatedV1 fourth = submitAndAwait(applicant, "S1-SRDI", provincial);
        assertThat(fourth.eligible())
                .as("approved anew, the first award counts again")
                .isFalse();
        assertThat(codes(fourth)).contains("ALREADY_AWARDED");

        // the budget's reservation keeps it APPROVED, and the payment pays it: the award stays as approved
        statusChanged(
                first, applicant, "APPROVED", "APPROVED", "record_funds_reserved", "200000.00", "2026-06-16T02:00:00Z");
        statusChanged(first, applicant, "APPROVED", "PAID", "record_payment", "200000.00", "2026-06-20T02:00:00Z");
        // an application on the same partition is consumed after both
        int partitions = TestKafka.partitions(Topics.APPLICATION_EVENTS);
        UUID probe = TestKafka.keyOnPartition(
                TestKafka.partitionOf(first.applicationId().toString(), partitions), partitions);
        ApplicationEvaluatedV1 fifth = submitAndAwait(probe, applicant, "S1-SRDI", provincial);
        assertThat(codes(fifth)).contains("ALREADY_AWARDED");
        JsonPath after = awards(applicant);
        assertThat(after.getList("items")).hasSize(1);
        assertThat(new BigDecimal(after.getString("items[0].amount"))).isEqualByComparingTo("200000.00");
        assertThat(after.getString("items[0].asOf")).isEqualTo("2026-06-15");
    }

    @ParameterizedTest(name = "{1} by {2}")
    @CsvSource(
            nullValues = "null",
            value = {
                "APPROVED, WITHDRAWN, withdraw",
                "PAID, CLAWED_BACK, claw_back",
                "APPROVED, UNDER_REVIEW, record_budget_refusal",
            })
    @TestSecurity(user = "ops", roles = "operator")
    void anAwardIsVoidedWhenItsApplicationLeavesTheApprovedPath(String previous, String status, String command)
            throws Exception {
        String applicant = newApplicant();
        ApplicationEvaluatedV1 first = submitAndAwait(applicant, "S1-SRDI", Map.of("honour_level", "provincial"));
        statusChanged(
                first,
                applicant,
                "IN_ANNOUNCEMENT",
                "APPROVED",
                "close_announcement",
                "300000.00",
                "2026-05-21T02:00:00Z");
        awaitAwards(applicant, 1);

        statusChanged(first, applicant, previous, status, command, "300000.00", "2026-05-30T02:00:00Z");

        awaitAwards(applicant, 0);
    }

    @Test
    @TestSecurity(user = "ops", roles = "operator")
    void theFirstFlowsApprovalAndBudgetRefusalStillRecordAndVoid() throws Exception {
        String applicant = newApplicant();
        ApplicationEvaluatedV1 first = submitAndAwait(applicant, "S1-SRDI", Map.of("honour_level", "provincial"));

        firstFlowStatusChanged(first, applicant, "APPROVED", "300000.00");
        awaitAwards(applicant, 1);
        firstFlowStatusChanged(first, applicant, "BUDGET_REFUSED", "300000.00");
        awaitAwards(applicant, 0);
        firstFlowStatusChanged(first, applicant, "APPROVED", "250000.00");
        awaitAward(applicant, "250000.00", "2026-05-21");
        firstFlowStatusChanged(first, applicant, "PAYMENT_FAILED", "250000.00");
        awaitAwards(applicant, 0);
    }

    @Test
    @TestSecurity(user = "ops", roles = "operator")
    void anAwardsFilterOnACodeThatCannotExistIsRefusedRatherThanAnsweredEmpty() {
        String valid = newApplicant();
        String wrongCheck = valid.substring(0, 17) + (valid.charAt(17) == '0' ? '1' : '0');
        for (String bad : List.of(wrongCheck, valid.toLowerCase(), valid.substring(0, 17))) {
            given().queryParam("applicantId", bad)
                    .get("/awards")
                    .then()
                    .statusCode(400)
                    .body("errors[0].field", Matchers.equalTo("applicantId"));
        }
        given().queryParam("applicantId", valid).get("/awards").then().statusCode(200);
    }

    @Test
    @TestSecurity(user = "ops", roles = "operator")
    void aProjectFundedByAnotherCityPolicyIsRefusedAsDoubleDipping() throws Exception {
        String applicant = newApplicant();
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "recordId",
                        "TECH-2026-" + applicant,
                        "applicantId",
                        applicant,
                        "programme",
                        "tech-transformation-2024",
                        "policy",
                        "wuxi-smart-manufacturing-2024",
                        "asOf",
                        "2026-01-10",
                        "amount",
                        800000,
                        "facts",
                        Map.of("project_ref", "PRJ-" + applicant)))
                .post("/awards")
                .then()
                .statusCode(200);

        ApplicationEvaluatedV1 same = submitAndAwait(
                applicant,
                "S1-INDUSTRIALIZATION",
                Map.of("tech_equipment_investment", 20_000_000, "has_sales", true, "project_ref", "PRJ-" + applicant));
        assertThat(same.eligible()).isFalse();
        assertThat(codes(same)).containsExactly("DUPLICATE_CITY_POLICY");

        ApplicationEvaluatedV1 other = submitAndAwait(
                applicant,
                "S1-INDUSTRIALIZATION",
                Map.of(
                        "tech_equipment_investment",
                        20_000_000,
                        "has_sales",
                        true,
                        "project_ref",
                        "OTHER-" + applicant));
        assertThat(other.eligible()).isTrue();
        assertThat(other.ceiling()).isEqualByComparingTo("1600000.00");
        assertThat(other.limits()).extracting(l -> l.kind()).contains("PROGRAMME_CEILING", "BENEFICIARY_YEAR_AMOUNT");
    }

    @Test
    @TestSecurity(user = "rev", roles = "reviewer")
    void onlyOperatorsDeclareAwards() {
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "recordId",
                        "X",
                        "applicantId",
                        "91320214AY4CL12T29",
                        "programme",
                        "p",
                        "policy",
                        "other",
                        "asOf",
                        "2026-01-10",
                        "amount",
                        1))
                .post("/awards")
                .then()
                .statusCode(403);
    }
}
