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
import java.util.LinkedHashMap;
import java.util.List;
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
        return submit(token, programme, district, facts, null);
    }

    /** A submission whose notices go to {@code contactEmail} (a mailbox of the test's own; null: the token's). */
    static Response submit(
            String token, String programme, String district, Map<String, Object> facts, String contactEmail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("programme", programme);
        body.put("district", district);
        body.put("facts", facts);
        if (contactEmail != null) {
            body.put("contactEmail", contactEmail);
        }
        body.put("commitmentVersion", commitmentVersion(token));
        return as(token).body(body).post(Suite.url("applications") + "/applications");
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

    /** A demo enterprise (deploy/keycloak): its user, credit code (enterprise_id) and registered name. */
    record Enterprise(String user, String creditCode, String name) {}

    static final List<Enterprise> ENTERPRISES = List.of(
            new Enterprise("ent-alpha", "91320214AY4CL12T29", "无锡阿尔法智能科技有限公司"),
            new Enterprise("ent-beta", "913202117BYC46N175", "无锡贝塔精密制造有限公司"),
            new Enterprise("ent-gamma", "91320213MA1GAMMA0E", "无锡伽马机器人有限公司"),
            new Enterprise("ent-delta", "91320205MA1DELTA08", "无锡德尔塔软件有限公司"),
            new Enterprise("ent-epsilon", "91320206MA1EP51L0Y", "无锡艾普西隆新材料有限公司"),
            new Enterprise("ent-zeta", "91320211MA1ETA7A09", "无锡泽塔数据科技有限公司"));

    static Enterprise enterprise(String user) {
        return ENTERPRISES.stream()
                .filter(e -> e.user().equals(user))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no demo enterprise " + user));
    }

    /**
     * The enterprise's profile (一企一档) with a bank account in its registered name, as the
     * enterprise itself keeps it: no payment of an application is cleared without one, and
     * disbursement verifies such a first account by the name (ADR 0027). Creates the profile, or
     * adds the account to one without; a profile with an account is left as it is.
     */
    static void giveBankAccount(String user) {
        putProfile(user, true);
    }

    /** The enterprise's profile without a bank account (created, or its account taken out). */
    static Response removeBankAccount(String user) {
        return putProfile(user, false);
    }

    private static Response putProfile(String user, boolean account) {
        Enterprise e = enterprise(user);
        String token = Suite.userToken(user);
        String url = Suite.url("applications") + "/applicant-profiles/" + e.creditCode();
        Response current = as(token).get(url);
        if (current.statusCode() == 200 && (current.jsonPath().get("bankAccount") != null) == account) {
            return current;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", e.name());
        body.put("beneficiaryKind", "enterprise");
        body.put("district", "xinwu");
        body.put("contacts", List.of(Map.of("name", "财务联系人", "phone", "0510-85123456")));
        if (account) {
            body.put(
                    "bankAccount",
                    Map.of(
                            "bankName",
                            "中国银行无锡分行",
                            "accountName",
                            e.name(),
                            "accountNumber",
                            "62220" + e.creditCode().replaceAll("[^0-9]", "")));
        }
        RequestSpecification request = as(token).body(body);
        if (current.statusCode() == 200) {
            request = request.header("If-Match", current.header("ETag"));
        } else {
            assertThat(current.statusCode()).as(current.asString()).isEqualTo(404);
            request = request.header("If-None-Match", "*");
        }
        Response put = request.put(url);
        assertThat(put.statusCode()).as(put.asString()).isIn(200, 201);
        return put;
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
