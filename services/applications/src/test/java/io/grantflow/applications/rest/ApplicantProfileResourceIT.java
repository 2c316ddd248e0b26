package io.grantflow.applications.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.applications.application.SubmitApplication;
import io.grantflow.applications.application.commitment.CreditCommitments;
import io.grantflow.contracts.vocabulary.SocialCreditCode;
import io.grantflow.platform.catalogue.ProgrammeDirectory;
import io.grantflow.platform.testing.CatalogueFixture;
import io.grantflow.platform.testing.KafkaTopicsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Applicant profiles over HTTP against the real database: an enterprise keeps its own under
 * version control (ETag / If-Match), the others read what their role lets them, another
 * enterprise finds nothing, and bad input is refused naming the field in both languages. Each
 * test works on a profile of its own credit code, deleted first.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTopicsResource.class)
class ApplicantProfileResourceIT {
    /** Codes with their check characters, used by no other test. */
    private static final String GAMMA = "91320214MA1PRXF1XB";

    private static final String UNIVERSITY = "12320200MA1UNXW2QM";
    private static final String DELTA = "91320214MA1XTHR3AU";
    private static final String BETA = "913202117BYC46N175";
    private static final String ACCOUNT = "6222021234567890123";

    @Inject
    SubmitApplication submit;

    @Inject
    CreditCommitments commitments;

    @Inject
    ProgrammeDirectory directory;

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String dbUser;

    @ConfigProperty(name = "quarkus.datasource.password")
    String dbPassword;

    /** A valid credit code of its own for each call: applications stay in the test database from run to run. */
    private static String freshCode() {
        String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        StringBuilder body = new StringBuilder("91320214");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 9; i++) {
            body.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return SocialCreditCode.complete(body.toString());
    }

    private static String body(String name, String kind) {
        return """
                {"name": "%s", "beneficiaryKind": "%s", "district": "xinwu",
                 "contacts": [{"name": "王经理", "title": "财务负责人", "phone": "0510-85123456", "email": "wang@gamma.example"}],
                 "bankAccount": {"bankName": "中国银行无锡新吴支行", "accountName": "%s", "accountNumber": "%s"}}""".formatted(name, kind, name, ACCOUNT);
    }

    private static RequestSpecification json() {
        return given().contentType(ContentType.JSON);
    }

    private Connection db() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
    }

    private long count(String sql, Object... params) throws SQLException {
        try (Connection c = db();
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

    private void update(String sql, Object... params) throws SQLException {
        try (Connection c = db();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            s.executeUpdate();
        }
    }

    /** A profile for {@code code} as its enterprise made it (the row, written directly), at version 0. */
    private void profile(String code, String kind) throws SQLException {
        update("DELETE FROM applicant_profile WHERE credit_code = ?", code);
        update(
                "INSERT INTO applicant_profile (credit_code, beneficiary_kind, district, name, contacts, bank_name,"
                        + " bank_account_name, bank_account_number, created_by, created_at, updated_by, updated_at)"
                        + " VALUES (?, ?, 'xinwu', '无锡伽马智能科技有限公司', '[{\"name\":\"王经理\",\"phone\":\"0510-85123456\"}]',"
                        + " '中国银行无锡新吴支行', '无锡伽马智能科技有限公司', ?, 'ent-gamma', now(), 'ent-gamma', now())",
                code,
                kind,
                ACCOUNT);
    }

    /** An application of {@code code} in the industry department, so that its reviewers may read the applicant. */
    private void applicationInIndustry(String code) throws Throwable {
        UUID id = VertxContextSupport.subscribeAndAwait(() -> submit.submit(new SubmitApplication.SubmitCommand(
                        code,
                        "enterprise",
                        "xinwu",
                        "S4-EDGE-COMPUTE",
                        Map.of("edge_purchase_cost", 1000),
                        null,
                        "x",
                        commitments.current())))
                .id();
        update("UPDATE application SET department = 'industry' WHERE id = ?", id);
    }

    private static void problem(Response r, int status, String code) {
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.jsonPath().getString("code")).isEqualTo(code);
    }

    /**
     * The account's author is kept apart from the profile's last editor: disbursement's four-eyes
     * verification refuses the person who set the account, and an edit of the contacts by someone
     * else must not make them that person (ADR 0027).
     */
    @Test
    @TestSecurity(user = "ent-gamma", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "enterprise_id", value = GAMMA))
    void whoChangedTheBankAccountIsKeptApartFromWhoLastEditedTheProfile() throws SQLException {
        profile(GAMMA, "enterprise");
        update("UPDATE applicant_profile SET bank_account_changed_by = 'gamma-finance' WHERE credit_code = ?", GAMMA);
        String sameAccount = """
                {"name": "无锡伽马智能科技有限公司", "beneficiaryKind": "enterprise", "district": "xinwu",
                 "contacts": [{"name": "李主管", "phone": "0510-85120000"}],
                 "bankAccount": {"bankName": "中国银行无锡新吴支行", "accountName": "无锡伽马智能科技有限公司", "accountNumber": "%s"}}""".formatted(ACCOUNT);
        Response contacts = json().header("If-Match", "\"0\"").body(sameAccount).put("/applicant-profiles/" + GAMMA);
        assertThat(contacts.statusCode()).as(contacts.asString()).isEqualTo(200);
        assertThat(count(
                        "SELECT count(*) FROM applicant_profile WHERE credit_code = ? AND updated_by = 'ent-gamma'"
                                + " AND bank_account_changed_by = 'gamma-finance'",
                        GAMMA))
                .as("the contacts' editor is not the account's author")
                .isEqualTo(1);

        Response account = json().header("If-Match", "\"1\"")
                .body(sameAccount.replace(ACCOUNT, "6216610100009990001"))
                .put("/applicant-profiles/" + GAMMA);
        assertThat(account.statusCode()).as(account.asString()).isEqualTo(200);
        assertThat(count(
                        "SELECT count(*) FROM applicant_profile WHERE credit_code = ?"
                                + " AND bank_account_changed_by = 'ent-gamma'",
                        GAMMA))
                .as("whoever changes the number is the account's author")
                .isEqualTo(1);
    }

    @Test
    @TestSecurity(user = "ent-gamma", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "enterprise_id", value = GAMMA))
    void anEnterpriseCreatesAndChangesItsOwnProfileVersionByVersion() throws SQLException {
        update("DELETE FROM applicant_profile WHERE credit_code = ?", GAMMA);
        long audited = count("SELECT count(*) FROM audit_entry WHERE subject = ?", GAMMA);
        Response created = json().body(body("无锡伽马智能科技有限公司", "enterprise")).put("/applicant-profiles/" + GAMMA);
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        assertThat(created.header("Location")).endsWith("/applicant-profiles/" + GAMMA);
        assertThat(created.header("ETag")).isEqualTo("\"0\"");
        assertThat(created.jsonPath().getString("creditCode")).isEqualTo(GAMMA);
        assertThat(created.jsonPath().getString("beneficiaryKindZh")).isEqualTo("企业");
        assertThat(created.jsonPath().getString("districtZh")).isEqualTo("新吴区");
        assertThat(created.jsonPath().getString("bankAccount.accountNumber"))
                .as("its own account, whole")
                .isEqualTo(ACCOUNT);
        assertThat(created.jsonPath().getString("contacts[0].email")).isEqualTo("wang@gamma.example");

        Response read = given().get("/applicant-profiles/" + GAMMA);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.header("ETag")).isEqualTo("\"0\"");

        // a change must say which version it was based on
        problem(
                json().body(body("无锡伽马科技", "enterprise")).put("/applicant-profiles/" + GAMMA),
                428,
                "PRECONDITION_REQUIRED");
        problem(
                json().header("If-Match", "\"7\"")
                        .body(body("无锡伽马科技", "enterprise"))
                        .put("/applicant-profiles/" + GAMMA),
                412,
                "PRECONDITION_FAILED");
        problem(
                json().header("If-None-Match", "*")
                        .body(body("无锡伽马科技", "enterprise"))
                        .put("/applicant-profiles/" + GAMMA),
                412,
                "PRECONDITION_FAILED");
        assertThat(count("SELECT count(*) FROM applicant_profile WHERE credit_code = ? AND version = 0", GAMMA))
                .as("nothing changed")
                .isEqualTo(1);

        Response changed = json().header("If-Match", read.header("ETag"))
                .body(body("无锡伽马科技", "enterprise"))
                .put("/applicant-profiles/" + GAMMA);
        assertThat(changed.statusCode()).as(changed.asString()).isEqualTo(200);
        assertThat(changed.header("ETag")).isEqualTo("\"1\"");
        assertThat(changed.jsonPath().getString("name")).isEqualTo("无锡伽马科技");
        // the same stale version again is refused: the first change won
        problem(
                json().header("If-Match", read.header("ETag"))
                        .body(body("无锡伽马另一家", "enterprise"))
                        .put("/applicant-profiles/" + GAMMA),
                412,
                "PRECONDITION_FAILED");
        assertThat(count("SELECT count(*) FROM applicant_profile WHERE credit_code = ? AND name = '无锡伽马科技'", GAMMA))
                .isEqualTo(1);

        Response listed = given().get("/applicant-profiles");
        assertThat(listed.jsonPath().getList("items.creditCode", String.class)).containsExactly(GAMMA);
        assertThat(listed.jsonPath().getString("items[0].bankAccount.accountNumber"))
                .as("masked in listings")
                .isEqualTo("***************0123");
        assertThat(listed.jsonPath().getList("items[0].contacts")).isNull();

        // the creation and the one change that was made are in the audit trail, the account masked
        assertThat(count("SELECT count(*) FROM audit_entry WHERE subject = ?", GAMMA) - audited)
                .as("profile.create and profile.change; the refused attempts wrote nothing")
                .isEqualTo(2);
        assertThat(count(
                        "SELECT count(*) FROM audit_entry WHERE subject = ? AND action = 'profile.change'"
                                + " AND before_state LIKE '%无锡伽马智能科技有限公司%' AND after_state LIKE '%无锡伽马科技%'"
                                + " AND after_state LIKE '%***************0123%' AND after_state NOT LIKE ?",
                        GAMMA, "%" + ACCOUNT + "%"))
                .as("the change, before and after, the account number masked")
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    @TestSecurity(user = "ent-gamma", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "enterprise_id", value = GAMMA))
    void anEnterpriseKeepsOnlyItsOwnProfileAndFindsNoOtherOne() throws SQLException {
        profile(DELTA, "enterprise");
        problem(json().body(body("冒名顶替", "enterprise")).put("/applicant-profiles/" + DELTA), 403, "NOT_YOUR_PROFILE");
        problem(
                json().header("If-Match", "*").body(body("冒名顶替", "enterprise")).put("/applicant-profiles/" + DELTA),
                403,
                "NOT_YOUR_PROFILE");
        // an existing profile of another and one that does not exist answer alike
        Response other = given().get("/applicant-profiles/" + DELTA);
        problem(other, 404, "NOT_FOUND");
        assertThat(other.asString()).doesNotContain("伽马").doesNotContain(ACCOUNT);
        problem(given().get("/applicant-profiles/" + BETA), 404, "NOT_FOUND");
        assertThat(given().get("/applicant-profiles").jsonPath().getList("items.creditCode", String.class))
                .doesNotContain(DELTA);
        assertThat(count("SELECT count(*) FROM applicant_profile WHERE credit_code = ? AND name = '冒名顶替'", DELTA))
                .isZero();
    }

    @Test
    @TestSecurity(user = "rev-industry", roles = "reviewer")
    @OidcSecurity(claims = @Claim(key = "department", value = "industry"))
    void aReviewerReadsTheApplicantsOfItsDepartmentWithTheAccountMaskedAndNoOneElse() throws Throwable {
        String code = freshCode();
        profile(code, "enterprise");
        problem(given().get("/applicant-profiles/" + code), 404, "NOT_FOUND");
        assertThat(given().get("/applicant-profiles").jsonPath().getList("items.creditCode", String.class))
                .doesNotContain(code);
        applicationInIndustry(code);
        Response read = given().get("/applicant-profiles/" + code);
        assertThat(read.statusCode()).as(read.asString()).isEqualTo(200);
        assertThat(read.jsonPath().getString("bankAccount.accountNumber")).isEqualTo("***************0123");
        assertThat(read.jsonPath().getBoolean("bankAccount.masked")).isTrue();
        assertThat(given().get("/applicant-profiles").jsonPath().getList("items.creditCode", String.class))
                .contains(code);
        problem(
                json().header("If-Match", "*").body(body("审核改档", "enterprise")).put("/applicant-profiles/" + code),
                403,
                "FORBIDDEN");
    }

    @Test
    @TestSecurity(user = "rev-science", roles = "reviewer")
    @OidcSecurity(claims = @Claim(key = "department", value = "science"))
    void aReviewerOfAnotherDepartmentFindsNothing() throws Throwable {
        String code = freshCode();
        profile(code, "enterprise");
        applicationInIndustry(code);
        problem(given().get("/applicant-profiles/" + code), 404, "NOT_FOUND");
        assertThat(given().get("/applicant-profiles").jsonPath().getList("items.creditCode", String.class))
                .doesNotContain(code);
    }

    @Test
    @TestSecurity(user = "fin-officer", roles = "finance")
    void financeReadsEveryProfileWithTheWholeAccount() throws SQLException {
        profile(DELTA, "enterprise");
        Response read = given().get("/applicant-profiles/" + DELTA);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.jsonPath().getString("bankAccount.accountNumber")).isEqualTo(ACCOUNT);
        Response listed = given().queryParam("district", "xinwu")
                .queryParam("beneficiaryKind", "enterprise")
                .queryParam("limit", 200)
                .get("/applicant-profiles");
        assertThat(listed.jsonPath().getList("items.creditCode", String.class)).contains(DELTA);
        assertThat(listed.jsonPath().getList("items.bankAccount.accountNumber", String.class))
                .allMatch(n -> n.startsWith("*"));
        problem(given().queryParam("district", "nowhere").get("/applicant-profiles"), 400, "INVALID_REQUEST");
        problem(given().queryParam("beneficiaryKind", "company").get("/applicant-profiles"), 400, "INVALID_REQUEST");
    }

    @Test
    @TestSecurity(user = "ops", roles = "operator")
    void operatorsReadWithTheAccountMasked() throws SQLException {
        profile(DELTA, "enterprise");
        Response read = given().get("/applicant-profiles/" + DELTA);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.jsonPath().getString("bankAccount.accountNumber")).isEqualTo("***************0123");
    }

    @Test
    @TestSecurity(user = "ent-gamma", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "enterprise_id", value = GAMMA))
    void badInputIsRefusedNamingEachFieldInBothLanguages() throws SQLException {
        update("DELETE FROM applicant_profile WHERE credit_code = ?", GAMMA);
        problem(
                json().body(body("x", "enterprise")).put("/applicant-profiles/91320214MA1PRXF1XA"),
                400,
                "INVALID_REQUEST");
        Map<String, String> cases = Map.of(
                "{\"name\": \"\", \"beneficiaryKind\": \"enterprise\", \"district\": \"xinwu\", \"contacts\": [{\"name\": \"王\", \"phone\": \"0510-1234\"}]}",
                "name",
                "{\"name\": \"伽马\", \"beneficiaryKind\": \"company\", \"district\": \"xinwu\", \"contacts\": [{\"name\": \"王\", \"phone\": \"0510-1234\"}]}",
                "beneficiaryKind",
                "{\"name\": \"伽马\", \"beneficiaryKind\": \"enterprise\", \"district\": \"suzhou\", \"contacts\": [{\"name\": \"王\", \"phone\": \"0510-1234\"}]}",
                "district",
                "{\"name\": \"伽马\", \"beneficiaryKind\": \"enterprise\", \"district\": \"xinwu\", \"contacts\": []}",
                "contacts",
                "{\"name\": \"伽马\", \"beneficiaryKind\": \"enterprise\", \"district\": \"xinwu\", \"contacts\": [{\"name\": \"王\"}]}",
                "contacts[0]",
                "{\"name\": \"伽马\", \"beneficiaryKind\": \"enterprise\", \"district\": \"xinwu\", \"contacts\": [{\"name\": \"王\", \"phone\": \"call me\"}]}",
                "contacts[0].phone",
                "{\"name\": \"伽马\", \"beneficiaryKind\": \"enterprise\", \"district\": \"xinwu\", \"contacts\": [{\"name\": \"王\", \"email\": \"a@b\"}]}",
                "contacts[0].email",
                "{\"name\": \"伽马\", \"beneficiaryKind\": \"enterprise\", \"district\": \"xinwu\", \"contacts\": [{\"name\": \"王\", \"phone\": \"0510-1234\"}],"
                        + " \"bankAccount\": {\"bankName\": \"中国银行\", \"accountName\": \"伽马\", \"accountNumber\": \"6222-0212\"}}",
                "bankAccount.accountNumber",
                "{\"name\": \"伽马\", \"beneficiaryKind\": \"enterprise\", \"district\": \"xinwu\", \"contacts\": [{\"name\": \"王\", \"phone\": \"0510-1234\"}],"
                        + " \"bankAccount\": {\"accountName\": \"伽马\", \"accountNumber\": \"62220212\"}}",
                "bankAccount.bankName");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Response refused = json().body(c.getKey()).put("/applicant-profiles/" + GAMMA);
            problem(refused, 400, "INVALID_REQUEST");
            List<Map<String, Object>> errors = refused.jsonPath().getList("errors");
            assertThat(errors).as(c.getValue()).extracting(e -> e.get("field")).contains(c.getValue());
            for (Map<String, Object> e : errors) {
                assertThat((String) e.get("messageZh"))
                        .as(c.getValue())
                        .doesNotContain(" / ")
                        .doesNotContain("{");
                assertThat((String) e.get("messageEn"))
                        .as(c.getValue())
                        .doesNotContain(" / ")
                        .doesNotContain("{");
                assertThat(e.get("messageZh")).isNotEqualTo(e.get("messageEn"));
            }
        }
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            many.append(i == 0 ? "" : ",").append("{\"name\": \"王").append(i).append("\", \"phone\": \"0510-1234\"}");
        }
        Response tooMany = json().body(
                        "{\"name\": \"伽马\", \"beneficiaryKind\": \"enterprise\", \"district\": \"xinwu\","
                                + " \"contacts\": [" + many + "]}")
                .put("/applicant-profiles/" + GAMMA);
        problem(tooMany, 400, "INVALID_REQUEST");
        assertThat(tooMany.jsonPath().getString("errors[0].messageZh")).isEqualTo("须有1到5个联系人");
        assertThat(tooMany.jsonPath().getString("errors[0].messageEn")).isEqualTo("from 1 to 5 contacts");
        problem(
                json().header("If-Match", "3").body(body("伽马", "enterprise")).put("/applicant-profiles/" + GAMMA),
                400,
                "INVALID_REQUEST");
        assertThat(count("SELECT count(*) FROM applicant_profile WHERE credit_code = ?", GAMMA))
                .isZero();
    }

    @Test
    @TestSecurity(user = "univ", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "enterprise_id", value = UNIVERSITY))
    void aSubmissionCarriesTheBeneficiaryKindOfTheApplicantsProfile() throws Exception {
        if (!directory.known()) {
            CatalogueFixture.publish(mapper, directory);
        }
        update("DELETE FROM applicant_profile WHERE credit_code = ?", UNIVERSITY);
        Response created = json().body(body("江南大学", "university")).put("/applicant-profiles/" + UNIVERSITY);
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        Response submitted =
                json().body("""
                        {"programme": "S4-EDGE-COMPUTE", "district": "binhu", "facts": {"edge_purchase_cost": 1000},
                         "commitmentVersion": "%s"}""".formatted(commitments.current().version())).post("/applications");
        assertThat(submitted.statusCode()).as(submitted.asString()).isEqualTo(201);
        assertThat(count(
                        "SELECT count(*) FROM application WHERE id = ? AND applicant_kind = 'university'",
                        UUID.fromString(submitted.jsonPath().getString("id"))))
                .isEqualTo(1);
    }
}
