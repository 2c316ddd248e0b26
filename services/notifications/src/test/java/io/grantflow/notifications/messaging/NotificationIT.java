package io.grantflow.notifications.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grantflow.contracts.CloudEventHeaders;
import io.grantflow.contracts.MessageType;
import io.grantflow.contracts.Topics;
import io.grantflow.contracts.events.ApplicationStatusChangedV1;
import io.grantflow.contracts.events.RecoveryRecordedV1;
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
import java.util.ArrayList;
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

    /** Sends a payment that completes the award (record_payment to PAID); returns the headers sent. */
    private Map<String, String> paid(UUID applicationId, String applicant, String amount, String email)
            throws Exception {
        return send(change(applicationId, applicant, "PARTLY_PAID", "PAID", "record_payment", amount, email));
    }

    private static ApplicationStatusChangedV1 change(
            UUID applicationId,
            String applicant,
            String previous,
            String status,
            String command,
            String amount,
            String email) {
        return change(applicationId, applicant, previous, status, command, amount, null, null, email);
    }

    private static ApplicationStatusChangedV1 change(
            UUID applicationId,
            String applicant,
            String previous,
            String status,
            String command,
            String amount,
            String reasonZh,
            String reasonEn,
            String email) {
        return new ApplicationStatusChangedV1(
                applicationId,
                applicant,
                "S4-EDGE-COMPUTE",
                previous,
                status,
                command,
                amount == null ? null : new BigDecimal(amount),
                reasonZh,
                reasonEn,
                email,
                "APPROVED".equals(status) ? UUID.randomUUID() : null,
                "APPROVED".equals(status) ? "industry" : null,
                Instant.now());
    }

    /** Sends a status change (keyed by its application); returns the headers sent. */
    private Map<String, String> send(ApplicationStatusChangedV1 event) throws Exception {
        return sendPayload(event.applicationId(), json.writeValueAsString(event));
    }

    private Map<String, String> sendPayload(UUID applicationId, String payload) {
        Map<String, String> headers = TestKafka.cloudEventHeaders(
                MessageType.APPLICATION_STATUS_CHANGED_V1.ceType(),
                UUID.randomUUID().toString(),
                applicationId.toString());
        TestKafka.send(
                KafkaTopicsResource.bootstrapServers(),
                TestKafka.record(topic(), applicationId.toString(), payload, headers));
        return headers;
    }

    /** The record sent with {@code sent}'s headers, read back from {@code topic} and sent again as it was. */
    private static void redeliver(String topic, Map<String, String> sent) {
        String id = sent.get(CloudEventHeaders.ID);
        ConsumerRecord<String, String> original = TestKafka.read(
                        KafkaTopicsResource.bootstrapServers(),
                        topic,
                        WAIT,
                        records -> records.stream().anyMatch(r -> id.equals(TestKafka.header(r, CloudEventHeaders.ID))))
                .stream()
                .filter(r -> id.equals(TestKafka.header(r, CloudEventHeaders.ID)))
                .findFirst()
                .orElseThrow();
        TestKafka.resend(KafkaTopicsResource.bootstrapServers(), original);
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
        redeliver(topic(), sent);
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

    /**
     * One application through the procedure, each event on its key (so in order): the enterprise
     * hears of what concerns it, never of the department's internal steps, the budget's
     * reservation or a second objection, neither in its inbox nor by mail.
     */
    @Test
    @TestSecurity(user = "ent-alpha", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "enterprise_id", value = ALPHA))
    void theProcedureIsToldStepByStepAndItsSilentStepsAddNeitherNoticeNorMail() throws Exception {
        UUID id = UUID.randomUUID();
        String email = uniqueAddress("alpha-procedure");
        send(change(id, ALPHA, "SUBMITTED", "ELIGIBLE", "record_evaluation", "300000", email));
        send(change(id, ALPHA, "ELIGIBLE", "UNDER_REVIEW", "claim", null, email));
        send(change(
                id,
                ALPHA,
                "UNDER_REVIEW",
                "CORRECTION_REQUESTED",
                "request_correction",
                null,
                "1. 营业执照（缺失）：请上传有效期内的营业执照",
                "1. business licence (missing): upload a valid licence",
                email));
        send(change(id, ALPHA, "CORRECTION_REQUESTED", "UNDER_REVIEW", "resubmit", null, email));
        send(change(id, ALPHA, "UNDER_REVIEW", "AWAITING_CONFIRMATION", "recommend", "280000", email));
        send(change(id, ALPHA, "AWAITING_CONFIRMATION", "RECOMMENDED", "confirm", "280000", email));
        send(change(id, ALPHA, "RECOMMENDED", "IN_ANNOUNCEMENT", "announce", "280000", email));
        send(change(id, ALPHA, "IN_ANNOUNCEMENT", "OBJECTION_RAISED", "raise_objection", null, email));
        send(change(id, ALPHA, "OBJECTION_RAISED", "OBJECTION_RAISED", "raise_objection", null, email));
        send(change(id, ALPHA, "OBJECTION_RAISED", "IN_ANNOUNCEMENT", "dismiss_objections", null, email));
        send(change(id, ALPHA, "IN_ANNOUNCEMENT", "APPROVED", "close_announcement", "280000", email));
        send(change(id, ALPHA, "APPROVED", "APPROVED", "record_funds_reserved", "280000", email));
        send(change(id, ALPHA, "APPROVED", "PARTLY_PAID", "record_payment", "140000", email));
        send(change(id, ALPHA, "PARTLY_PAID", "PAID", "record_payment", "280000", email));
        List<String> told = List.of(
                "ELIGIBLE",
                "UNDER_REVIEW",
                "CORRECTION_REQUESTED",
                "UNDER_REVIEW",
                "IN_ANNOUNCEMENT",
                "OBJECTION_RAISED",
                "IN_ANNOUNCEMENT",
                "APPROVED",
                "PARTLY_PAID",
                "PAID");

        // the last event is told: once its notice is in, every earlier one was consumed
        Awaitility.await("the notice of the last payment")
                .atMost(WAIT)
                .until(() -> notices(id).getList("items.status").contains("PAID"));
        JsonPath inbox = notices(id);
        assertThat(inbox.getList("items.status", String.class)).containsExactlyElementsOf(told);
        assertThat(inbox.getList("items.titleZh", String.class))
                .containsExactly(
                        "资格审核通过",
                        "申报已受理",
                        "补正通知",
                        "补正材料已提交",
                        "拟支持项目公示",
                        "公示期内收到异议",
                        "异议不成立，公示继续",
                        "申请已批准",
                        "资金已部分拨付",
                        "资金已拨付");
        assertThat(inbox.getString("items[2].bodyZh")).contains("1. 营业执照（缺失）");
        assertThat(inbox.getString("items[2].bodyEn")).contains("1. business licence (missing)");
        assertThat(inbox.getString("items[4].bodyZh")).contains("280000.00 元");
        assertThat(inbox.getString("items[8].bodyEn")).contains("CNY 140000.00");

        Awaitility.await("the e-mails").atMost(WAIT).until(() -> mailsTo(email).size() >= told.size());
        assertThat(mailsTo(email))
                .as("one e-mail per notice, none for a silent step")
                .hasSize(told.size());
        assertThat(mailsTo(email).stream().map(Mail::getSubject))
                .noneMatch(subject -> subject.contains("Funds reserved"));
        assertThat(noticeStatuses(id)).as("the notices in the database").containsExactlyElementsOf(told);
    }

    /** An event written before the procedure has no command at all: it is still told. */
    @Test
    @TestSecurity(user = "ent-alpha", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "enterprise_id", value = ALPHA))
    void anEventOfTheFirstFlowWithoutACommandIsStillTold() throws Exception {
        UUID id = UUID.randomUUID();
        ObjectNode old = json.valueToTree(new ApplicationStatusChangedV1(
                id,
                ALPHA,
                "S4-EDGE-COMPUTE",
                "APPROVED",
                "FUNDS_RESERVED",
                new BigDecimal("1000.00"),
                null,
                null,
                null,
                Instant.now()));
        old.remove("command");
        sendPayload(id, json.writeValueAsString(old));

        Awaitility.await("the notice of the first flow")
                .atMost(WAIT)
                .until(() -> notices(id).getList("items").size() == 1);
        assertThat(notices(id).getString("items[0].status")).isEqualTo("FUNDS_RESERVED");
        assertThat(notices(id).getString("items[0].bodyEn")).contains("CNY 1000.00");
    }

    /** Sends a recovery of disbursement's (keyed by its application, as disbursement sends it); the headers sent. */
    private Map<String, String> sendRecovery(RecoveryRecordedV1 e) throws Exception {
        Map<String, String> headers = TestKafka.cloudEventHeaders(
                MessageType.RECOVERY_RECORDED_V1.ceType(),
                UUID.randomUUID().toString(),
                e.applicationId().toString());
        TestKafka.send(
                KafkaTopicsResource.bootstrapServers(),
                TestKafka.record(
                        KafkaTopicsResource.topic(Topics.PAYMENT_EVENTS),
                        e.applicationId().toString(),
                        json.writeValueAsString(e),
                        headers));
        return headers;
    }

    private static RecoveryRecordedV1 repayment(UUID applicationId, String amount, String outstanding) {
        return new RecoveryRecordedV1(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "RCV-"
                        + applicationId
                                .toString()
                                .substring(0, 12)
                                .replace("-", "")
                                .toUpperCase(),
                applicationId,
                ALPHA,
                "industry",
                RecoveryRecordedV1.REPAYMENT,
                new BigDecimal(amount),
                new BigDecimal(outstanding),
                new BigDecimal(outstanding).signum() == 0,
                null,
                UUID.randomUUID(),
                2,
                Instant.now());
    }

    @Test
    @TestSecurity(user = "ent-alpha", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "enterprise_id", value = ALPHA))
    void aRecoveryIsToldOnceToTheEnterpriseThatOwedItAndToTheAwardsDepartment() throws Exception {
        UUID applicationId = UUID.randomUUID();
        RecoveryRecordedV1 part = repayment(applicationId, "250.00", "350.00");
        Map<String, String> sent = sendRecovery(part);

        Awaitility.await("the enterprise's notice")
                .atMost(WAIT)
                .until(() -> notices(applicationId).getList("items").size() == 1);
        JsonPath notice = notices(applicationId);
        assertThat(notice.getString("items[0].bodyZh"))
                .contains(part.reference())
                .contains("250.00")
                .contains("尚欠 350.00");
        assertThat(notice.getString("items[0].bodyEn"))
                .contains(part.reference())
                .contains("250.00");
        assertThat(department(applicationId))
                .as("the award's department is told too")
                .hasSize(1);
        assertThat(department(applicationId).get(0)).contains(part.reference()).contains("350.00");

        // the same record again, then a later recovery on the same partition: once that one is
        // told, the redelivery has been consumed, and added nothing
        redeliver(KafkaTopicsResource.topic(Topics.PAYMENT_EVENTS), sent);
        int partitions = TestKafka.partitions(Topics.PAYMENT_EVENTS);
        UUID later = TestKafka.keyOnPartition(TestKafka.partitionOf(applicationId.toString(), partitions), partitions);
        sendRecovery(repayment(later, "600.00", "0.00"));
        Awaitility.await("the later recovery's notice")
                .atMost(WAIT)
                .until(() -> notices(later).getList("items").size() == 1);
        assertThat(notices(later).getString("items[0].bodyZh")).contains("已结清");

        assertThat(notices(applicationId).getList("items"))
                .as("after the redelivery")
                .hasSize(1);
        assertThat(department(applicationId))
                .as("the department's, after the redelivery")
                .hasSize(1);
    }

    /** The bodies (Chinese) of the notices the department industry holds of the application. */
    private List<String> department(UUID applicationId) throws Exception {
        return strings(
                "SELECT body_zh FROM notice WHERE application_id = ?"
                        + " AND recipient_kind = 'DEPARTMENT' AND recipient_id = 'industry'",
                applicationId);
    }

    @Test
    void theInboxNeedsASignedInEnterprise() {
        given().when().get("/notices").then().statusCode(401);
    }

    @Test
    @TestSecurity(user = "rev-industry", roles = "reviewer")
    void aReviewerWithoutADepartmentHasNoInbox() {
        given().when().get("/notices").then().statusCode(403).body(containsString("NO_DEPARTMENT"));
    }

    private List<String> noticeStatuses(UUID applicationId) throws Exception {
        return strings(
                "SELECT status FROM notice WHERE application_id = ? AND recipient_kind = 'ENTERPRISE'"
                        + " ORDER BY created_at, id",
                applicationId);
    }

    /** The first column of every row of {@code sql} about the application, as text. */
    private List<String> strings(String sql, UUID applicationId) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, applicationId);
            try (ResultSet rows = s.executeQuery()) {
                List<String> out = new ArrayList<>();
                while (rows.next()) {
                    out.add(rows.getString(1));
                }
                return out;
            }
        }
    }

    private UUID noticeOf(UUID applicationId) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
                PreparedStatement s = c.prepareStatement(
                        "SELECT id FROM notice WHERE application_id = ? AND recipient_kind = 'ENTERPRISE'")) {
            s.setObject(1, applicationId);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? rows.getObject(1, UUID.class) : null;
            }
        }
    }
}
