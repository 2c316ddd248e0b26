package io.grantflow.applications.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.applications.application.SubmitApplication;
import io.grantflow.applications.application.commitment.CreditCommitments;
import io.grantflow.applications.application.procedure.RunProcedure;
import io.grantflow.contracts.MessageType;
import io.grantflow.contracts.Topics;
import io.grantflow.contracts.events.PaymentClearanceRequestedV1;
import io.grantflow.platform.catalogue.ProgrammeDirectory;
import io.grantflow.platform.testing.CatalogueFixture;
import io.grantflow.platform.testing.KafkaTopicsResource;
import io.grantflow.platform.testing.TestKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * No payment of an application is cleared while its applicant has no bank account in its profile
 * (ADR 0027): disbursement's request waits, the enterprise reads why on its application, and the
 * account's arrival answers it, with the payee, once. Against the real database and broker, as
 * the enterprise (its own credit code, used by no other test, its profile deleted first).
 */
@QuarkusTest
@QuarkusTestResource(KafkaTopicsResource.class)
class PaymentAwaitsPayeeIT {
    private static final String PAYEE = "91320214MA1PAYEE1F";
    private static final String USER = "ent-payee";
    private static final String NAME = "无锡佩伊智能科技有限公司";
    private static final String ACCOUNT = "6222029876543210987";

    @Inject
    ObjectMapper json;

    @Inject
    SubmitApplication submit;

    @Inject
    RunProcedure procedures;

    @Inject
    ProgrammeDirectory directory;

    @Inject
    CreditCommitments commitments;

    @Inject
    ProcedureDriver driver;

    @BeforeEach
    void setUp() throws SQLException {
        if (!directory.known()) {
            CatalogueFixture.publish(json, directory);
        }
        update("DELETE FROM applicant_profile WHERE credit_code = ?", PAYEE);
    }

    @Test
    @TestSecurity(user = USER, roles = "enterprise")
    @OidcSecurity(claims = {@Claim(key = "enterprise_id", value = PAYEE)})
    void aPaymentWaitsForTheApplicantsBankAccountAndIsClearedWithItOnce() throws Throwable {
        UUID id = driver.eligible(PAYEE, USER);
        driver.claim(id);
        driver.recommend(id, "250000.00");
        driver.announce(id);
        driver.endAnnouncement(id);
        Awaitility.await("approved when the announcement is over")
                .atMost(Duration.ofSeconds(60))
                .until(() -> "APPROVED".equals(driver.status(id)));
        UUID reservation =
                UUID.fromString(driver.value("SELECT reservation_id::text FROM application WHERE id = ?", id));

        // disbursement asks; the request comes twice (a redelivery, and the same payment asked again)
        UUID payment = UUID.randomUUID();
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        askClearance(payment, id, reservation, first);
        askClearance(payment, id, reservation, first);
        askClearance(payment, id, reservation, second);
        awaitProcessed(second);

        assertThat(answers(payment)).as("no answer without an account").isZero();
        assertThat(driver.status(id)).isEqualTo("APPROVED");
        Response history = given().when().get("/applications/" + id + "/history");
        assertThat(history.statusCode()).as(history.asString()).isEqualTo(200);
        List<String> notes = history.jsonPath().getList("items.note", String.class);
        assertThat(notes.stream().filter(n -> n != null && n.startsWith("付款待补充银行账户")))
                .as("the enterprise reads once why its payment waits")
                .hasSize(1);
        assertThat(history.jsonPath().getList("items.noteEn", String.class))
                .as("and in English beside it")
                .filteredOn(n -> n != null && n.contains("waits for the applicant's bank account"))
                .hasSize(1);
        assertThat(driver.count(
                        "SELECT count(*) FROM audit_entry WHERE subject = ? AND action = ?",
                        id.toString(),
                        "application.payment-awaits-payee"))
                .isEqualTo(1);
        // nothing is under way yet: the enterprise could still withdraw (it does not here)
        assertThat(driver.count(
                        "SELECT count(*) FROM application WHERE id = ? AND procedure LIKE ?", id, "%" + payment + "%"))
                .isZero();

        // a profile without an account changes nothing
        Response created = given().contentType(ContentType.JSON)
                .header("If-None-Match", "*")
                .body(profile(false))
                .when()
                .put("/applicant-profiles/" + PAYEE);
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        assertThat(answers(payment)).isZero();

        // the account arrives: the request is answered in the same transaction, cleared, with the payee
        Response changed = given().contentType(ContentType.JSON)
                .header("If-Match", created.header("ETag"))
                .body(profile(true))
                .when()
                .put("/applicant-profiles/" + PAYEE);
        assertThat(changed.statusCode()).as(changed.asString()).isEqualTo(200);
        assertThat(answers(payment)).isEqualTo(1);
        String payee = "SELECT payload::jsonb -> 'payee' ->> ? FROM outbox_message"
                + " WHERE ce_type = ? AND payload::jsonb ->> 'paymentId' = ?";
        String clearance = MessageType.PAYMENT_CLEARANCE_V1.ceType();
        assertThat(driver.value(
                        "SELECT payload::jsonb ->> 'cleared' FROM outbox_message WHERE ce_type = ?"
                                + " AND payload::jsonb ->> 'paymentId' = ?",
                        clearance,
                        payment.toString()))
                .isEqualTo("true");
        assertThat(driver.value(payee, "accountNumber", clearance, payment.toString()))
                .isEqualTo(ACCOUNT);
        assertThat(driver.value(payee, "registeredName", clearance, payment.toString()))
                .isEqualTo(NAME);
        assertThat(driver.value(payee, "changedBy", clearance, payment.toString()))
                .isEqualTo(USER);
        assertThat(driver.value(payee, "profileVersion", clearance, payment.toString()))
                .isEqualTo(changed.header("ETag").replace("\"", ""));
        // the payment is under way now: a withdrawal is refused as for any cleared payment
        Response withdrawal =
                given().contentType(ContentType.JSON).body("{}").when().post("/applications/" + id + "/withdrawal");
        assertThat(withdrawal.statusCode()).as(withdrawal.asString()).isEqualTo(409);
        assertThat(withdrawal.jsonPath().getString("code")).isEqualTo("PAYMENT_UNDER_WAY");

        // the first request delivered again, and another change of the profile: still one answer
        askClearance(payment, id, reservation, first);
        Response again = given().contentType(ContentType.JSON)
                .header("If-Match", changed.header("ETag"))
                .body(profile(true))
                .when()
                .put("/applicant-profiles/" + PAYEE);
        assertThat(again.statusCode()).as(again.asString()).isEqualTo(200);
        // a request for another payment after the redelivery, on the same partition (the same key):
        // its answer (refused, the first is under way) means the redelivery was handled before it
        UUID marker = UUID.randomUUID();
        askClearance(marker, id, reservation, UUID.randomUUID().toString());
        Awaitility.await("the later request answered")
                .atMost(Duration.ofSeconds(60))
                .until(() -> answers(marker) == 1);
        assertThat(answers(payment)).isEqualTo(1);
        assertThat(driver.count(
                        "SELECT count(*) FROM payment_clearance_wait WHERE payment_id = ? AND answered_at IS NOT NULL",
                        payment))
                .isEqualTo(1);
    }

    private String profile(boolean account) {
        return "{\"name\": \"" + NAME + "\", \"beneficiaryKind\": \"enterprise\", \"district\": \"xinwu\","
                + " \"contacts\": [{\"name\": \"王经理\", \"phone\": \"0510-85123456\"}]"
                + (account
                        ? ", \"bankAccount\": {\"bankName\": \"中国银行无锡新吴支行\", \"accountName\": \"" + NAME
                                + "\", \"accountNumber\": \"" + ACCOUNT + "\"}"
                        : "")
                + "}";
    }

    private long answers(UUID payment) throws SQLException {
        return driver.count(
                "SELECT count(*) FROM outbox_message WHERE ce_type = ? AND payload::jsonb ->> 'paymentId' = ?",
                MessageType.PAYMENT_CLEARANCE_V1.ceType(),
                payment.toString());
    }

    private void askClearance(UUID payment, UUID id, UUID reservation, String messageId) throws Exception {
        TestKafka.send(
                KafkaTopicsResource.bootstrapServers(),
                KafkaTopicsResource.topic(Topics.PAYMENT_EVENTS),
                id.toString(),
                MessageType.PAYMENT_CLEARANCE_REQUESTED_V1.ceType(),
                json.writeValueAsString(new PaymentClearanceRequestedV1(
                        payment, id, reservation, 2026, new BigDecimal("250000.00"), Instant.now())),
                messageId);
    }

    private void awaitProcessed(String messageId) {
        Awaitility.await("message " + messageId + " handled")
                .atMost(Duration.ofSeconds(60))
                .until(() ->
                        driver.count("SELECT count(*) FROM processed_message WHERE message_id = ?", messageId) > 0);
    }

    private void update(String sql, Object... params) throws SQLException {
        try (Connection c = driver.connection();
                PreparedStatement q = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                q.setObject(i + 1, params[i]);
            }
            q.executeUpdate();
        }
    }
}
