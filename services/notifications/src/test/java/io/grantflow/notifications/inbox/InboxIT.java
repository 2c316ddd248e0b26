package io.grantflow.notifications.inbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.contracts.MessageType;
import io.grantflow.contracts.Topics;
import io.grantflow.contracts.events.ApplicationStatusChangedV1;
import io.grantflow.contracts.events.FundsReversedV1;
import io.grantflow.contracts.events.PaymentCompletedV1;
import io.grantflow.contracts.events.PaymentFailedV1;
import io.grantflow.contracts.events.ReservationRefusedV1;
import io.grantflow.platform.catalogue.ProgrammeDirectory;
import io.grantflow.platform.testing.CatalogueFixture;
import io.grantflow.platform.testing.KafkaTopicsResource;
import io.grantflow.platform.testing.TestKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every recipient's inbox, fed from the real broker: the reviewing department hears what it must
 * act on, finance of the money, the city approver of what waits for it; each reads its own only,
 * filters it, counts the unread and marks them read.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTopicsResource.class)
class InboxIT {
    private static final String ALPHA = "91320214AY4CL12T29";
    private static final String PROGRAMME = "S4-EDGE-COMPUTE"; // administered by industry (CatalogueFixture)
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    ObjectMapper json;

    @Inject
    ProgrammeDirectory directory;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String dbUser;

    @ConfigProperty(name = "quarkus.datasource.password")
    String dbPassword;

    @BeforeEach
    void catalogue() {
        if (directory.find(PROGRAMME).isEmpty()) {
            CatalogueFixture.publish(json, directory);
        }
    }

    private void change(UUID id, String previous, String status, String command, String amount) throws Exception {
        ApplicationStatusChangedV1 e = new ApplicationStatusChangedV1(
                id,
                ALPHA,
                PROGRAMME,
                previous,
                status,
                command,
                amount == null ? null : new BigDecimal(amount),
                null,
                null,
                null,
                null,
                null,
                Instant.now());
        send(Topics.APPLICATION_EVENTS, MessageType.APPLICATION_STATUS_CHANGED_V1, id, json.writeValueAsString(e));
    }

    private void send(String topic, MessageType type, UUID key, String payload) {
        TestKafka.send(
                KafkaTopicsResource.bootstrapServers(),
                KafkaTopicsResource.topic(topic),
                key.toString(),
                type.ceType(),
                payload,
                UUID.randomUUID().toString());
    }

    private static JsonPath list(String query) {
        return given().when()
                .get("/notices" + query)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static long unread() {
        return given().when()
                .get("/notices/unread-count")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("unread");
    }

    /** The recipients (kind:id) of an application's notices, in the database. */
    private List<String> recipientsOf(UUID applicationId) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
                PreparedStatement s = c.prepareStatement(
                        "SELECT recipient_kind || ':' || recipient_id FROM notice WHERE application_id = ? ORDER BY 1")) {
            s.setObject(1, applicationId);
            List<String> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
            return out;
        }
    }

    private void await(String what, UUID applicationId, int notices) {
        Awaitility.await(what)
                .atMost(WAIT)
                .until(() -> recipientsOf(applicationId).size() >= notices);
    }

    @Test
    @TestSecurity(user = "rev-industry", roles = "reviewer")
    @OidcSecurity(claims = @Claim(key = "department", value = "industry"))
    void theDepartmentReadsWhatItMustActOnInItsOwnInboxFiltersItAndMarksItRead() throws Exception {
        UUID id = UUID.randomUUID();
        change(id, "SUBMITTED", "ELIGIBLE", "record_evaluation", "300000");
        change(id, "ELIGIBLE", "UNDER_REVIEW", "claim", null); // its own step: the enterprise hears of it, not it
        change(id, "UNDER_REVIEW", "AWAITING_CONFIRMATION", "recommend", "200000");
        await("the notices", id, 4);
        Thread.sleep(500); // the claim's notice is the enterprise's only: nothing more comes

        assertThat(recipientsOf(id))
                .containsExactly(
                        "DEPARTMENT:industry", "DEPARTMENT:industry", "ENTERPRISE:" + ALPHA, "ENTERPRISE:" + ALPHA);
        JsonPath mine = list("?applicationId=" + id);
        assertThat(mine.getList("items.titleEn"))
                .containsExactly("Eligible application to take up", "Recommendation awaits a second reviewer");
        assertThat(mine.getString("items[0].bodyZh")).contains("300000.00").contains(ALPHA);
        assertThat(mine.getString("items[0].eventType")).isEqualTo("application.status_changed");
        // the enterprise's notices are not in the department's inbox
        assertThat(list("?limit=200").getList("items.titleEn")).doesNotContain("Application taken up for review");

        long before = unread();
        assertThat(before).isGreaterThanOrEqualTo(2);
        given().when()
                .post("/notices/" + mine.getString("items[0].id") + "/read")
                .then()
                .statusCode(200);
        assertThat(unread()).isEqualTo(before - 1);
        assertThat(list("?unread=true&applicationId=" + id).getList("items.titleEn"))
                .containsExactly("Recommendation awaits a second reviewer");

        given().when()
                .post("/notices/read-all?applicationId=" + id)
                .then()
                .statusCode(200)
                .body("marked", equalTo(1));
        assertThat(list("?unread=true&applicationId=" + id).getList("items")).isEmpty();
        given().when().post("/notices/read-all").then().statusCode(200);
        assertThat(unread()).isZero();

        // the enterprise's notice of the same application is not the department's to read
        String enterprisesNotice = noticeOf(id, "ENTERPRISE");
        given().when().post("/notices/" + enterprisesNotice + "/read").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "rev-science", roles = "reviewer")
    @OidcSecurity(claims = @Claim(key = "department", value = "science"))
    void anotherDepartmentSeesNoneOfIt() throws Exception {
        UUID id = UUID.randomUUID();
        change(id, "SUBMITTED", "ELIGIBLE", "record_evaluation", "300000");
        await("industry's notice", id, 2);

        assertThat(list("?applicationId=" + id).getList("items")).isEmpty();
        given().when()
                .post("/notices/" + noticeOf(id, "DEPARTMENT") + "/read")
                .then()
                .statusCode(404);
    }

    @Test
    @TestSecurity(user = "fin-officer", roles = "finance")
    @OidcSecurity(claims = @Claim(key = "department", value = "finance"))
    void financeHearsOfEveryPaymentRefusalAndClawback() throws Exception {
        UUID id = UUID.randomUUID();
        UUID reservation = UUID.randomUUID();
        send(
                Topics.PAYMENT_EVENTS,
                MessageType.PAYMENT_COMPLETED_V1,
                id,
                json.writeValueAsString(new PaymentCompletedV1(
                        UUID.randomUUID(), id, reservation, ALPHA, new BigDecimal("1200.5"), "TR-77", Instant.now())));
        send(
                Topics.PAYMENT_EVENTS,
                MessageType.PAYMENT_FAILED_V1,
                id,
                json.writeValueAsString(new PaymentFailedV1(
                        UUID.randomUUID(),
                        id,
                        reservation,
                        new BigDecimal("10.00"),
                        "ACCOUNT_CLOSED",
                        "收款账户已销户",
                        "the account is closed",
                        Instant.now())));
        send(
                Topics.RESERVATION_EVENTS,
                MessageType.RESERVATION_REFUSED_V1,
                id,
                json.writeValueAsString(new ReservationRefusedV1(
                        reservation,
                        id,
                        "LIMIT_EXCEEDED",
                        "S4-EDGE-COMPUTE/2026",
                        new BigDecimal("100.00"),
                        new BigDecimal("300000.00"),
                        "额度不足",
                        "over the limit",
                        Instant.now())));
        send(
                Topics.RESERVATION_EVENTS,
                MessageType.FUNDS_REVERSED_V1,
                id,
                json.writeValueAsString(new FundsReversedV1(
                        UUID.randomUUID(),
                        reservation,
                        id,
                        new BigDecimal("50.00"),
                        "审计发现 / audit finding",
                        Instant.now())));
        await("finance's notices", id, 4);

        assertThat(recipientsOf(id)).containsOnly("FINANCE:finance").hasSize(4);
        assertThat(list("?applicationId=" + id).getList("items.eventType"))
                .containsExactlyInAnyOrder(
                        "payment.completed", "payment.failed", "budget.reservation_refused", "budget.funds_reversed");
        JsonPath paid = list("?applicationId=" + id + "&eventType=payment.completed");
        assertThat(paid.getList("items")).hasSize(1);
        assertThat(paid.getString("items[0].bodyZh")).contains("1200.50").contains("TR-77");
        assertThat(list("?applicationId=" + id + "&eventType=budget.reservation_refused")
                        .getString("items[0].bodyEn"))
                .contains("S4-EDGE-COMPUTE/2026")
                .contains("CNY 100.00");
    }

    @Test
    @TestSecurity(user = "city-approver", roles = "city_approver")
    void theCityApproverHearsOfWhatAwaitsItsApproval() throws Exception {
        UUID id = UUID.randomUUID();
        change(id, "IN_ANNOUNCEMENT", "AWAITING_CITY_APPROVAL", "close_announcement", "5000000");
        await("the notices", id, 2);

        assertThat(recipientsOf(id)).containsExactly("CITY:city", "ENTERPRISE:" + ALPHA);
        JsonPath mine = list("?applicationId=" + id);
        assertThat(mine.getList("items.titleZh")).containsExactly("待市政府审批");
        assertThat(mine.getString("items[0].bodyZh")).contains("5000000.00");
    }

    @Test
    @TestSecurity(user = "city-approver", roles = "city_approver")
    void aFilterOutsideTheListIsRefusedNamingIt() {
        given().when()
                .get("/notices?eventType=payment.everything")
                .then()
                .statusCode(400)
                .body(containsString("eventType"));
    }

    @Test
    @TestSecurity(user = "ops", roles = "operator")
    void anOperatorHasNoInbox() {
        given().when().get("/notices").then().statusCode(403);
        given().when().get("/notices/unread-count").then().statusCode(403);
    }

    private String noticeOf(UUID applicationId, String kind) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
                PreparedStatement s = c.prepareStatement(
                        "SELECT id FROM notice WHERE application_id = ? AND recipient_kind = ? LIMIT 1")) {
            s.setObject(1, applicationId);
            s.setString(2, kind);
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next())
                        .as("a %s notice of %s", kind, applicationId)
                        .isTrue();
                return r.getString(1);
            }
        }
    }
}
