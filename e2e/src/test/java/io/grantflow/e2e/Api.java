package io.grantflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.grantflow.contracts.vocabulary.Vocabulary;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.awaitility.Awaitility;

/** What the tests do through the public REST APIs, with real tokens. */
final class Api {
    static final String EDGE = "S4-EDGE-COMPUTE";

    private Api() {}

    static RequestSpecification as(String token) {
        return RestAssured.given()
                .auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .accept(ContentType.JSON);
    }

    static Response submit(String token, String programme, String district, Map<String, Object> facts) {
        return as(token)
                .body(Map.of("programme", programme, "district", district, "facts", facts))
                .post(Suite.url("applications") + "/applications");
    }

    /** A submission whose notices go to {@code contactEmail}: a mailbox of the test's own. */
    static Response submit(
            String token, String programme, String district, Map<String, Object> facts, String contactEmail) {
        return as(token)
                .body(Map.of(
                        "programme", programme, "district", district, "facts", facts, "contactEmail", contactEmail))
                .post(Suite.url("applications") + "/applications");
    }

    /** Submits an edge-compute application and returns its id once eligibility has answered. */
    static String submitEligible(String token, long edgePurchaseCost) {
        Response r = submit(token, EDGE, "xinwu", Map.of("edge_purchase_cost", edgePurchaseCost));
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(201);
        String id = r.jsonPath().getString("id");
        awaitStatus(token, id, "ELIGIBLE");
        return id;
    }

    static Response get(String token, String applicationId) {
        return as(token).get(Suite.url("applications") + "/applications/" + applicationId);
    }

    static Response awaitStatus(String token, String applicationId, String status) {
        Response[] last = new Response[1];
        Awaitility.await("application " + applicationId + " reaches " + status)
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    last[0] = get(token, applicationId);
                    return last[0].statusCode() == 200
                            && status.equals(last[0].jsonPath().getString("status"));
                });
        return last[0];
    }

    static Response approve(String token, String applicationId, String amount) {
        return as(token)
                .body("{\"amount\": " + amount + "}")
                .post(Suite.url("applications") + "/applications/" + applicationId + "/approval");
    }

    static int fiscalYear() {
        return LocalDate.now(Vocabulary.POLICY_ZONE).getYear();
    }

    /** The current year's budget as finance sees it; zeros when none was set. */
    static Map<String, BigDecimal> budget(String financeToken) {
        Response r = as(financeToken).get(Suite.url("budget") + "/budgets/" + fiscalYear());
        if (r.statusCode() == 404) {
            return Map.of(
                    "total",
                    BigDecimal.ZERO,
                    "pending",
                    BigDecimal.ZERO,
                    "posted",
                    BigDecimal.ZERO,
                    "available",
                    BigDecimal.ZERO);
        }
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        return Map.of(
                "total",
                r.jsonPath().getObject("total", BigDecimal.class),
                "pending",
                r.jsonPath().getObject("pending", BigDecimal.class),
                "posted",
                r.jsonPath().getObject("posted", BigDecimal.class),
                "available",
                r.jsonPath().getObject("available", BigDecimal.class));
    }

    /** Sets this year's total so that exactly {@code headroom} is left. */
    static void leaveHeadroom(String financeToken, BigDecimal headroom) {
        Topics.awaitConsumed(); // no reservation of an earlier step may land between the read and the write
        Map<String, BigDecimal> b = budget(financeToken);
        BigDecimal total = b.get("pending").add(b.get("posted")).add(headroom);
        Response r =
                as(financeToken).body(Map.of("total", total)).put(Suite.url("budget") + "/budgets/" + fiscalYear());
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        assertThat(r.jsonPath().getObject("available", BigDecimal.class)).isEqualByComparingTo(headroom);
    }
}
