package io.grantflow.notifications.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.contracts.CloudEventHeaders;
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
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Status changes of applications arrive on the real broker and become notices in the applicant's
 * inbox and e-mails (to the mock mailbox of the test profile), once per event.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTopicsResource.class)
class NotificationIT {
    private static final String ALPHA = "91320214AY4CL12T29";
    private static final String BETA = "913202117BYC46N175";
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

    private static String topic() {
        return KafkaTopicsResource.topic(Topics.APPLICATION_EVENTS);
    }

    private static String uniqueAddress(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@enterprise.test";
    }

    /** Sends a PAID status change; returns the headers sent. */
    private Map<String, String> paid(UUID applicationId, String applicant, String amount, String email)
            throws Exception {
        ApplicationStatusChangedV1 event = new ApplicationStatusChangedV1(
                applicationId,
                applicant,
                "S4-EDGE-COMPUTE",
                "FUNDS_RESERVED",
                "PAID",
                new BigDecimal(amount),
                null,
                null,
                email,
                Instant.now());
        Map<String, String> headers = TestKafka.cloudEventHeaders(
                MessageType.APPLICATION_STATUS_CHANGED_V1.ceType(),
                UUID.randomUUID().toString(),
                applicationId.toString());
        TestKafka.send(
                KafkaTopicsResource.bootstrapServers(),
                TestKafka.record(topic(), applicationId.toString(), json.writeValueAsString(event), headers));
        return headers;
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

    private List<Mail> mailsTo(String address) {
        return mailbox.getMailsSentTo(address) == null ? List.of() : mailbox.getMailsSentTo(address);
    }

    @Test
    @TestSecurity(user = "ent-alpha", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "enterprise_id", value = ALPHA))
    void aPaymentIsToldToTheEnterpriseOnceInItsInboxAndByMailEvenWhenTheEventComesTwice() throws Exception {
        UUID applicationId = UUID.randomUUID();
        String email = uniqueAddress("alpha");
        Map<String, String> sent = paid(applicationId, ALPHA, "250000", email);

        Awaitility.await("the notice in the inbox")
                .atMost(WAIT)
                .until(() -> notices(applicationId).getList("items").size() == 1);
        JsonPath notice = notices(applicationId);
        assertThat(notice.getString("items[0].status")).isEqualTo("PAID");
        assertThat(notice.getString("items[0].applicationId")).isEqualTo(applicationId.toString());
        assertThat(notice.getString("items[0].bodyZh")).contains("250000.00").contains(applicationId.toString());
        assertThat(notice.getString("items[0].bodyEn")).contains("250000.00").contains(applicationId.toString());
        assertThat(notice.getString("items[0].titleZh")).isNotBlank();
        assertThat(notice.getString("items[0].titleEn")).isNotBlank();
        assertThat(notice.getString("items[0].readAt")).isNull();

        Awaitility.await("the e-mail").atMost(WAIT).until(() -> mailsTo(email).size() == 1);
        Mail mail = mailsTo(email).get(0);
        assertThat(mail.getSubject())
                .contains(notice.getString("items[0].titleZh"))
                .contains(notice.getString("items[0].titleEn"));
        assertThat(mail.getText()).contains("250000.00").contains(applicationId.toString());

        // The same record again, then a later event on the same partition: once that one is in the
        // inbox, the redelivery has been consumed.
        ConsumerRecord<String, String> original = TestKafka.read(
                        KafkaTopicsResource.bootstrapServers(),
                        topic(),
                        WAIT,
                        records -> records.stream()
                                .anyMatch(r -> sent.get(CloudEventHeaders.ID)
                                        .equals(TestKafka.header(r, CloudEventHeaders.ID))))
                .stream()
                .filter(r -> sent.get(CloudEventHeaders.ID).equals(TestKafka.header(r, CloudEventHeaders.ID)))
                .findFirst()
                .orElseThrow();
        TestKafka.resend(KafkaTopicsResource.bootstrapServers(), original);
        int partitions = TestKafka.partitions(Topics.APPLICATION_EVENTS);
        UUID later = TestKafka.keyOnPartition(TestKafka.partitionOf(applicationId.toString(), partitions), partitions);
        String laterEmail = uniqueAddress("alpha-later");
        paid(later, ALPHA, "1000", laterEmail);
        Awaitility.await("the later notice")
                .atMost(WAIT)
                .until(() -> notices(later).getList("items").size() == 1);
        Awaitility.await("the later e-mail")
                .atMost(WAIT)
                .until(() -> mailsTo(laterEmail).size() == 1);

        assertThat(notices(applicationId).getList("items"))
                .as("notices after the redelivery")
                .hasSize(1);
        assertThat(mailsTo(email)).as("e-mails after the redelivery").hasSize(1);
    }

    @Test
    @TestSecurity(user = "ent-alpha", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "enterprise_id", value = ALPHA))
    void anEnterpriseCanMarkItsNoticeRead() throws Exception {
        UUID applicationId = UUID.randomUUID();
        paid(applicationId, ALPHA, "10", null);
        Awaitility.await("the notice in the inbox")
                .atMost(WAIT)
                .until(() -> notices(applicationId).getList("items").size() == 1);
        String id = notices(applicationId).getString("items[0].id");

        given().when().post("/notices/" + id + "/read").then().statusCode(200);

        assertThat(notices(applicationId).getString("items[0].readAt")).isNotNull();
    }

    @Test
    @TestSecurity(user = "ent-beta", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "enterprise_id", value = BETA))
    void anotherEnterpriseDoesNotSeeTheNotice() throws Exception {
        UUID applicationId = UUID.randomUUID();
        String email = uniqueAddress("alpha");
        paid(applicationId, ALPHA, "250000", email);
        // The e-mail is written with the notice: once it is sent, the notice exists.
        Awaitility.await("alpha's e-mail")
                .atMost(WAIT)
                .until(() -> mailsTo(email).size() == 1);
        UUID noticeId = noticeOf(applicationId);
        assertThat(noticeId).as("alpha's notice in the database").isNotNull();

        assertThat(notices(applicationId).getList("items")).isEmpty();
        List<String> mine = given().when()
                .get("/notices")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("applicationId", String.class);
        assertThat(mine).doesNotContain(applicationId.toString());
        given().when().post("/notices/" + noticeId + "/read").then().statusCode(404);
    }

    @Test
    void theInboxNeedsASignedInEnterprise() {
        given().when().get("/notices").then().statusCode(401);
    }

    @Test
    @TestSecurity(user = "rev-industry", roles = "reviewer")
    @OidcSecurity(claims = @Claim(key = "department", value = "industry"))
    void aReviewerHasNoInbox() {
        given().when().get("/notices").then().statusCode(403);
    }

    private UUID noticeOf(UUID applicationId) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
                PreparedStatement s = c.prepareStatement("SELECT id FROM notice WHERE application_id = ?")) {
            s.setObject(1, applicationId);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? rows.getObject(1, UUID.class) : null;
            }
        }
    }
}
