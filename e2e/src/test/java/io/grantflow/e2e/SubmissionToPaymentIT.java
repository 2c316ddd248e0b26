package io.grantflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One application from submission to payment through the five services, Kafka, PostgreSQL,
 * Keycloak and the SMTP server, and the refusals around it.
 */
@ExtendWith(Suite.class)
class SubmissionToPaymentIT {
    private String alpha;
    private String beta;
    private String industryReviewer;
    private String scienceReviewer;
    private String finance;

    /** Fresh tokens for each test: access tokens live five minutes. */
    @BeforeEach
    void tokens() {
        alpha = Suite.userToken("ent-alpha");
        beta = Suite.userToken("ent-beta");
        industryReviewer = Suite.userToken("rev-industry");
        scienceReviewer = Suite.userToken("rev-science");
        finance = Suite.userToken("fin-officer");
    }

    @Test
    void anApplicationTravelsFromSubmissionToPaymentAndTheEnterpriseIsTold() throws Exception {
        Api.leaveHeadroom(finance, new BigDecimal("10000000.00"));
        BigDecimal postedBefore = Api.budget(finance).get("posted");

        // a mailbox of this run's own: the demo mailboxes may hold thousands of other runs' messages
        String mailbox = "pay-" + UUID.randomUUID() + "@enterprise.test";
        Response submitted = Api.submit(alpha, Api.EDGE, "xinwu", Map.of("edge_purchase_cost", 1_000_000), mailbox);
        assertThat(submitted.statusCode()).as(submitted.asString()).isEqualTo(201);
        String id = submitted.jsonPath().getString("id");
        Api.awaitStatus(alpha, id, "ELIGIBLE");
        Response eligible = Api.get(alpha, id);
        assertThat(eligible.jsonPath().getObject("ceiling", BigDecimal.class)).isEqualByComparingTo("300000.00");
        assertThat(eligible.jsonPath().getString("department")).isEqualTo("industry");

        Response approved = Api.approve(industryReviewer, id, "250000.00");
        assertThat(approved.statusCode()).as(approved.asString()).isEqualTo(200);

        Response paid = Api.awaitStatus(alpha, id, "PAID");
        assertThat(paid.jsonPath().getObject("paidAmount", BigDecimal.class)).isEqualByComparingTo("250000.00");
        assertThat(paid.jsonPath().getString("statusZh")).isEqualTo("已拨付");

        List<String> history = Api.as(alpha)
                .get(Suite.url("applications") + "/applications/" + id + "/history")
                .jsonPath()
                .getList("items.toStatus");
        // the budget's confirmation and the payment travel on two topics: either may be recorded first
        assertThat(history)
                .containsSubsequence(
                        "DRAFT",
                        "SUBMITTED",
                        "ELIGIBLE",
                        "UNDER_REVIEW",
                        "RECOMMENDED",
                        "IN_ANNOUNCEMENT",
                        "APPROVED",
                        "PAID");

        Awaitility.await("the enterprise's notices")
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(Api.as(alpha)
                                .queryParam("applicationId", id)
                                .get(Suite.url("notifications") + "/notices")
                                .jsonPath()
                                .getList("items.status", String.class))
                        .containsExactly(
                                "SUBMITTED", "ELIGIBLE", "UNDER_REVIEW", "IN_ANNOUNCEMENT", "APPROVED", "PAID"));
        Response notices = Api.as(alpha).queryParam("applicationId", id).get(Suite.url("notifications") + "/notices");
        assertThat(notices.jsonPath().getString("items.find { it.status == 'PAID' }.bodyZh"))
                .contains("250000.00", "已拨付");

        // every change told once by e-mail, to the application's own address; the payment with its amount
        Awaitility.await("the payment e-mail in the SMTP server")
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(Mailbox.read(mailbox))
                        .filteredOn(m -> m.subject().contains("资金已拨付"))
                        .singleElement()
                        .satisfies(m -> {
                            assertThat(m.subject()).contains("Payment made");
                            assertThat(m.body()).contains(id).contains("250000.00");
                        }));
        Awaitility.await("one e-mail per notice")
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(Mailbox.read(mailbox)).hasSize(6));

        List<Map<String, Object>> payments = Api.as(finance)
                .queryParam("applicationId", id)
                .get(Suite.url("disbursement") + "/payments")
                .jsonPath()
                .getList("items");
        assertThat(payments).hasSize(1);
        assertThat(payments.get(0)).containsEntry("status", "PAID");
        // The budget posts the reservation once the payment is reported: the money is spent, not pending.
        ConsumerRecord<String, String> posted =
                Topics.awaitMessage(Suite.topic("budget.reservation.events"), id, "grantflow.budget.FundsPosted.v1");
        assertThat(posted.value()).contains("\"amount\":\"250000.00\"");
        Topics.awaitConsumed();
        assertThat(Api.budget(finance).get("posted"))
                .isEqualByComparingTo(postedBefore.add(new BigDecimal("250000.00")));
    }

    /**
     * No payment leaves without a verified payee account (ADR 0027): an applicant without a bank
     * account in its profile is approved, but its payment waits, the enterprise reads why on its
     * application and finance sees the payment waiting; the account it then adds, in its
     * registered name, is paid.
     */
    @Test
    void anApplicantWithoutABankAccountIsNotPaidUntilItAddsOne() throws Exception {
        String epsilon = Suite.userToken("ent-epsilon");
        Api.removeBankAccount("ent-epsilon");
        try {
            Api.leaveHeadroom(finance, new BigDecimal("10000000.00"));
            String id = Api.submitEligible(epsilon, 100_000); // ceiling 30,000.00
            Response approved = Api.approve(industryReviewer, id, "20000.00");
            assertThat(approved.statusCode()).as(approved.asString()).isEqualTo(200);
            Api.awaitStatus(epsilon, id, "APPROVED");

            String waits = "付款待补充银行账户";
            Awaitility.await("the payment waits for the applicant's bank account")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> notes(epsilon, id).stream().anyMatch(n -> n != null && n.startsWith(waits)));
            assertThat(notes(epsilon, id))
                    .filteredOn(n -> n != null && n.startsWith(waits))
                    .hasSize(1);
            assertThat(paymentStatuses(id)).containsExactly("AWAITING_CLEARANCE");
            assertThat(Api.get(epsilon, id).jsonPath().getString("status")).isEqualTo("APPROVED");
            assertThat(count(
                            "disbursement",
                            "SELECT count(*) FROM simulated_treasury_payment t JOIN payment p ON p.id = t.payment_id"
                                    + " WHERE p.application_id = '" + id + "'"))
                    .as("nothing sent to the treasury")
                    .isZero();

            Api.giveBankAccount("ent-epsilon");
            Response paid = Api.awaitStatus(epsilon, id, "PAID");
            assertThat(paid.jsonPath().getObject("paidAmount", BigDecimal.class))
                    .isEqualByComparingTo("20000.00");
            assertThat(paymentStatuses(id)).containsExactly("PAID");
            Response payee = Api.as(finance)
                    .get(Suite.url("disbursement") + "/payees/"
                            + Api.enterprise("ent-epsilon").creditCode());
            assertThat(payee.statusCode()).as(payee.asString()).isEqualTo(200);
            assertThat(payee.jsonPath().getString("status")).isEqualTo("VERIFIED");
        } finally {
            Api.giveBankAccount("ent-epsilon");
        }
    }

    private static List<String> notes(String token, String id) {
        return Api.as(token)
                .get(Suite.url("applications") + "/applications/" + id + "/history")
                .jsonPath()
                .getList("items.note", String.class);
    }

    private List<String> paymentStatuses(String id) {
        return Api.as(finance)
                .queryParam("applicationId", id)
                .get(Suite.url("disbursement") + "/payments")
                .jsonPath()
                .getList("items.status", String.class);
    }

    @Test
    void everyServiceAnswers401WithoutATokenAnd401ForATokenMeantForNoService() {
        // A real token of the realm for a real user, but issued to a client outside grantflow: no audience of ours.
        String foreign = Suite.userToken("admin-cli", "ent-alpha");
        for (String service : Suite.services()) {
            String path = switch (service) {
                case "applications" -> "/applications";
                case "eligibility" -> "/programmes";
                case "budget" -> "/budgets/2026";
                case "disbursement" -> "/payments";
                default -> "/notices";
            };
            assertThat(RestAssured.given().get(Suite.url(service) + path).statusCode())
                    .as(service)
                    .isEqualTo(401);
            assertThat(RestAssured.given()
                            .auth()
                            .oauth2(foreign)
                            .get(Suite.url(service) + path)
                            .statusCode())
                    .as(service + " with a token of another audience")
                    .isEqualTo(401);
        }
    }

    @Test
    void anotherEnterpriseCannotReadTheApplication() {
        String id = Api.submitEligible(alpha, 200_000);
        assertThat(Api.get(beta, id).statusCode()).isEqualTo(404);
        assertThat(Api.as(beta)
                        .get(Suite.url("applications") + "/applications")
                        .jsonPath()
                        .getList("items.id"))
                .doesNotContain(id);
        assertThat(Api.get(alpha, id).statusCode()).isEqualTo(200);
    }

    @Test
    void aReviewerOfAnotherDepartmentCannotApproveNorLearnThatTheApplicationExists() {
        String id = Api.submitEligible(alpha, 200_000);
        Response r = Api.approve(scienceReviewer, id, "1000.00");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.jsonPath().getString("code")).isEqualTo("NOT_FOUND");
        assertThat(r.asString()).doesNotContain("industry");
        assertThat(Api.get(scienceReviewer, id).statusCode()).isEqualTo(404);
        // nor its evaluation, with the trace and the applicant's figures
        assertThat(Api.as(scienceReviewer)
                        .get(Suite.url("eligibility") + "/evaluations/" + id)
                        .statusCode())
                .isEqualTo(404);
        Response evaluation = Api.as(industryReviewer).get(Suite.url("eligibility") + "/evaluations/" + id);
        assertThat(evaluation.statusCode()).isEqualTo(200);
        // the reasons are a list a client can read, not a JSON text inside a string
        assertThat(evaluation.jsonPath().getList("reasons"))
                .as(evaluation.asString())
                .isNotNull();
        assertThat(evaluation.jsonPath().getBoolean("eligible")).isTrue();
        assertThat(Api.as(alpha)
                        .get(Suite.url("eligibility") + "/evaluations/" + id)
                        .statusCode())
                .isEqualTo(200);
        assertThat(Api.as(beta)
                        .get(Suite.url("eligibility") + "/evaluations/" + id)
                        .statusCode())
                .isEqualTo(404);
        assertThat(Api.get(alpha, id).jsonPath().getString("status")).isEqualTo("ELIGIBLE");
        String agency = Suite.clientToken("agency-science");
        assertThat(Api.approve(agency, id, "1000.00").statusCode()).isEqualTo(404);
        assertThat(Api.get(alpha, id).jsonPath().getString("status")).isEqualTo("ELIGIBLE");
    }

    @Test
    void anAmountAboveTheCeilingIsRefusedAndChangesNothing() {
        String id = Api.submitEligible(alpha, 200_000); // ceiling 60,000.00
        // a partner agency's service account of the department takes it and proposes too much
        String agency = Suite.clientToken("agency-industry");
        Response r = Api.approve(agency, id, "60000.01");
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.jsonPath().getString("code")).isEqualTo("AMOUNT_ABOVE_CEILING");
        assertThat(r.jsonPath().getString("errors[0].field")).isEqualTo("amount");
        assertThat(r.jsonPath().getString("title")).contains("/");
        Response unchanged = Api.get(alpha, id);
        assertThat(unchanged.jsonPath().getString("status")).isEqualTo("UNDER_REVIEW");
        assertThat(unchanged.jsonPath().getString("procedure.recommendation")).isNull();
        // within the ceiling, the same agency's recommendation goes on to announcement and approval
        Api.leaveHeadroom(finance, new BigDecimal("10000000.00"));
        Response ok = Api.approveClaimed(agency, null, id, "60000.00");
        assertThat(ok.statusCode()).as(ok.asString()).isEqualTo(200);
        Api.awaitStatus(alpha, id, "PAID"); // nothing left in flight for the budget tests that follow
    }

    @Test
    void theBudgetRefusesAnAwardThatWouldExceedTheFiscalYearTotal() {
        String id = Api.submitEligible(alpha, 1_000_000);
        Api.leaveHeadroom(finance, new BigDecimal("100000.00"));
        Map<String, BigDecimal> before = Api.budget(finance);

        assertThat(Api.approve(industryReviewer, id, "250000.00").statusCode()).isEqualTo(200);
        Response refused = Api.awaitBudgetRefusal(industryReviewer, id);
        assertThat(refused.jsonPath().getString("procedure.lastBudgetRefusal.account"))
                .isNotBlank();
        assertThat(refused.jsonPath().getObject("procedure.lastBudgetRefusal.headroom", BigDecimal.class))
                .isEqualByComparingTo("100000.00");
        assertThat(refused.jsonPath().getString("reasonZh")).contains("100000.00");
        assertThat(refused.jsonPath().getString("reasonEn")).contains("headroom 100000.00");

        Map<String, BigDecimal> after = Api.budget(finance);
        assertThat(after.get("pending")).isEqualByComparingTo(before.get("pending"));
        assertThat(after.get("posted")).isEqualByComparingTo(before.get("posted"));
        assertThat(after.get("available")).isEqualByComparingTo("100000.00");
    }

    @Test
    void aMalformedSubmissionGets400NamingTheFieldAndLeavesNoRowAndNoMessage() throws Exception {
        long rowsBefore = count("applications", "SELECT count(*) FROM application");
        // the highest seq, not a count: pruning may delete old published rows meanwhile
        long outboxBefore = count("applications", "SELECT coalesce(max(seq), 0) FROM outbox_message");

        Response negative = Api.submit(alpha, Api.EDGE, "xinwu", Map.of("edge_purchase_cost", -5));
        assertThat(negative.statusCode()).isEqualTo(400);
        assertThat(negative.contentType()).startsWith("application/problem+json");
        assertThat(negative.jsonPath().getInt("status")).isEqualTo(400);
        assertThat(negative.jsonPath().getString("errors[0].field")).isEqualTo("facts.edge_purchase_cost");
        assertThat(negative.jsonPath().getString("errors[0].messageZh")).isNotBlank();
        assertThat(negative.jsonPath().getString("errors[0].messageEn")).isNotBlank();

        // 信用承诺: a submission that accepts no credit commitment is refused naming the field
        Response noCommitment = Api.as(alpha)
                .body(Map.of(
                        "programme", Api.EDGE, "district", "xinwu", "facts", Map.of("edge_purchase_cost", 100_000)))
                .post(Suite.url("applications") + "/applications");
        assertThat(noCommitment.statusCode()).as(noCommitment.asString()).isEqualTo(400);
        assertThat(noCommitment.contentType()).startsWith("application/problem+json");
        assertThat(noCommitment.jsonPath().getList("errors.field")).containsExactly("commitmentVersion");
        assertThat(noCommitment.jsonPath().getString("errors[0].messageZh")).contains("信用承诺书");
        assertThat(noCommitment.jsonPath().getString("errors[0].messageEn")).contains("credit commitment");

        Response missing = Api.as(alpha)
                .body(Map.of("district", "xinwu", "facts", Map.of()))
                .post(Suite.url("applications") + "/applications");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.jsonPath().getList("errors.field")).contains("programme");

        Response wrongType = Api.as(alpha)
                .body("{\"programme\":\"S4-EDGE-COMPUTE\",\"district\":\"xinwu\",\"facts\":[1]}")
                .post(Suite.url("applications") + "/applications");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(wrongType.jsonPath().getString("errors[0].field")).isEqualTo("facts");

        Response notJson = Api.as(alpha).body("{\"programme\": ").post(Suite.url("applications") + "/applications");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.contentType()).startsWith("application/problem+json");

        Response badParameter =
                Api.as(finance).queryParam("applicationId", "not-a-uuid").get(Suite.url("disbursement") + "/payments");
        assertThat(badParameter.statusCode()).isEqualTo(400);
        assertThat(badParameter.contentType()).startsWith("application/problem+json");
        assertThat(badParameter.jsonPath().getString("errors[0].field")).isEqualTo("applicationId");

        assertThat(count("applications", "SELECT count(*) FROM application")).isEqualTo(rowsBefore);
        assertThat(count("applications", "SELECT count(*) FROM outbox_message WHERE seq > " + outboxBefore))
                .as("outbox rows written since")
                .isZero();
    }

    @Test
    void aRedeliveredMessageChangesNothingTwice() throws Exception {
        Api.leaveHeadroom(finance, new BigDecimal("10000000.00"));
        String id = Api.submitEligible(alpha, 400_000);
        assertThat(Api.approve(industryReviewer, id, "120000.00").statusCode()).isEqualTo(200);
        Api.awaitStatus(alpha, id, "PAID");
        Topics.awaitMessage(Suite.topic("budget.reservation.events"), id, "grantflow.budget.FundsPosted.v1");
        Topics.awaitConsumed(); // nothing of this or an earlier test still in flight before the snapshot
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> Api.as(alpha)
                                .queryParam("applicationId", id)
                                .get(Suite.url("notifications") + "/notices")
                                .jsonPath()
                                .getList("items")
                                .size()
                        == 6); // submitted, eligible, taken up, announced, approved, paid
        BigDecimal postedBefore = Api.budget(finance).get("posted");
        // the budget's confirmation and the payment's clearance race on two topics: one history line
        // more or less (a clearance that came first proved the reservation already)
        int historyBefore = Api.as(alpha)
                .get(Suite.url("applications") + "/applications/" + id + "/history")
                .jsonPath()
                .getList("items")
                .size();
        assertThat(historyBefore).isBetween(9, 10);

        // Every message about this application, delivered a second time, byte for byte.
        for (String topic : List.of(
                "applications.application.events",
                "eligibility.evaluation.events",
                "budget.commands",
                "budget.reservation.events",
                "disbursement.payment.events")) {
            List<ConsumerRecord<String, String>> records = Topics.recordsFor(Suite.topic(topic), id);
            assertThat(records).as(topic).isNotEmpty();
            records.forEach(Topics::resend);
        }
        Topics.awaitConsumed();

        assertThat(Api.get(alpha, id).jsonPath().getString("status")).isEqualTo("PAID");
        assertThat(Api.as(alpha)
                        .get(Suite.url("applications") + "/applications/" + id + "/history")
                        .jsonPath()
                        .getList("items"))
                .hasSize(historyBefore);
        assertThat(Api.as(finance)
                        .queryParam("applicationId", id)
                        .get(Suite.url("disbursement") + "/payments")
                        .jsonPath()
                        .getList("items"))
                .hasSize(1);
        assertThat(Api.budget(finance).get("posted")).isEqualByComparingTo(postedBefore);
        assertThat(Api.as(alpha)
                        .queryParam("applicationId", id)
                        .get(Suite.url("notifications") + "/notices")
                        .jsonPath()
                        .getList("items"))
                .hasSize(6);
        assertThat(count(
                        "disbursement",
                        "SELECT count(*) FROM simulated_treasury_payment WHERE payment_id IN "
                                + "(SELECT id FROM payment WHERE application_id = '" + id + "')"))
                .isEqualTo(1);
        assertThat(Topics.deadLetters()).as("dead letters of this application").noneMatch(r -> id.equals(r.key()));
    }

    static long count(String service, String sql) throws Exception {
        try (Connection c = Suite.database(service);
                PreparedStatement s = c.prepareStatement(sql);
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
