package io.grantflow.notifications.preferences;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.contracts.MessageType;
import io.grantflow.contracts.Topics;
import io.grantflow.contracts.events.ApplicationStatusChangedV1;
import io.grantflow.platform.testing.KafkaTopicsResource;
import io.grantflow.platform.testing.TestKafka;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An enterprise's preferences, through the API and fed from the real broker: e-mail switched off
 * for one event type still leaves the inbox notice and the mail of another type. The enterprise is
 * this test's own (the test database is shared), and its preferences are removed around each test.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTopicsResource.class)
class PreferencesIT {
    // not a real credit code: no other test's enterprise, so its preferences touch no other test
    private static final String PREFS = "91320214PREFS0IT01";
    private static final String SUBMITTED = "application.status_changed:SUBMITTED";
    private static final String ELIGIBLE = "application.status_changed:ELIGIBLE";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    ObjectMapper json;

    @Inject
    MockMailbox mailbox;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String dbUser;

    @ConfigProperty(name = "quarkus.datasource.password")
    String dbPassword;

    @BeforeEach
    @AfterEach
    void forget() throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
                PreparedStatement s = c.prepareStatement(
                        "DELETE FROM notice_preference WHERE recipient_kind = 'ENTERPRISE' AND recipient_id = ?")) {
            s.setString(1, PREFS);
            s.executeUpdate();
        }
    }

    private void change(UUID id, String previous, String status, String command, String email) throws Exception {
        ApplicationStatusChangedV1 e = new ApplicationStatusChangedV1(
                id,
                PREFS,
                "S4-EDGE-COMPUTE",
                previous,
                status,
                command,
                new BigDecimal("300000"),
                null,
                null,
                email,
                null,
                null,
                Instant.now());
        Map<String, String> headers = TestKafka.cloudEventHeaders(
                MessageType.APPLICATION_STATUS_CHANGED_V1.ceType(),
                UUID.randomUUID().toString(),
                id.toString());
        TestKafka.send(
                KafkaTopicsResource.bootstrapServers(),
                TestKafka.record(
                        KafkaTopicsResource.topic(Topics.APPLICATION_EVENTS),
                        id.toString(),
                        json.writeValueAsString(e),
                        headers));
    }

    private List<Mail> mailsTo(String address) {
        List<Mail> mails = mailbox.getMailsSentTo(address);
        return mails == null ? List.of() : mails;
    }

    private static JsonPath notices(UUID applicationId) {
        return given().queryParam("applicationId", applicationId.toString())
                .when()
                .get("/notices")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static List<String> channelsOf(JsonPath prefs, String eventType) {
        return prefs.getList("preferences.find { it.eventType == '" + eventType + "' }.channels");
    }

    @Test
    @TestSecurity(user = "ent-prefs", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "enterprise_id", value = PREFS))
    void anEnterpriseWithoutMailOfSubmissionsGetsTheNoticeButNoMailAndStillMailOfEligibility() throws Exception {
        JsonPath before = given().when()
                .get("/notification-preferences")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(before.getList("preferences")).hasSizeGreaterThan(20);
        assertThat(channelsOf(before, SUBMITTED)).containsExactly("inbox", "email");

        JsonPath after = given().contentType(ContentType.JSON)
                .body(Map.of("preferences", List.of(Map.of("eventType", SUBMITTED, "channels", List.of("inbox")))))
                .when()
                .put("/notification-preferences")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(channelsOf(after, SUBMITTED)).containsExactly("inbox");
        assertThat(channelsOf(after, ELIGIBLE)).containsExactly("inbox", "email");
        assertThat(channelsOf(
                        given().when()
                                .get("/notification-preferences")
                                .then()
                                .extract()
                                .jsonPath(),
                        SUBMITTED))
                .containsExactly("inbox");

        UUID id = UUID.randomUUID();
        String email = "prefs-" + UUID.randomUUID().toString().substring(0, 8) + "@enterprise.test";
        change(id, "DRAFT", "SUBMITTED", "submit", email);
        change(id, "SUBMITTED", "ELIGIBLE", "record_evaluation", email);

        Awaitility.await("both notices in the inbox")
                .atMost(WAIT)
                .until(() -> notices(id).getList("items").size() == 2);
        assertThat(notices(id).getList("items.status")).containsExactly("SUBMITTED", "ELIGIBLE");
        Awaitility.await("the eligibility's mail")
                .atMost(WAIT)
                .until(() -> mailsTo(email).size() == 1);
        Thread.sleep(2000); // the sender runs every second: a mail of the submission would be here by now
        assertThat(mailsTo(email)).hasSize(1);
        assertThat(mailsTo(email).get(0).getSubject()).contains("Application eligible");
        assertThat(mailsTo(email).get(0).getHeaders().get("Message-ID"))
                .singleElement()
                .asString()
                .endsWith(".email@notifications.grantflow>");
    }

    @Test
    @TestSecurity(user = "ent-prefs", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "enterprise_id", value = PREFS))
    void anUnknownEventTypeOrChannelOrAMissingInboxIsA400NamingTheField() {
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "preferences",
                        List.of(
                                Map.of("eventType", "payment.completed", "channels", List.of("inbox")),
                                Map.of("eventType", SUBMITTED, "channels", List.of("inbox", "sms")),
                                Map.of("eventType", ELIGIBLE, "channels", List.of("email")))))
                .when()
                .put("/notification-preferences")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("preferences[0].eventType"))
                .body("errors.field", hasItem("preferences[1].channels[1]"))
                .body("errors.field", hasItem("preferences[2].channels"))
                .body("errors.find { it.field == 'preferences[2].channels' }.code", equalTo("INBOX_REQUIRED"))
                .body(
                        "errors.find { it.field == 'preferences[0].eventType' }.messageZh",
                        equalTo("该类收件人无此事件类型（见 GET /notification-preferences）"));
        // nothing was stored
        given().when()
                .get("/notification-preferences")
                .then()
                .statusCode(200)
                .body(
                        "preferences.find { it.eventType == '" + ELIGIBLE + "' }.channels",
                        equalTo(List.of("inbox", "email")));
    }

    @Test
    @TestSecurity(user = "finance-1", roles = "finance")
    void financeSeesTheMoneyEventsOnly() {
        given().when()
                .get("/notification-preferences")
                .then()
                .statusCode(200)
                .body(
                        "preferences.eventType",
                        equalTo(List.of(
                                "budget.funds_reversed",
                                "budget.reservation_refused",
                                "payment.completed",
                                "payment.failed")));
    }

    @Test
    @TestSecurity(user = "op-1", roles = "operator")
    void anOperatorHasNoPreferences() {
        given().when().get("/notification-preferences").then().statusCode(403);
    }
}
