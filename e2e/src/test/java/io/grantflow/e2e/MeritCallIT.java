package io.grantflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A call for an ON_MERIT programme (申报批次, 择优) through the five running services, as the
 * industry bureau's agency system drives it over REST (issue #10 (a)): six enterprises apply, the
 * real eligibility service evaluates each, the agency scores them, the ranked list is cut at the
 * call's budget, the funded part goes to 公示 as one announcement, an objection is upheld and that
 * award refused, and the rest are approved, reserved by the real budget and paid by disbursement.
 */
@ExtendWith(Suite.class)
class MeritCallIT {
    /** 具身智能机器人核心零部件: 10% of the supply to whole-robot makers, at most 2,000,000.00 a year. */
    private static final String PROGRAMME = "S8-ROBOT-PARTS";

    /** An applicant: the demo user, its district, its supply (its ceiling is a tenth) and its two scores. */
    private record Applicant(String user, String district, long supply, int technology, int supplyScore) {}

    /**
     * Ranked as listed (weighted 93, 88, 83, 78, 70, 56). Budget 1,250,000.00: the first four cost
     * 1,200,000.00; the fifth (250,000.00) does not fit, and the sixth (50,000.00), which would, is
     * not funded either, because the cut is strict (ADR 0019). ent-beta's award is the one objected
     * to (its bank account is the one the simulated treasury reports closed: it must never be paid).
     */
    private static final List<Applicant> APPLICANTS = List.of(
            // ent-zeta first: ent-alpha's ten awards of the year (G4) are the rest of the suite's
            new Applicant("ent-zeta", "xinwu", 4_000_000, 95, 90),
            new Applicant("ent-gamma", "liangxi", 3_000_000, 90, 85),
            new Applicant("ent-beta", "binhu", 3_000_000, 85, 80),
            new Applicant("ent-delta", "xishan", 2_000_000, 80, 75),
            new Applicant("ent-epsilon", "huishan", 2_500_000, 70, 70),
            new Applicant("ent-alpha", "binhu", 500_000, 60, 50));

    @Test
    void sixApplicationsAreScoredCutAtTheBudgetAnnouncedAsOneAndAnUpheldObjectionKeepsOneFromBeingPaid() {
        String agency = Suite.clientToken("agency-industry");
        String finance = Suite.userToken("fin-officer");
        Api.leaveHeadroom(finance, new BigDecimal("10000000.00"));
        BigDecimal postedBefore = Api.budget(finance).get("posted");

        Response opened = Api.as(agency)
                .body("{\"programme\": \"" + PROGRAMME + "\", \"titleZh\": \"具身智能核心零部件 e2e 批次\","
                        + " \"titleEn\": \"robot parts, e2e call\","
                        + " \"opensAt\": \"" + Instant.now().minusSeconds(60) + "\","
                        + " \"closesAt\": \"" + Instant.now().plus(Duration.ofDays(30)) + "\","
                        + " \"budget\": 1250000.00,"
                        + " \"criteria\": [{\"code\": \"technology\", \"nameZh\": \"技术水平\", \"weight\": 60},"
                        + " {\"code\": \"supply\", \"nameZh\": \"配套供货\", \"weight\": 40}]}")
                .post(Suite.url("applications") + "/calls");
        assertThat(opened.statusCode()).as(opened.asString()).isEqualTo(201);
        String call = opened.jsonPath().getString("id");

        // six enterprises apply in the call; the real eligibility service evaluates each
        Map<String, String> tokens = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>();
        for (Applicant a : APPLICANTS) {
            tokens.put(a.user(), Suite.userToken(a.user()));
            Response submitted = Api.submit(
                    tokens.get(a.user()), PROGRAMME, a.district(), Map.of("supply_to_integrators", a.supply()));
            assertThat(submitted.statusCode())
                    .as(a.user() + ": " + submitted.asString())
                    .isEqualTo(201);
            ids.add(submitted.jsonPath().getString("id"));
        }
        for (int i = 0; i < ids.size(); i++) {
            Response eligible = Api.awaitStatus(tokens.get(APPLICANTS.get(i).user()), ids.get(i), "ELIGIBLE");
            assertThat(eligible.jsonPath().getObject("ceiling", BigDecimal.class))
                    .as("a tenth of %s's supply", APPLICANTS.get(i).user())
                    .isEqualByComparingTo(BigDecimal.valueOf(APPLICANTS.get(i).supply() / 10));
        }

        // the agency takes each up (受理) and scores it against the call's criteria
        for (int i = 0; i < ids.size(); i++) {
            Applicant a = APPLICANTS.get(i);
            assertThat(Api.command(agency, ids.get(i), "claim", null).statusCode())
                    .isEqualTo(200);
            Response scored = Api.command(
                    agency,
                    ids.get(i),
                    "scores",
                    "{\"scores\": {\"technology\": " + a.technology() + ", \"supply\": " + a.supplyScore() + "}}");
            assertThat(scored.statusCode()).as(scored.asString()).isEqualTo(200);
        }
        assertThat(Api.callCommand(agency, call, "closure").statusCode()).isEqualTo(200);
        assertThat(Api.submit(tokens.get("ent-alpha"), PROGRAMME, "xinwu", Map.of("supply_to_integrators", 1_000_000))
                        .jsonPath()
                        .getString("code"))
                .as("the call is closed: no more applications")
                .isEqualTo("NO_OPEN_CALL");

        Response ranking = Api.as(agency).get(Suite.url("applications") + "/calls/" + call + "/ranking");
        assertThat(ranking.statusCode()).as(ranking.asString()).isEqualTo(200);
        assertThat(ranking.jsonPath().getList("lines.applicationId", String.class))
                .containsExactlyElementsOf(ids);
        assertThat(ranking.jsonPath().getList("lines.score", BigDecimal.class))
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(
                        new BigDecimal("93"),
                        new BigDecimal("88"),
                        new BigDecimal("83"),
                        new BigDecimal("78"),
                        new BigDecimal("70"),
                        new BigDecimal("56"));
        assertThat(ranking.jsonPath().getList("lines.funded", Boolean.class))
                .as("cut strictly at 1,250,000.00")
                .containsExactly(true, true, true, true, false, false);
        assertThat(ranking.jsonPath().getObject("funded", BigDecimal.class)).isEqualByComparingTo("1200000.00");
        Response csv = RestAssured.given()
                .auth()
                .oauth2(agency)
                .get(Suite.url("applications") + "/calls/" + call + "/ranking.csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(new String(csv.asByteArray(), StandardCharsets.UTF_8).lines())
                .as("a header and the six lines")
                .hasSize(7);

        // the agency recommends the funded four at their ceilings and announces the list
        List<String> funded = ids.subList(0, 4);
        Response early = Api.callCommand(agency, call, "announcement");
        assertThat(early.statusCode()).as(early.asString()).isEqualTo(409);
        assertThat(early.jsonPath().getString("code")).isEqualTo("LIST_NOT_READY");
        for (int i = 0; i < funded.size(); i++) {
            String amount = BigDecimal.valueOf(APPLICANTS.get(i).supply() / 10)
                    .setScale(2)
                    .toPlainString();
            Response recommended = Api.command(
                    agency,
                    funded.get(i),
                    "recommendation",
                    "{\"amount\": " + amount
                            + ", \"reasonsZh\": \"择优排名进入支持名单\", \"reasonsEn\": \"ranked within the budget\"}");
            assertThat(recommended.statusCode()).as(recommended.asString()).isEqualTo(200);
            assertThat(recommended.jsonPath().getString("status")).isEqualTo("RECOMMENDED");
        }
        Response announced = Api.callCommand(agency, call, "announcement");
        assertThat(announced.statusCode()).as(announced.asString()).isEqualTo(200);
        assertThat(announced.jsonPath().getString("call.status")).isEqualTo("ANNOUNCED");

        // one public announcement, read without a token: the four, one period, nothing below the cut
        Response publicList = RestAssured.given()
                .queryParam("programme", PROGRAMME)
                .queryParam("limit", 200)
                .get(Suite.url("applications") + "/announcements");
        assertThat(publicList.statusCode()).as(publicList.asString()).isEqualTo(200);
        assertThat(publicList.jsonPath().getList("items.applicationId", String.class))
                .containsExactlyInAnyOrderElementsOf(funded);
        assertThat(publicList.jsonPath().getList("items.publishedAt", String.class))
                .as("published together")
                .containsOnly(publicList.jsonPath().getString("items[0].publishedAt"));
        assertThat(publicList.jsonPath().getList("items.closesAt", String.class))
                .containsOnly(publicList.jsonPath().getString("items[0].closesAt"));
        assertThat(Api.get(agency, ids.get(4)).jsonPath().getString("status"))
                .as("below the cut: still with the department")
                .isEqualTo("UNDER_REVIEW");

        // an applicant below the cut objects to the third award; the money is held
        String objected = ids.get(2);
        Response objection = Api.command(
                tokens.get("ent-epsilon"),
                objected,
                "objections",
                "{\"reasonsZh\": \"该企业供货额含关联方交易\", \"reasonsEn\": \"its supply includes related-party sales\"}");
        assertThat(objection.statusCode()).as(objection.asString()).isEqualTo(200);
        assertThat(objection.jsonPath().getString("status")).isEqualTo("OBJECTION_RAISED");
        Response upheld = Api.command(
                agency,
                objected,
                "objection-resolution",
                "{\"decision\": \"UPHELD\", \"reasonsZh\": \"经核查异议属实\", \"reasonsEn\": \"the objection is borne out\"}");
        assertThat(upheld.statusCode()).as(upheld.asString()).isEqualTo(200);
        assertThat(upheld.jsonPath().getString("status")).isEqualTo("UNDER_REVIEW");
        Response rejected = Api.command(
                agency,
                objected,
                "rejection",
                "{\"reasonsZh\": \"供货额不实，不予支持\", \"reasonsEn\": \"the supply figure does not hold\"}");
        assertThat(rejected.statusCode()).as(rejected.asString()).isEqualTo(200);
        assertThat(rejected.jsonPath().getString("status")).isEqualTo("REJECTED");

        // the announcement's period passes: the other three are approved, reserved and paid
        List<String> paid = List.of(funded.get(0), funded.get(1), funded.get(3));
        for (String id : paid) {
            Api.endAnnouncement(id);
        }
        BigDecimal total = BigDecimal.ZERO;
        for (String id : paid) {
            int i = ids.indexOf(id);
            BigDecimal amount = BigDecimal.valueOf(APPLICANTS.get(i).supply() / 10);
            Response done = Api.awaitStatus(tokens.get(APPLICANTS.get(i).user()), id, "PAID");
            assertThat(done.jsonPath().getObject("paidAmount", BigDecimal.class))
                    .as("paid to %s", APPLICANTS.get(i).user())
                    .isEqualByComparingTo(amount);
            assertThat(payments(finance, id)).containsExactly("PAID");
            total = total.add(amount);
        }
        assertThat(total).isEqualByComparingTo("900000.00");
        Topics.awaitConsumed();
        Awaitility.await("the budget posts the three payments")
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(Api.budget(finance).get("posted"))
                        .isEqualByComparingTo(postedBefore.add(new BigDecimal("900000.00"))));
        assertThat(Api.get(tokens.get("ent-beta"), objected).jsonPath().getString("status"))
                .isEqualTo("REJECTED");
        assertThat(payments(finance, objected))
                .as("nothing for the refused award")
                .isEmpty();
        for (String id : ids.subList(4, 6)) {
            assertThat(payments(finance, id)).as("nothing below the cut").isEmpty();
        }
        List<String> steps = Api.as(tokens.get("ent-zeta"))
                .get(Suite.url("applications") + "/applications/" + ids.get(0) + "/history")
                .jsonPath()
                .getList("items.toStatus");
        assertThat(steps)
                .containsSubsequence("ELIGIBLE", "UNDER_REVIEW", "RECOMMENDED", "IN_ANNOUNCEMENT", "APPROVED", "PAID");
    }

    private static List<String> payments(String finance, String applicationId) {
        return Api.as(finance)
                .queryParam("applicationId", applicationId)
                .get(Suite.url("disbursement") + "/payments")
                .jsonPath()
                .getList("items.status", String.class);
    }
}
