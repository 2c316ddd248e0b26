package io.grantflow.applications.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.applications.application.commitment.CreditCommitments;
import io.grantflow.platform.catalogue.ProgrammeDirectory;
import io.grantflow.platform.testing.CatalogueFixture;
import io.grantflow.platform.testing.KafkaTopicsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The credit commitment is served by version, and a submission keeps the version it accepted with its text's hash. */
@QuarkusTest
@QuarkusTestResource(KafkaTopicsResource.class)
class CreditCommitmentResourceIT {
    private static final String ALPHA = "91320214AY4CL12T29";

    @Inject
    CreditCommitments commitments;

    @Inject
    ProgrammeDirectory directory;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String dbUser;

    @ConfigProperty(name = "quarkus.datasource.password")
    String dbPassword;

    @BeforeEach
    void catalogue() {
        if (!directory.known()) {
            CatalogueFixture.publish(json, directory);
        }
    }

    private long count(String sql, Object... params) throws SQLException {
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

    private static Response submit(String commitment) {
        return given().contentType(ContentType.JSON)
                .body("""
                {"programme": "S4-EDGE-COMPUTE", "district": "xinwu", "facts": {"edge_purchase_cost": 1000000}%s}""".formatted(commitment == null ? "" : ", \"commitmentVersion\": \"" + commitment + "\""))
                .post("/applications");
    }

    @Test
    @TestSecurity(user = "ent-alpha", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "enterprise_id", value = ALPHA))
    void theCurrentTextIsServedInBothLanguagesAndEachVersionByItsName() {
        Response current = given().get("/credit-commitments/current");
        assertThat(current.statusCode()).isEqualTo(200);
        String version = current.jsonPath().getString("version");
        assertThat(version).isEqualTo(commitments.current().version());
        assertThat(current.jsonPath().getBoolean("current")).isTrue();
        assertThat(current.jsonPath().getString("textZh")).contains("真实");
        assertThat(current.jsonPath().getString("textEn")).contains("true");
        assertThat(current.jsonPath().getString("sha256"))
                .isEqualTo(commitments.current().sha256())
                .matches("^[0-9a-f]{64}$");
        Response named = given().get("/credit-commitments/" + version);
        assertThat(named.statusCode()).isEqualTo(200);
        assertThat(named.jsonPath().getString("sha256"))
                .isEqualTo(current.jsonPath().getString("sha256"));
        Response unknown = given().get("/credit-commitments/1999-01-01");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        Response malformed = given().get("/credit-commitments/x%00y");
        assertThat(malformed.statusCode()).as(malformed.asString()).isEqualTo(400);
        assertThat(malformed.jsonPath().getString("errors[0].field")).isEqualTo("version");
    }

    @Test
    @TestSecurity(user = "rev-industry", roles = "reviewer")
    @OidcSecurity(claims = @Claim(key = "department", value = "industry"))
    void everyRoleReadsTheText() {
        assertThat(given().get("/credit-commitments/current").statusCode()).isEqualTo(200);
    }

    @Test
    @TestSecurity(user = "ent-alpha", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "enterprise_id", value = ALPHA))
    void aSubmissionKeepsTheVersionItAcceptedWithTheHashOfItsText() throws SQLException {
        String version = commitments.current().version();
        Response created = submit(version);
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        UUID id = UUID.fromString(created.jsonPath().getString("id"));
        assertThat(count(
                        "SELECT count(*) FROM application_commitment WHERE application_id = ? AND version = ?"
                                + " AND text_sha256 = ? AND accepted_by = 'ent-alpha'",
                        id,
                        version,
                        commitments.current().sha256()))
                .isEqualTo(1);
        // the application's page says which text was accepted
        Response read = given().get("/applications/" + id);
        assertThat(read.statusCode()).as(read.asString()).isEqualTo(200);
        assertThat(read.jsonPath().getString("commitment.version")).isEqualTo(version);
        assertThat(read.jsonPath().getString("commitment.textSha256"))
                .isEqualTo(commitments.current().sha256());
        assertThat(read.jsonPath().getString("commitment.acceptedBy")).isEqualTo("ent-alpha");
        assertThat(read.jsonPath().getString("commitment.acceptedAt")).isNotNull();
    }

    /** 信用承诺 (issue #10): every submission accepts the text in force; one that names none creates nothing. */
    @Test
    @TestSecurity(user = "ent-alpha", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "enterprise_id", value = ALPHA))
    void aSubmissionWithoutTheCommitmentIsRefusedNamingTheFieldAndNoApplicationAppears() throws SQLException {
        long before = count("SELECT count(*) FROM application WHERE applicant_id = ?", ALPHA);
        long listed = given().get("/applications").jsonPath().getLong("total");

        Response without = submit(null);
        assertThat(without.statusCode()).as(without.asString()).isEqualTo(400);
        assertThat(without.contentType()).startsWith("application/problem+json");
        assertThat(without.jsonPath().getList("errors.field", String.class)).containsExactly("commitmentVersion");
        assertThat(without.jsonPath().getString("errors[0].code")).isEqualTo("COMMITMENT_REQUIRED");
        assertThat(without.jsonPath().getString("errors[0].messageZh")).contains("信用承诺书");
        assertThat(without.jsonPath().getString("errors[0].messageEn")).contains("credit commitment");

        assertThat(given().get("/applications").jsonPath().getLong("total"))
                .as("no application in the enterprise's list")
                .isEqualTo(listed);
        assertThat(count("SELECT count(*) FROM application WHERE applicant_id = ?", ALPHA))
                .isEqualTo(before);

        // a draft is saved without one: the commitment is accepted when it is submitted
        Response draft = given().contentType(ContentType.JSON).body("""
                {"programme": "S4-EDGE-COMPUTE", "district": "xinwu", "facts": {"edge_purchase_cost": 1000000}}""").post("/applications/drafts");
        assertThat(draft.statusCode()).as(draft.asString()).isEqualTo(201);
        assertThat(draft.jsonPath().getString("status")).isEqualTo("DRAFT");
    }

    @Test
    @TestSecurity(user = "ent-alpha", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "enterprise_id", value = ALPHA))
    void anUnknownOrMalformedVersionIsRefusedAndNothingIsStored() throws SQLException {
        long before = count("SELECT count(*) FROM application WHERE applicant_id = ?", ALPHA);
        Response unknown = submit("1999-01-01");
        assertThat(unknown.statusCode()).as(unknown.asString()).isEqualTo(400);
        assertThat(unknown.jsonPath().getString("errors[0].field")).isEqualTo("commitmentVersion");
        assertThat(unknown.jsonPath().getString("errors[0].code")).isEqualTo("UNKNOWN_COMMITMENT_VERSION");
        Response malformed = submit("not a version");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.jsonPath().getString("errors[0].field")).isEqualTo("commitmentVersion");
        assertThat(malformed.jsonPath().getString("errors[0].messageZh")).isEqualTo("信用承诺书版本格式错误");
        assertThat(count("SELECT count(*) FROM application WHERE applicant_id = ?", ALPHA))
                .isEqualTo(before);
    }
}
