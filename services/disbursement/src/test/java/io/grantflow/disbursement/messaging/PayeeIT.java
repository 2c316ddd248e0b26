package io.grantflow.disbursement.messaging;

import static io.grantflow.disbursement.testing.RealmTokens.as;
import static io.grantflow.disbursement.testing.RealmTokens.asFinance;
import static io.grantflow.disbursement.testing.RealmTokens.token;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.contracts.MessageType;
import io.grantflow.contracts.Topics;
import io.grantflow.contracts.events.ApplicationStatusChangedV1;
import io.grantflow.contracts.events.FundsReservedV1;
import io.grantflow.contracts.events.InstalmentAmount;
import io.grantflow.contracts.events.PaymentClearanceV1;
import io.grantflow.disbursement.application.PlanJob;
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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Payee verification (ADR 0027) over the real broker, database and Keycloak: an account in the
 * registered name is paid, one in another name is held, a changed account holds the next
 * instalment, its changer may not verify it, and another reviewer's verification pays it once,
 * to the verified account.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTopicsResource.class)
class PayeeIT {
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String NAME = "无锡示例科技有限公司（新吴）";

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

    @Test
    void aFirstAccountInTheRegisteredNameIsPaidToThatAccount() throws Exception {
        String applicant = applicant();
        UUID applicationId = UUID.randomUUID();
        UUID reservationId = UUID.randomUUID();
        // half-width brackets in the account, full-width in the register: the same name
        ApplicationsStandIn.payee(applicationId, payee("无锡示例科技有限公司(新吴)", "6222020000001111", 1, "ent-" + applicant));
        award(applicationId, reservationId, applicant, "800.00", List.of());
        awaitPayment(reservationId, thisYear(), "PAID");
        assertThat(orderAccount(reservationId, thisYear())).isEqualTo("6222020000001111");
        JsonPath payee = asFinance()
                .get("/payees/" + applicant)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(payee.getString("status")).isEqualTo("VERIFIED");
        assertThat(payee.getString("verifiedBy")).isEqualTo("system:name-match");
        assertThat(payee.getString("accountNumber")).isEqualTo("************1111");
    }

    @Test
    void anAccountInAnotherNameIsHeldUntilAnotherPersonVerifiesIt() throws Exception {
        String applicant = applicant();
        UUID applicationId = UUID.randomUUID();
        UUID reservationId = UUID.randomUUID();
        ApplicationsStandIn.payee(applicationId, payee("张三", "6222020000002222", 1, "ent-" + applicant));
        award(applicationId, reservationId, applicant, "500.00", List.of());
        awaitPayment(reservationId, thisYear(), "HELD");
        assertThat(db.value("SELECT hold_reason FROM payment WHERE reservation_id = ?", reservationId))
                .isEqualTo("PAYEE_UNVERIFIED");
        JsonPath listed = as(token("rev-industry"))
                .queryParam("status", "UNVERIFIED")
                .queryParam("limit", 100)
                .get("/payees")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(listed.getList("items.applicantId", String.class)).contains(applicant);
        // another department's reviewer does not see it
        as(token("rev-science")).get("/payees/" + applicant).then().statusCode(404);
        JsonPath verified = verify(
                        "rev-industry-2",
                        applicant,
                        "6222020000002222",
                        UUID.randomUUID().toString())
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(verified.getString("status")).isEqualTo("VERIFIED");
        assertThat(verified.getString("verifiedBy")).isEqualTo("rev-industry-2");
        awaitPayment(reservationId, thisYear(), "PAID");
        assertThat(orderAccount(reservationId, thisYear())).isEqualTo("6222020000002222");
    }

    @Test
    void aChangedAccountHoldsTheNextInstalmentItsChangerMayNotVerifyAnotherPaysItOnce() throws Exception {
        int year = thisYear();
        String applicant = applicant();
        UUID applicationId = UUID.randomUUID();
        UUID reservationId = UUID.randomUUID();
        ApplicationsStandIn.payee(applicationId, payee(NAME, "6222020000003333", 1, "ent-" + applicant));
        award(
                applicationId,
                reservationId,
                applicant,
                "600.00",
                List.of(
                        new InstalmentAmount(year, new BigDecimal("300.00")),
                        new InstalmentAmount(year + 1, new BigDecimal("300.00"))));
        awaitPayment(reservationId, year, "PAID");

        // the account changes (in the registered name still), by someone who also reviews for the department
        ApplicationsStandIn.payee(applicationId, payee(NAME, "6217000000004444", 2, "rev-industry"));
        clock.set(LocalDate.of(year + 1, 1, 1).atStartOfDay(CHINA).toInstant().plusSeconds(60));
        job.runOnce();
        awaitPayment(reservationId, year + 1, "HELD");
        assertThat(db.value(
                        "SELECT hold_reason FROM payment WHERE reservation_id = ? AND fiscal_year = ?",
                        reservationId,
                        year + 1))
                .isEqualTo("PAYEE_UNVERIFIED");
        JsonPath payee = as(token("rev-industry"))
                .get("/payees/" + applicant)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(payee.getString("status")).isEqualTo("UNVERIFIED");
        assertThat(payee.getString("changedBy")).isEqualTo("rev-industry");
        assertThat(payee.getString("accountNumber")).isEqualTo("************4444");
        assertThat(payee.getInt("heldPayments")).isEqualTo(1);

        // the changer's own verification: 403, naming the field
        JsonPath refused = verify(
                        "rev-industry",
                        applicant,
                        "6217000000004444",
                        UUID.randomUUID().toString())
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .extract()
                .jsonPath();
        assertThat(refused.getString("code")).isEqualTo("PAYEE_SAME_PERSON");
        assertThat(refused.getString("errors[0].field")).isEqualTo("changedBy");
        // a verification of the old number is stale: 409
        JsonPath stale = verify(
                        "rev-industry-2",
                        applicant,
                        "6222020000003333",
                        UUID.randomUUID().toString())
                .then()
                .statusCode(409)
                .extract()
                .jsonPath();
        assertThat(stale.getString("code")).isEqualTo("PAYEE_ACCOUNT_CHANGED");
        assertThat(stale.getString("errors[0].field")).isEqualTo("accountNumber");
        // finance does not verify; a malformed number is a 400 naming the field
        as(token("fin-officer"))
                .body(Map.of("accountNumber", "6217000000004444"))
                .post("/payees/" + applicant + "/verification")
                .then()
                .statusCode(403);
        String bad = as(token("rev-industry-2"))
                .body(Map.of("accountNumber", "62-17"))
                .post("/payees/" + applicant + "/verification")
                .then()
                .statusCode(400)
                .extract()
                .jsonPath()
                .getString("errors[0].field");
        assertThat(bad).contains("accountNumber");
        assertThat(db.value(
                        "SELECT status FROM payment WHERE reservation_id = ? AND fiscal_year = ?",
                        reservationId,
                        year + 1))
                .isEqualTo("HELD");

        // another reviewer verifies: the instalment is paid, once, to the new account
        String key = UUID.randomUUID().toString();
        verify("rev-industry-2", applicant, "6217000000004444", key).then().statusCode(200);
        awaitPayment(reservationId, year + 1, "PAID");
        assertThat(orderAccount(reservationId, year + 1)).isEqualTo("6217000000004444");
        // the same request again, and another verification: nothing more
        JsonPath again = verify("rev-industry-2", applicant, "6217000000004444", key)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(again.getString("verifiedBy")).isEqualTo("rev-industry-2");
        verify("rev-industry", applicant, "6217000000004444", UUID.randomUUID().toString())
                .then()
                .statusCode(200);
        job.runOnce();
        Thread.sleep(2000); // a round of the payment worker
        assertThat(db.value(
                        "SELECT count(*) FROM simulated_treasury_payment WHERE order_key = ?::uuid",
                        PaymentOrder.keyOf(reservationId, year + 1).toString()))
                .isEqualTo("1");
        assertThat(db.value("SELECT count(*) FROM payment WHERE reservation_id = ? AND status = 'PAID'", reservationId))
                .isEqualTo("2");
    }

    // ---- helpers ----

    private static int thisYear() {
        return LocalDate.now(CHINA).getYear();
    }

    /** A new applicant per test: payees are per applicant and the database outlives test runs. */
    private static String applicant() {
        return "PAYEE-" + UUID.randomUUID().toString().substring(0, 13);
    }

    private static PaymentClearanceV1.Payee payee(String accountName, String number, long version, String by) {
        return new PaymentClearanceV1.Payee(NAME, "中国工商银行无锡分行", accountName, number, version, by);
    }

    private static Response verify(String user, String applicant, String number, String key) {
        return as(token(user))
                .header("Idempotency-Key", key)
                .body(Map.of("accountNumber", number, "notesZh", "已电话核实开户行 / bank confirmed by phone"))
                .post("/payees/" + applicant + "/verification");
    }

    private void award(
            UUID applicationId, UUID reservationId, String applicant, String amount, List<InstalmentAmount> instalments)
            throws Exception {
        ApplicationStatusChangedV1 change = new ApplicationStatusChangedV1(
                applicationId,
                applicant,
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
        FundsReservedV1 reserved = new FundsReservedV1(
                reservationId,
                applicationId,
                "S3-PROVINCIAL-KEY-LAB",
                "industry",
                applicant,
                "enterprise",
                thisYear(),
                new BigDecimal(amount),
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

    private void awaitPayment(UUID reservationId, int fiscalYear, String status) {
        Awaitility.await("payment of " + reservationId + " " + fiscalYear + " " + status)
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(300))
                .until(() -> status.equals(db.value(
                        "SELECT status FROM payment WHERE reservation_id = ? AND fiscal_year = ?",
                        reservationId,
                        fiscalYear)));
    }

    /** The account the treasury paid the instalment to. */
    private String orderAccount(UUID reservationId, int fiscalYear) throws Exception {
        return db.value(
                "SELECT account_number FROM simulated_treasury_payment WHERE order_key = ?::uuid",
                PaymentOrder.keyOf(reservationId, fiscalYear).toString());
    }
}
