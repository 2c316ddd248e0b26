package io.grantflow.eligibility.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.grantflow.platform.testing.KafkaTopicsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The calculator over HTTP: what an enterprise sees before it submits. */
@QuarkusTest
@QuarkusTestResource(KafkaTopicsResource.class)
class EvaluationResourceIT {

    private static RequestSpecification api() {
        return given().config(RestAssured.config()
                .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL)));
    }

    private static String request(String applicantId, String district, String cost) {
        return """
                {"programme": "S4-EDGE-COMPUTE", "asOf": "2026-03-01",
                 "applicant": {"id": "%s", "kind": "enterprise", "district": "%s"},
                 "facts": {"edge_purchase_cost": %s}}""".formatted(applicantId, district, cost);
    }

    @Test
    @TestSecurity(user = "ent-alpha", roles = "enterprise")
    void anEnterpriseSeesItsCeilingAndHowItWasComputed() {
        api().contentType(ContentType.JSON)
                .body(request("91320214AY4CL12T29", "binhu", "1000000"))
                .when()
                .post("/evaluations")
                .then()
                .statusCode(200)
                .body("eligible", equalTo(true))
                .body("ceiling", equalTo(new BigDecimal("300000.00")))
                .body("department", equalTo("industry"))
                .body("reasons", empty())
                .body("trace", not(empty()))
                .body("trace.clause", hasItem(containsString("推动智能算力建设")))
                .body("catalogueVersion", not(equalTo(null)));
    }

    @Test
    @TestSecurity(user = "ent-alpha", roles = "enterprise")
    void anIneligibleDraftComesWithEveryReasonInBothLanguages() {
        api().contentType(ContentType.JSON)
                .body("""
                        {"programme": "S4-EDGE-COMPUTE", "asOf": "2028-01-01",
                         "applicant": {"id": "91320214AY4CL12T29", "kind": "enterprise", "district": "yixing"},
                         "facts": {}}""")
                .when()
                .post("/evaluations")
                .then()
                .statusCode(200)
                .body("eligible", equalTo(false))
                .body("ceiling", equalTo(null))
                .body("reasons.code", containsInAnyOrder("OUTSIDE_VALIDITY", "OUTSIDE_JURISDICTION", "MISSING_FACT"))
                .body("reasons.messageZh", not(hasItem(equalTo(""))))
                .body("reasons.messageEn", not(hasItem(equalTo(""))));
    }

    @Test
    @TestSecurity(user = "ent-alpha", roles = "enterprise")
    void anInvalidSocialCreditCodeIsAProblemNamingTheApplicantId() {
        api().contentType(ContentType.JSON)
                .body(request("91320214AY4CL12T28", "binhu", "1000000"))
                .when()
                .post("/evaluations")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(400))
                .body("errors[0].field", equalTo("applicant.id"))
                .body("code", equalTo("INVALID_APPLICANT_ID"))
                .body("errors[0].code", equalTo("INVALID_APPLICANT_ID"))
                .body("errors[0].messageZh", not(equalTo(null)))
                .body("errors[0].messageEn", not(equalTo(null)));
    }

    @Test
    @TestSecurity(user = "ent-alpha", roles = "enterprise")
    void aFractionOfAFenIsAProblemNamingTheFact() {
        api().contentType(ContentType.JSON)
                .body(request("91320214AY4CL12T29", "binhu", "1000.001"))
                .when()
                .post("/evaluations")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("facts.edge_purchase_cost"))
                .body("errors[0].code", equalTo("TOO_PRECISE"));
    }

    @Test
    @TestSecurity(user = "ent-alpha", roles = "enterprise")
    void aMissingApplicantIsAProblemNamingIt() {
        api().contentType(ContentType.JSON)
                .body("""
                        {"programme": "S4-EDGE-COMPUTE", "facts": {"edge_purchase_cost": 1000000}}""")
                .when()
                .post("/evaluations")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", hasItem("applicant"));
    }

    @Test
    void withoutATokenTheCalculatorIsClosed() {
        given().contentType(ContentType.JSON)
                .body(request("91320214AY4CL12T29", "binhu", "1000000"))
                .when()
                .post("/evaluations")
                .then()
                .statusCode(401);
    }
}
