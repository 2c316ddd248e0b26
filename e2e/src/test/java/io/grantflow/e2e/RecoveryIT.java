package io.grantflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A clawback (追回, ADR 0029) offset against the next instalment, across the five packaged
 * services: ent-gamma has a one-off award paid and a staged award whose first instalment is paid;
 * finance orders part of the one-off award recovered; the application is clawed back; the staged
 * award's next instalment is paid net (the treasury pays the rest, the offset is recorded) while
 * the budget posts that instalment whole and reverses the clawed-back award by the offset.
 */
@ExtendWith(Suite.class)
class RecoveryIT {
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void aClawbackIsOffsetAgainstTheNextInstalment() throws Exception {
        String finance = Suite.userToken("fin-officer");
        String gamma = Suite.userToken("ent-gamma");
        String reviewer = Suite.userToken("rev-industry");
        Api.leaveHeadroom(finance, new BigDecimal("2000000.00"));
        int year = Api.fiscalYear();

        // the award to claw back: one-off, paid
        String clawedBack = Api.submitEligible(gamma, 100_000);
        Response approved = Api.approve(reviewer, clawedBack, "10000.00");
        assertThat(approved.statusCode()).as(approved.asString()).isEqualTo(200);
        Api.awaitStatus(gamma, clawedBack, "PAID");

        // the staged award: a quarter a year over four years, this year's paid
        Response submitted = Api.submit(
                gamma, "S3-PROVINCIAL-KEY-LAB", "liangxi", Map.of("lab_ref", "LAB-E2E-" + UUID.randomUUID()));
        assertThat(submitted.statusCode()).as(submitted.asString()).isEqualTo(201);
        String staged = submitted.jsonPath().getString("id");
        Api.awaitStatus(gamma, staged, "ELIGIBLE");
        Response stagedApproved =
                Api.approve(Suite.userToken("rev-science"), Suite.clientToken("agency-science"), staged, "4000000.00");
        assertThat(stagedApproved.statusCode()).as(stagedApproved.asString()).isEqualTo(200);
        Api.awaitStatus(gamma, staged, "PARTLY_PAID");

        // finance orders 6,000.00 of the one-off award recovered after an audit
        Response ordered = Api.as(finance)
                .header("Idempotency-Key", "e2e-recovery-" + UUID.randomUUID())
                .body(Map.of(
                        "applicationId", clawedBack,
                        "amount", "6000.00",
                        "basis", "AUDIT_FINDING",
                        "reasonsZh", "审计发现设备采购发票重复报销",
                        "reasonsEn", "The audit found the equipment invoices claimed twice"))
                .post(Suite.url("disbursement") + "/recoveries");
        assertThat(ordered.statusCode()).as(ordered.asString()).isEqualTo(200);
        String recovery = ordered.jsonPath().getString("id");
        assertThat(ordered.jsonPath().getString("status")).isEqualTo("OUTSTANDING");

        // the one entry point: the application is clawed back on the order, with its reasons
        Response clawed = Api.awaitStatus(gamma, clawedBack, "CLAWED_BACK");
        assertThat(clawed.jsonPath().getString("reasonZh")).contains("重复报销");
        // eligibility's award history follows: the clawed-back award no longer counts toward caps
        Awaitility.await("the clawed-back award voided in the award history")
                .atMost(WAIT)
                .until(() ->
                        "t".equals(value("eligibility", "SELECT voided FROM award WHERE source_id = ?", clawedBack)));
        // the enterprise sees its order
        assertThat(Api.as(gamma)
                        .get(Suite.url("disbursement") + "/recoveries/" + recovery)
                        .statusCode())
                .isEqualTo(200);
        String reservation = value(
                "budget",
                "SELECT id FROM transfer WHERE application_id = ?::uuid AND kind = 'RESERVATION'",
                clawedBack);
        // nothing is reversed before anything is recovered
        Topics.awaitConsumed();
        assertThat(value("budget", "SELECT reversed_amount FROM transfer WHERE id = ?::uuid", reservation))
                .isEqualTo("0.00");

        // the next fiscal year opens for the staged award (the services' clocks cannot be moved: its
        // instalment's due date is moved to today instead), and the plan job orders it
        try (Connection c = Suite.database("disbursement");
                PreparedStatement s = c.prepareStatement("""
                        UPDATE payment_plan_instalment SET due_date = ?
                         WHERE seq = 2 AND plan_id = (SELECT id FROM payment_plan WHERE application_id = ?::uuid)""")) {
            s.setObject(1, LocalDate.now(ZoneId.of("Asia/Shanghai")));
            s.setString(2, staged);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
        // 分阶段 (catalogue 2025.3): a key laboratory's later stage is paid on the milestone its
        // department confirms, with evidence
        Response plans =
                Api.as(finance).queryParam("applicationId", staged).get(Suite.url("disbursement") + "/payment-plans");
        assertThat(plans.statusCode()).as(plans.asString()).isEqualTo(200);
        String plan = plans.jsonPath().getString("items[0].id");
        int secondYear = plans.jsonPath().getInt("items[0].instalments[1].fiscalYear");
        Response milestone = Api.as(Suite.clientToken("agency-science"))
                .body(Map.of("evidence", "阶段评估通过 / the stage review was passed", "evidenceRef", "LAB-STAGE-2"))
                .post(Suite.url("disbursement") + "/payment-plans/" + plan + "/instalments/" + secondYear
                        + "/milestone");
        assertThat(milestone.statusCode()).as(milestone.asString()).isEqualTo(200);
        String[] second = new String[1];
        Awaitility.await("the staged award's second instalment paid")
                .atMost(WAIT)
                .until(() -> {
                    Response page = Api.as(finance)
                            .queryParam("applicationId", staged)
                            .queryParam("status", "PAID")
                            .get(Suite.url("disbursement") + "/payments");
                    int i = page.jsonPath()
                            .getList("items.fiscalYear", Integer.class)
                            .indexOf(year + 1);
                    if (i < 0) {
                        return false;
                    }
                    second[0] = page.jsonPath().getString("items[" + i + "].id");
                    return true;
                });
        Response payment = Api.as(finance).get(Suite.url("disbursement") + "/payments/" + second[0]);
        assertThat(payment.jsonPath().getObject("amount", BigDecimal.class)).isEqualByComparingTo("1000000.00");
        assertThat(payment.jsonPath().getObject("offsetAmount", BigDecimal.class))
                .isEqualByComparingTo("6000.00");
        assertThat(payment.jsonPath().getObject("confirmedAmount", BigDecimal.class))
                .as("the net the treasury paid")
                .isEqualByComparingTo("994000.00");

        // the offset recorded: the order is settled
        Response settled = Api.as(finance).get(Suite.url("disbursement") + "/recoveries/" + recovery);
        assertThat(settled.jsonPath().getString("status")).isEqualTo("SETTLED");
        assertThat(settled.jsonPath().getString("entries[0].kind")).isEqualTo("OFFSET");
        assertThat(settled.jsonPath().getString("entries[0].paymentId")).isEqualTo(second[0]);

        // the budget: the instalment posted whole, the clawed-back award reversed by the offset, once
        String stagedReservation = value(
                "budget", "SELECT id FROM transfer WHERE application_id = ?::uuid AND kind = 'RESERVATION'", staged);
        Awaitility.await("the budget posts the instalment and reverses the clawed-back award")
                .atMost(WAIT)
                .untilAsserted(() -> {
                    Response r = Api.as(finance).get(Suite.url("budget") + "/reservations/" + stagedReservation);
                    assertThat(r.jsonPath().getList("instalments.status", String.class))
                            .startsWith("POSTED", "POSTED");
                    assertThat(value("budget", "SELECT reversed_amount FROM transfer WHERE id = ?::uuid", reservation))
                            .isEqualTo("6000.00");
                });
        // the application of the staged award counts the instalment paid whole
        Response stagedNow = Api.get(gamma, staged);
        assertThat(stagedNow.jsonPath().getObject("paidAmount", BigDecimal.class))
                .isEqualByComparingTo("2000000.00");
    }

    private static String value(String service, String sql, String param) throws Exception {
        try (Connection c = Suite.database(service);
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, param);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
