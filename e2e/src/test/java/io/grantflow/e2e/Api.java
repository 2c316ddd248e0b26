package io.grantflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.grantflow.contracts.vocabulary.Vocabulary;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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

    /**
     * The version of the credit commitment (信用承诺) in force, read as the portal reads it before
     * a submission: every submission accepts it.
     */
    static String commitmentVersion(String token) {
        Response current = as(token).get(Suite.url("applications") + "/credit-commitments/current");
        assertThat(current.statusCode()).as(current.asString()).isEqualTo(200);
        return current.jsonPath().getString("version");
    }

    /** A submission, accepting the credit commitment in force. */
    static Response submit(String token, String programme, String district, Map<String, Object> facts) {
        return as(token)
                .body(Map.of(
                        "programme",
                        programme,
                        "district",
                        district,
                        "facts",
                        facts,
                        "commitmentVersion",
                        commitmentVersion(token)))
                .post(Suite.url("applications") + "/applications");
    }

    /** A submission whose notices go to {@code contactEmail}: a mailbox of the test's own. */
    static Response submit(
            String token, String programme, String district, Map<String, Object> facts, String contactEmail) {
        return as(token)
                .body(Map.of(
                        "programme",
                        programme,
                        "district",
                        district,
                        "facts",
                        facts,
                        "contactEmail",
                        contactEmail,
                        "commitmentVersion",
                        commitmentVersion(token)))
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

    /**
     * The department's way to an approval, as its reviewer (or agency client) takes it: claim,
     * recommend the amount, announce it; then the announcement's period passes (its end moved
     * into the past in the applications database, as five working days would) and the service's
     * deadline job closes it, approving the amount and asking the budget to reserve it. Returns
     * the first step the service refused, or the announcement's answer.
     */
    static Response approve(String token, String applicationId, String amount) {
        return approve(token, null, applicationId, amount);
    }

    /** As {@link #approve(String, String, String)}; {@code secondToken} confirms when the amount needs four eyes. */
    static Response approve(String token, String secondToken, String applicationId, String amount) {
        Response claimed = command(token, applicationId, "claim", null);
        if (claimed.statusCode() != 200) {
            return claimed;
        }
        return approveClaimed(token, secondToken, applicationId, amount);
    }

    /** The claimant's part after the claim: recommend, confirm with {@code secondToken} if needed, announce. */
    static Response approveClaimed(String token, String secondToken, String applicationId, String amount) {
        Response recommended = command(
                token,
                applicationId,
                "recommendation",
                "{\"amount\": " + amount + ", \"reasonsZh\": \"符合政策条件\", \"reasonsEn\": \"meets the terms\"}");
        if (recommended.statusCode() != 200) {
            return recommended;
        }
        if ("AWAITING_CONFIRMATION".equals(recommended.jsonPath().getString("status"))) {
            Response confirmed = command(secondToken, applicationId, "confirmation", null);
            if (confirmed.statusCode() != 200) {
                return confirmed;
            }
        }
        Response announced = command(token, applicationId, "announcement", null);
        if (announced.statusCode() == 200) {
            endAnnouncement(applicationId);
        }
        return announced;
    }

    /** A procedure command: POST /applications/{id}/{command}. */
    static Response command(String token, String applicationId, String command, String body) {
        RequestSpecification request = as(token);
        if (body != null) {
            request = request.body(body);
        }
        return request.post(Suite.url("applications") + "/applications/" + applicationId + "/" + command);
    }

    /** A command on a call: POST /calls/{id}/{command} (closure, announcement). */
    static Response callCommand(String token, String callId, String command) {
        return as(token).post(Suite.url("applications") + "/calls/" + callId + "/" + command);
    }

    /** The announcement's period passes: its end moves to a second ago; the deadline job does the rest. */
    static void endAnnouncement(String applicationId) {
        try (Connection c = Suite.database("applications");
                PreparedStatement s = c.prepareStatement("""
                        UPDATE application SET announcement_closes_at = now() - interval '1 second',
                               procedure = jsonb_set(procedure::jsonb, '{announcement,closesAt}',
                                   to_jsonb(to_char((now() - interval '1 second') AT TIME ZONE 'UTC',
                                                    'YYYY-MM-DD"T"HH24:MI:SS"Z"')))::text
                         WHERE id = ?::uuid AND status = 'IN_ANNOUNCEMENT'""")) {
            s.setString(1, applicationId);
            assertThat(s.executeUpdate())
                    .as("application %s in announcement", applicationId)
                    .isEqualTo(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The budget refused the reservation: the application is back with the reviewer, the refusal in its reasons. */
    static Response awaitBudgetRefusal(String token, String applicationId) {
        Response[] last = new Response[1];
        Awaitility.await("application " + applicationId + " back in review after the budget's refusal")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    last[0] = get(token, applicationId);
                    return last[0].statusCode() == 200
                            && "UNDER_REVIEW".equals(last[0].jsonPath().getString("status"))
                            && last[0].jsonPath().getString("procedure.lastBudgetRefusal") != null;
                });
        return last[0];
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
