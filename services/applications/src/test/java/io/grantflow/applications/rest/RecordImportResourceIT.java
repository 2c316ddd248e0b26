package io.grantflow.applications.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.applications.application.audit.AuditContext;
import io.grantflow.applications.application.commitment.CreditCommitments;
import io.grantflow.applications.application.offer.RecordImports;
import io.grantflow.applications.domain.procedure.Actor;
import io.grantflow.contracts.MessageType;
import io.grantflow.contracts.Topics;
import io.grantflow.contracts.events.ApplicationEvaluatedV1;
import io.grantflow.contracts.events.LimitClaim;
import io.grantflow.contracts.events.Reason;
import io.grantflow.contracts.vocabulary.LimitKind;
import io.grantflow.contracts.vocabulary.SocialCreditCode;
import io.grantflow.platform.catalogue.ProgrammeDirectory;
import io.grantflow.platform.testing.CatalogueFixture;
import io.grantflow.platform.testing.KafkaTopicsResource;
import io.grantflow.platform.testing.TestKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * 免申即享 (ADR 0020) over HTTP against the real database and broker: an agency imports records
 * (JSON and CSV), a second import of the same records creates nothing, a record of a programme
 * no record proves or with a wrong credit code is refused with its reasons, bounds are 400
 * naming the field; the screening (eligibility's answer, sent on the real topic as eligibility
 * would) offers the evaluated amount or screens the offer out; the enterprise confirms (straight
 * to 公示) or declines, and only its own offers.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTopicsResource.class)
class RecordImportResourceIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String ALPHA = ProcedureDriver.ALPHA;
    private static final Actor AGENCY = Actor.reviewer("service-account-agency-industry", "industry");
    private static final Random RANDOM = new Random();
    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    @Inject
    ObjectMapper json;

    @Inject
    ProgrammeDirectory directory;

    @Inject
    RecordImports imports;

    @Inject
    CreditCommitments commitments;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String dbUser;

    @ConfigProperty(name = "quarkus.datasource.password")
    String dbPassword;

    @BeforeEach
    void setUp() {
        if (!directory.known()
                || directory.find("S1-SRDI").map(p -> p.proactive() == null).orElse(true)) {
            CatalogueFixture.publish(json, directory);
        }
        Awaitility.await("the directory knows S1-SRDI as proven by honour lists")
                .atMost(WAIT)
                .until(() -> directory
                        .find("S1-SRDI")
                        .map(p -> p.provenBy("honour_list"))
                        .orElse(false));
    }

    /** A valid unified social credit code no earlier run used: the offers of each test are its own. */
    static String newCreditCode() {
        StringBuilder body = new StringBuilder("91320214");
        for (int i = 0; i < 9; i++) {
            body.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return SocialCreditCode.complete(body.toString());
    }

    private static String record(String code, String programme, String kind, String source, String level) {
        return "{\"creditCode\": \"" + code + "\", \"enterpriseName\": \"无锡测试科技有限公司\", \"recordKind\": \"" + kind
                + "\", \"programme\": \"" + programme + "\", \"source\": \"" + source
                + "\", \"recordDate\": \"2026-06-30\", \"district\": \"xinwu\""
                + (level == null ? "" : ", \"facts\": {\"honour_level\": \"" + level + "\"}") + "}";
    }

    @Test
    @TestSecurity(user = "service-account-agency-industry", roles = "reviewer")
    @OidcSecurity(claims = {@Claim(key = "department", value = "industry")})
    void anImportOffersWhatTheRecordsProveAndTheSameRecordsAgainCreateNothing() throws Throwable {
        String first = newCreditCode();
        String second = newCreditCode();
        String source = "工信部第七批专精特新“小巨人”名单 " + UUID.randomUUID();
        String body = "["
                + record(first, "S1-SRDI", "honour_list", source, "national") + ","
                + record(second, "S1-SRDI", "honour_list", source, "provincial") + ","
                // a programme no record proves
                + record(newCreditCode(), "S4-EDGE-COMPUTE", "honour_list", source, null) + ","
                // a credit code whose check character is wrong
                + record(
                        first.substring(0, 17) + (first.charAt(17) == '0' ? "1" : "0"),
                        "S1-SRDI",
                        "honour_list",
                        source,
                        "national")
                + ","
                // a level the programme does not know
                + record(newCreditCode(), "S1-SRDI", "honour_list", source, "municipal") + "]";
        String key = "import-" + UUID.randomUUID();

        Response report = given().contentType("application/json")
                .header("Idempotency-Key", key)
                .body(body)
                .when()
                .post("/record-imports");

        assertThat(report.statusCode()).as(report.asString()).isEqualTo(200);
        assertThat(report.jsonPath().getInt("records")).isEqualTo(5);
        assertThat(report.jsonPath().getInt("created")).isEqualTo(2);
        assertThat(report.jsonPath().getInt("duplicates")).isZero();
        assertThat(report.jsonPath().getInt("refused")).isEqualTo(3);
        assertThat(report.jsonPath().getList("rows.outcome", String.class))
                .containsExactly("CREATED", "CREATED", "REFUSED", "REFUSED", "REFUSED");
        assertThat(report.jsonPath().getString("rows[2].errors[0].code")).isEqualTo("NOT_PROVEN_BY_RECORDS");
        assertThat(report.jsonPath().getString("rows[3].errors[0].field")).isEqualTo("creditCode");
        assertThat(report.jsonPath().getString("rows[4].errors[0].field")).isEqualTo("facts.honour_level");
        assertThat(report.jsonPath().getString("rows[2].errors[0].messageZh")).isNotBlank();
        assertThat(report.jsonPath().getString("rows[2].errors[0].messageEn")).isNotBlank();
        UUID offer = UUID.fromString(report.jsonPath().getString("rows[0].applicationId"));
        assertThat(status(offer)).isEqualTo("SCREENING");
        assertThat(count(
                        "SELECT count(*) FROM outbox_message WHERE message_key = ? AND ce_type = ?",
                        offer.toString(),
                        MessageType.APPLICATION_SUBMITTED_V1.ceType()))
                .as("the offer is screened by eligibility as a submission is evaluated")
                .isEqualTo(1);
        assertThat(count(
                        "SELECT count(*) FROM audit_entry WHERE subject = ? AND action = 'application.create-offer'",
                        offer.toString()))
                .isEqualTo(1);

        // the same request with its key: the first answer, nothing new
        Response replay = given().contentType("application/json")
                .header("Idempotency-Key", key)
                .body(body)
                .when()
                .post("/record-imports");
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.jsonPath().getString("importId"))
                .isEqualTo(report.jsonPath().getString("importId"));

        // the same records again, without a key (another agency's copy of the list): duplicates only
        Response again =
                given().contentType("application/json").body(body).when().post("/record-imports");
        assertThat(again.statusCode()).as(again.asString()).isEqualTo(200);
        assertThat(again.jsonPath().getInt("created")).isZero();
        assertThat(again.jsonPath().getInt("duplicates")).isEqualTo(2);
        assertThat(again.jsonPath().getString("rows[0].applicationId")).isEqualTo(offer.toString());
        assertThat(count("SELECT count(*) FROM application WHERE applicant_id IN (?, ?)", first, second))
                .isEqualTo(2);
        assertThat(count("SELECT count(*) FROM government_record WHERE source = ?", source))
                .isEqualTo(2);
    }

    @Test
    @TestSecurity(user = "service-account-agency-industry", roles = "reviewer")
    @OidcSecurity(claims = {@Claim(key = "department", value = "industry")})
    void aCsvImportReadsTheSameRecords() throws Throwable {
        String code = newCreditCode();
        String source = "省工信厅专精特新中小企业名单 " + UUID.randomUUID();
        String csv = "\uFEFFcreditCode,enterpriseName,recordKind,programme,source,recordDate,recordRef,district,"
                + "facts.honour_level\r\n"
                + code + ",\"无锡测试科技有限公司, 新吴\",honour_list,S1-SRDI," + source
                + ",2026-05-20,,xinwu,provincial\r\n"
                + code + ",\"无锡测试科技有限公司, 新吴\",honour_list,S1-SRDI," + source
                + ",2026-05-20,,xinwu,provincial\r\n";

        Response report =
                given().contentType("text/csv; charset=UTF-8").body(csv).when().post("/record-imports");

        assertThat(report.statusCode()).as(report.asString()).isEqualTo(200);
        assertThat(report.jsonPath().getString("format")).isEqualTo("csv");
        assertThat(report.jsonPath().getList("rows.outcome", String.class)).containsExactly("CREATED", "DUPLICATE");
        assertThat(count(
                        "SELECT count(*) FROM government_record WHERE credit_code = ? AND enterprise_name = ?",
                        code,
                        "无锡测试科技有限公司, 新吴"))
                .isEqualTo(1);

        Response unknownColumn = given().contentType("text/csv")
                .body("creditCode,colour\r\n" + code + ",red\r\n")
                .when()
                .post("/record-imports");
        assertThat(unknownColumn.statusCode()).isEqualTo(400);
        assertThat(unknownColumn.jsonPath().getString("errors[0].field")).isEqualTo("header[1]");
    }

    @Test
    @TestSecurity(user = "service-account-agency-industry", roles = "reviewer")
    @OidcSecurity(claims = {@Claim(key = "department", value = "industry")})
    void aFileOutsideTheBoundsIsRefusedNamingTheField() {
        String tooLong = "x".repeat(RecordFiles.MAX_SOURCE + 1);
        Response longSource = given().contentType("application/json")
                .body("[" + record(newCreditCode(), "S1-SRDI", "honour_list", tooLong, "national") + "]")
                .when()
                .post("/record-imports");
        assertThat(longSource.statusCode()).as(longSource.asString()).isEqualTo(400);
        assertThat(longSource.contentType()).startsWith("application/problem+json");
        assertThat(longSource.jsonPath().getString("errors[0].field")).isEqualTo("records[0].source");
        assertThat(longSource.jsonPath().getString("errors[0].messageZh")).isNotBlank();

        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i <= RecordImports.MAX_RECORDS; i++) {
            many.append(i == 0 ? "" : ",").append("{}");
        }
        Response tooMany = given().contentType("application/json")
                .body(many.append("]").toString())
                .when()
                .post("/record-imports");
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(tooMany.jsonPath().getString("errors[0].field")).isEqualTo("records");
        assertThat(tooMany.jsonPath().getString("errors[0].code")).isEqualTo("RECORD_COUNT");

        Response garbage = given().contentType("application/json")
                .body("[" + record(newCreditCode(), "S1-SRDI", "honour_list", "名单", "national") + "]}{]")
                .when()
                .post("/record-imports");
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(garbage.jsonPath().getString("errors[0].field")).isEqualTo("$");

        Response notAList = given().contentType("application/json")
                .body("{\"creditCode\": \"x\"}")
                .when()
                .post("/record-imports");
        assertThat(notAList.statusCode()).isEqualTo(400);
        assertThat(notAList.jsonPath().getString("errors[0].code")).isEqualTo("NOT_A_LIST");
    }

    @Test
    @TestSecurity(user = "rev-science", roles = "reviewer")
    @OidcSecurity(claims = {@Claim(key = "department", value = "science")})
    void anotherDepartmentsProgrammeIsRefused() {
        Response report = given().contentType("application/json")
                .body("[" + record(newCreditCode(), "S1-SRDI", "honour_list", "名单 " + UUID.randomUUID(), "national")
                        + "]")
                .when()
                .post("/record-imports");
        assertThat(report.statusCode()).as(report.asString()).isEqualTo(200);
        assertThat(report.jsonPath().getString("rows[0].errors[0].code")).isEqualTo("PROGRAMME_OF_ANOTHER_DEPARTMENT");
    }

    @Test
    @TestSecurity(user = "ent-alpha", roles = "enterprise")
    @OidcSecurity(claims = {@Claim(key = "enterprise_id", value = ProcedureDriver.ALPHA)})
    void anEnterpriseMayNotImport() {
        Response refused =
                given().contentType("application/json").body("[]").when().post("/record-imports");
        assertThat(refused.statusCode()).isEqualTo(403);
    }

    @Test
    @TestSecurity(user = "ent-alpha", roles = "enterprise")
    @OidcSecurity(claims = {@Claim(key = "enterprise_id", value = ProcedureDriver.ALPHA)})
    void theEnterpriseConfirmsItsOfferWithTheCreditCommitmentAndItGoesStraightToTheAnnouncement() throws Throwable {
        clearOpenOffers(ALPHA);
        UUID id = offered(ALPHA, "national", "500000.00");

        Response listed = given().when().get("/applications?status=OFFERED");
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.jsonPath().getList("items.id", String.class)).contains(id.toString());
        Response offer = given().when().get("/applications/" + id);
        assertThat(offer.jsonPath().getString("status")).isEqualTo("OFFERED");
        assertThat(new BigDecimal(offer.jsonPath().getString("ceiling"))).isEqualByComparingTo("500000.00");
        assertThat(offer.jsonPath().getList("procedure.allowedCommands", String.class))
                .containsExactlyInAnyOrder("confirm_offer", "decline_offer", "withdraw_offer");

        Response noCommitment = given().contentType("application/json")
                .body("{}")
                .when()
                .post("/applications/" + id + "/offer-confirmation");
        assertThat(noCommitment.statusCode()).isEqualTo(400);
        assertThat(noCommitment.jsonPath().getString("errors[0].field")).contains("commitmentVersion");

        String version = commitments.current().version();
        Response confirmed = given().contentType("application/json")
                .header("Idempotency-Key", "confirm-" + id)
                .body("{\"commitmentVersion\": \"" + version + "\"}")
                .when()
                .post("/applications/" + id + "/offer-confirmation");
        assertThat(confirmed.statusCode()).as(confirmed.asString()).isEqualTo(200);
        assertThat(confirmed.jsonPath().getString("status")).isEqualTo("IN_ANNOUNCEMENT");
        assertThat(status(id)).isEqualTo("IN_ANNOUNCEMENT");
        assertThat(count(
                        "SELECT count(*) FROM application_commitment WHERE application_id = ? AND version = ?",
                        id,
                        version))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM application WHERE id = ? AND announcement_closes_at > now()", id))
                .isEqualTo(1);

        // again with its key: the first answer; again without one: the state does not accept it
        Response replay = given().contentType("application/json")
                .header("Idempotency-Key", "confirm-" + id)
                .body("{\"commitmentVersion\": \"" + version + "\"}")
                .when()
                .post("/applications/" + id + "/offer-confirmation");
        assertThat(replay.statusCode()).isEqualTo(200);
        Response twice = given().contentType("application/json")
                .body("{\"commitmentVersion\": \"" + version + "\"}")
                .when()
                .post("/applications/" + id + "/offer-confirmation");
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(twice.jsonPath().getString("code")).isEqualTo("ILLEGAL_TRANSITION");
        assertThat(twice.jsonPath().getString("currentStatus")).isEqualTo("IN_ANNOUNCEMENT");

        Response announced = given().when().get("/announcements?programme=S1-SRDI");
        assertThat(announced.statusCode()).isEqualTo(200);
        assertThat(announced.asString()).contains(ALPHA);
    }

    @Test
    @TestSecurity(user = "ent-alpha", roles = "enterprise")
    @OidcSecurity(claims = {@Claim(key = "enterprise_id", value = ProcedureDriver.ALPHA)})
    void theEnterpriseDeclinesAndMayNotTouchAnotherEnterprisesOffer() throws Throwable {
        clearOpenOffers(ALPHA);
        UUID own = offered(ALPHA, "provincial", "300000.00");
        String beta = newCreditCode();
        UUID other = offered(beta, "provincial", "300000.00");

        Response foreign = given().contentType("application/json")
                .body("{}")
                .when()
                .post("/applications/" + other + "/offer-decline");
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(status(other)).isEqualTo("OFFERED");

        Response declined = given().contentType("application/json")
                .body("{\"reasonsZh\": \"本年度不再申请\", \"reasonsEn\": \"not this year\"}")
                .when()
                .post("/applications/" + own + "/offer-decline");
        assertThat(declined.statusCode()).as(declined.asString()).isEqualTo(200);
        assertThat(declined.jsonPath().getString("status")).isEqualTo("OFFER_DECLINED");
        Response confirmLate = given().contentType("application/json")
                .body("{\"commitmentVersion\": \"" + commitments.current().version() + "\"}")
                .when()
                .post("/applications/" + own + "/offer-confirmation");
        assertThat(confirmLate.statusCode()).isEqualTo(409);
        assertThat(confirmLate.jsonPath().getString("code")).isEqualTo("ILLEGAL_TRANSITION");
    }

    @Test
    @TestSecurity(user = "ent-alpha", roles = "enterprise")
    @OidcSecurity(claims = {@Claim(key = "enterprise_id", value = ProcedureDriver.ALPHA)})
    void aScreenedOutOfferCannotBeConfirmed() throws Throwable {
        clearOpenOffers(ALPHA);
        UUID id = imported(ALPHA, "national");
        evaluate(id, false, null, "ONCE_LIMIT", "已获得过该首次奖励（一次性）", "the first-time award was granted before");
        Awaitility.await("screened out").atMost(WAIT).until(() -> "INELIGIBLE".equals(status(id)));

        Response offer = given().when().get("/applications/" + id);
        assertThat(offer.jsonPath().getString("reasonZh")).contains("已获得过");
        Response confirm = given().contentType("application/json")
                .body("{\"commitmentVersion\": \"" + commitments.current().version() + "\"}")
                .when()
                .post("/applications/" + id + "/offer-confirmation");
        assertThat(confirm.statusCode()).isEqualTo(409);
        assertThat(confirm.jsonPath().getString("code")).isEqualTo("ILLEGAL_TRANSITION");

        // eligible, but above the four-eyes threshold: no offer a person did not weigh
        UUID large = imported(ALPHA, "provincial");
        evaluate(large, true, new BigDecimal("1500000.00"), "OK", "符合条件", "eligible");
        Awaitility.await("screened out above the threshold")
                .atMost(WAIT)
                .until(() -> "INELIGIBLE".equals(status(large)));
    }

    /**
     * An enterprise with no applicant profile has no address here: its offer is made, and every
     * message about it carries no e-mail, so that notifications keeps the notice for its inbox
     * and sends no mail.
     */
    @Test
    @TestSecurity(user = "service-account-agency-industry", roles = "reviewer")
    @OidcSecurity(claims = {@Claim(key = "department", value = "industry")})
    void anOfferToAnEnterpriseWithoutAProfileIsMadeWithoutAnAddress() throws Throwable {
        String code = newCreditCode();
        assertThat(count("SELECT count(*) FROM applicant_profile WHERE credit_code = ?", code))
                .isZero();
        UUID id = offered(code, "national", "500000.00");
        List<String> payloads = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
                PreparedStatement s = c.prepareStatement(
                        "SELECT payload FROM outbox_message WHERE message_key = ? AND ce_type = ? ORDER BY seq")) {
            s.setString(1, id.toString());
            s.setString(2, MessageType.APPLICATION_STATUS_CHANGED_V1.ceType());
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    payloads.add(rows.getString(1));
                }
            }
        }
        assertThat(payloads).as("screening and offer told").hasSizeGreaterThanOrEqualTo(2);
        for (String payload : payloads) {
            assertThat(json.readTree(payload).path("contactEmail").isNull()
                            || json.readTree(payload).path("contactEmail").isMissingNode())
                    .as("no address in %s", payload)
                    .isTrue();
        }
    }

    /**
     * The agency takes back offers the enterprise has not confirmed, while screened or once
     * offered, with reasons; the enterprise is told (status changed, reason given).
     */
    @Test
    @TestSecurity(user = "service-account-agency-industry", roles = "reviewer")
    @OidcSecurity(claims = {@Claim(key = "department", value = "industry")})
    void theAgencyWithdrawsAnOfferNotYetConfirmed() throws Throwable {
        UUID screening = imported(newCreditCode(), "national");
        Response noReasons = given().contentType("application/json")
                .body("{}")
                .when()
                .post("/applications/" + screening + "/offer-withdrawal");
        assertThat(noReasons.statusCode()).as(noReasons.asString()).isEqualTo(400);
        assertThat(noReasons.jsonPath().getString("errors[0].field")).isEqualTo("reasonsZh");
        Response first = given().contentType("application/json")
                .body("{\"reasonsZh\": \"名单导入有误\", \"reasonsEn\": \"the list was imported in error\"}")
                .when()
                .post("/applications/" + screening + "/offer-withdrawal");
        assertThat(first.statusCode()).as(first.asString()).isEqualTo(200);
        assertThat(first.jsonPath().getString("status")).isEqualTo("WITHDRAWN");
        assertThat(count(
                        "SELECT count(*) FROM audit_entry WHERE subject = ? AND action = 'application.withdraw-offer'",
                        screening.toString()))
                .isEqualTo(1);

        UUID offered = offered(newCreditCode(), "national", "500000.00");
        Response second = given().contentType("application/json")
                .body("{\"reasonsZh\": \"发布机关已撤销该记录\"}")
                .when()
                .post("/applications/" + offered + "/offer-withdrawal");
        assertThat(second.statusCode()).as(second.asString()).isEqualTo(200);
        assertThat(second.jsonPath().getString("reasonZh")).isEqualTo("发布机关已撤销该记录");
        assertThat(count(
                        "SELECT count(*) FROM outbox_message WHERE message_key = ? AND ce_type = ?"
                                + " AND payload LIKE '%withdraw_offer%'",
                        offered.toString(), MessageType.APPLICATION_STATUS_CHANGED_V1.ceType()))
                .as("the enterprise is told")
                .isEqualTo(1);
        Response again = given().contentType("application/json")
                .body("{\"reasonsZh\": \"再次撤回\"}")
                .when()
                .post("/applications/" + offered + "/offer-withdrawal");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.jsonPath().getString("code")).isEqualTo("ILLEGAL_TRANSITION");
    }

    @Test
    @TestSecurity(user = "rev-science", roles = "reviewer")
    @OidcSecurity(claims = {@Claim(key = "department", value = "science")})
    void anotherDepartmentCannotWithdrawAnOffer() throws Throwable {
        UUID screening = imported(newCreditCode(), "national");
        Response r = given().contentType("application/json")
                .body("{\"reasonsZh\": \"不是本部门的\"}")
                .when()
                .post("/applications/" + screening + "/offer-withdrawal");
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(404);
        assertThat(status(screening)).isEqualTo("SCREENING");
    }

    @Test
    @TestSecurity(user = "ent-alpha", roles = "enterprise")
    @OidcSecurity(claims = {@Claim(key = "enterprise_id", value = ProcedureDriver.ALPHA)})
    void theEnterpriseDeclinesRatherThanWithdrawsAnOffer() throws Throwable {
        clearOpenOffers(ALPHA);
        UUID id = offered(ALPHA, "national", "500000.00");
        Response r = given().contentType("application/json")
                .body("{\"reasonsZh\": \"不要了\"}")
                .when()
                .post("/applications/" + id + "/offer-withdrawal");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(status(id)).isEqualTo("OFFERED");
        clearOpenOffers(ALPHA);
    }

    /** The agency reads its past imports, newest first, and one of them with where its offers stand. */
    @Test
    @TestSecurity(user = "service-account-agency-industry", roles = "reviewer")
    @OidcSecurity(claims = {@Claim(key = "department", value = "industry")})
    void theAgencyListsItsPastImportsAndReadsOne() throws Throwable {
        String source = "工信部专精特新名单 " + UUID.randomUUID();
        String body = "[" + record(newCreditCode(), "S1-SRDI", "honour_list", source, "national") + ","
                + record(newCreditCode(), "S4-EDGE-COMPUTE", "honour_list", source, null) + "]";
        Response report =
                given().contentType("application/json").body(body).when().post("/record-imports");
        assertThat(report.statusCode()).as(report.asString()).isEqualTo(200);
        String importId = report.jsonPath().getString("importId");

        Response list = given().queryParam("limit", 200).when().get("/record-imports");
        assertThat(list.statusCode()).as(list.asString()).isEqualTo(200);
        assertThat(list.jsonPath().getString("items[0].id")).as("newest first").isEqualTo(importId);
        assertThat(list.jsonPath().getList("items.department", String.class)).containsOnly("industry");
        assertThat(list.jsonPath().getInt("total")).isPositive();

        Response one = given().when().get("/record-imports/" + importId);
        assertThat(one.statusCode()).as(one.asString()).isEqualTo(200);
        assertThat(one.jsonPath().getInt("records")).isEqualTo(2);
        assertThat(one.jsonPath().getInt("created")).isEqualTo(1);
        assertThat(one.jsonPath().getInt("refused")).isEqualTo(1);
        assertThat(one.jsonPath().getString("format")).isEqualTo("json");
        assertThat(one.jsonPath().getString("importedBy")).isEqualTo("service-account-agency-industry");
        assertThat(one.jsonPath().getMap("offersByStatus")).containsOnlyKeys("SCREENING");
        assertThat(one.jsonPath().getInt("offersByStatus.SCREENING")).isEqualTo(1);

        Response bad = given().queryParam("limit", "many").when().get("/record-imports");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.jsonPath().getString("errors[0].field")).isEqualTo("limit");
        assertThat(given().when().get("/record-imports/" + UUID.randomUUID()).statusCode())
                .isEqualTo(404);
    }

    /** Another department's imports do not exist for a reviewer of science. */
    @Test
    @TestSecurity(user = "rev-science", roles = "reviewer")
    @OidcSecurity(claims = {@Claim(key = "department", value = "science")})
    void anotherDepartmentSeesNoneOfTheImports() throws Throwable {
        imported(newCreditCode(), "national");
        String importId = newestImport("industry");
        Response list = given().queryParam("limit", 200).when().get("/record-imports");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.jsonPath().getList("items.id", String.class)).doesNotContain(importId);
        Response one = given().when().get("/record-imports/" + importId);
        assertThat(one.statusCode()).isEqualTo(404);
        assertThat(one.contentType()).startsWith("application/problem+json");
    }

    @Test
    @TestSecurity(user = "ops", roles = "operator")
    void operatorsReadEveryDepartmentsImports() throws Throwable {
        imported(newCreditCode(), "national");
        String importId = newestImport("industry");
        assertThat(given().when().get("/record-imports/" + importId).statusCode())
                .isEqualTo(200);
        assertThat(given().queryParam("limit", 200)
                        .when()
                        .get("/record-imports")
                        .jsonPath()
                        .getList("items.id", String.class))
                .contains(importId);
    }

    @Test
    @TestSecurity(user = "ent-alpha", roles = "enterprise")
    @OidcSecurity(claims = {@Claim(key = "enterprise_id", value = ProcedureDriver.ALPHA)})
    void anEnterpriseReadsNoImports() {
        assertThat(given().when().get("/record-imports").statusCode()).isEqualTo(403);
    }

    private String newestImport(String department) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
                PreparedStatement s = c.prepareStatement(
                        "SELECT id FROM record_import WHERE department = ? ORDER BY imported_at DESC LIMIT 1")) {
            s.setString(1, department);
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    // ---- helpers ----

    /** An offer of S1-SRDI made by the agency's import (through the use case the REST call runs). */
    private UUID imported(String code, String level) throws Throwable {
        RecordImports.Report report = VertxContextSupport.subscribeAndAwait(() -> imports.importRecords(
                List.of(new RecordImports.ImportedRecord(
                        code,
                        "无锡测试科技有限公司",
                        "honour_list",
                        "S1-SRDI",
                        "名单 " + UUID.randomUUID(),
                        LocalDate.now().minusDays(1).toString(),
                        null,
                        "xinwu",
                        Map.of("honour_level", level))),
                "json",
                AGENCY,
                AuditContext.of(AGENCY.id(), "reviewer"),
                null));
        assertThat(report.created()).as("%s", report.rows()).isEqualTo(1);
        return report.rows().get(0).applicationId();
    }

    /** Imported and screened eligible at {@code amount} (eligibility's answer on the real topic). */
    private UUID offered(String code, String level, String amount) throws Throwable {
        UUID id = imported(code, level);
        evaluate(id, true, new BigDecimal(amount), "TIER", "依据第一段：给予最高50万元的一次性奖励", "tier of the policy");
        Awaitility.await("offered").atMost(WAIT).until(() -> "OFFERED".equals(status(id)));
        return id;
    }

    private void evaluate(UUID id, boolean eligible, BigDecimal ceiling, String code, String zh, String en)
            throws Exception {
        ApplicationEvaluatedV1 evaluated = new ApplicationEvaluatedV1(
                id,
                "S1-SRDI",
                eligible,
                ceiling,
                eligible ? "industry" : null,
                List.of(),
                List.of(new Reason(code, zh, en)),
                ceiling == null
                        ? List.of()
                        : List.of(LimitClaim.money(LimitKind.PROGRAMME_CEILING, "S1-SRDI/" + id, ceiling)),
                "test",
                "tiers",
                Instant.now());
        TestKafka.send(
                KafkaTopicsResource.bootstrapServers(),
                KafkaTopicsResource.topic(Topics.EVALUATION_EVENTS),
                id.toString(),
                MessageType.APPLICATION_EVALUATED_V1.ceType(),
                json.writeValueAsString(evaluated),
                UUID.randomUUID().toString());
    }

    /**
     * Alpha's open S1-SRDI offers of earlier runs would make a new record for it refused (one open
     * application per programme): they are declined first, in the database, as alpha would.
     */
    private void clearOpenOffers(String code) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
                PreparedStatement s = c.prepareStatement("UPDATE application SET status = 'OFFER_DECLINED'"
                        + " WHERE applicant_id = ? AND programme = 'S1-SRDI'"
                        + " AND status NOT IN ('INELIGIBLE', 'WITHDRAWN', 'REJECTED', 'OFFER_DECLINED', 'DRAFT')")) {
            s.setString(1, code);
            s.executeUpdate();
        }
    }

    private String status(UUID id) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
                PreparedStatement s = c.prepareStatement("SELECT status FROM application WHERE id = ?")) {
            s.setObject(1, id);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    private long count(String sql, Object... params) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
