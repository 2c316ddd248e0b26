package io.grantflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 免申即享 (issue #10 point 7, ADR 0020) through the five running services with real tokens: the
 * industry bureau's agency client imports an honour list; the real eligibility service screens
 * the offer against the catalogue and the award history; the enterprise confirms with the credit
 * commitment and the award is in 公示 at once; the same list imported again creates nothing.
 */
@ExtendWith(Suite.class)
class ProactiveOfferIT {
    private static final String ALPHA = "91320214AY4CL12T29";

    @Test
    void anImportedHonourListBecomesAnOfferTheEnterpriseConfirmsIntoTheAnnouncement() {
        String agency = Suite.clientToken("agency-industry");
        String alpha = Suite.userToken("ent-alpha");
        String source = "工业和信息化部专精特新“小巨人”企业名单 e2e " + UUID.randomUUID();
        String file = "[{\"creditCode\": \"" + ALPHA + "\", \"enterpriseName\": \"无锡阿尔法智能科技有限公司\","
                + " \"recordKind\": \"honour_list\", \"programme\": \"S1-SRDI\", \"source\": \"" + source + "\","
                + " \"recordDate\": \"2026-06-30\", \"district\": \"xinwu\","
                + " \"facts\": {\"honour_level\": \"national\"}},"
                // a programme no government record proves
                + " {\"creditCode\": \"" + ALPHA + "\", \"enterpriseName\": \"无锡阿尔法智能科技有限公司\","
                + " \"recordKind\": \"honour_list\", \"programme\": \"S4-EDGE-COMPUTE\", \"source\": \"" + source
                + "\", \"recordDate\": \"2026-06-30\", \"district\": \"xinwu\"}]";

        Response report = Api.as(agency)
                .contentType("application/json")
                .header("Idempotency-Key", "e2e-import-" + UUID.randomUUID())
                .body(file)
                .post(Suite.url("applications") + "/record-imports");
        assertThat(report.statusCode()).as(report.asString()).isEqualTo(200);
        assertThat(report.jsonPath().getInt("created")).as(report.asString()).isEqualTo(1);
        assertThat(report.jsonPath().getString("rows[1].errors[0].code")).isEqualTo("NOT_PROVEN_BY_RECORDS");
        String id = report.jsonPath().getString("rows[0].applicationId");

        // eligibility screens it: national SRDI, 500,000.00 (一、培优育强市场主体 第2段第1句)
        Response offer = Api.awaitStatus(alpha, id, "OFFERED");
        assertThat(new BigDecimal(offer.jsonPath().getString("ceiling"))).isEqualByComparingTo("500000.00");
        assertThat(offer.jsonPath().getList("procedure.allowedCommands", String.class))
                .containsExactlyInAnyOrder("confirm_offer", "decline_offer", "withdraw_offer");
        Response listed =
                Api.as(alpha).queryParam("status", "OFFERED").get(Suite.url("applications") + "/applications");
        assertThat(listed.jsonPath().getList("items.id", String.class)).contains(id);
        // another enterprise does not see it
        assertThat(Api.get(Suite.userToken("ent-beta"), id).statusCode()).isEqualTo(404);

        String version = Api.as(alpha)
                .get(Suite.url("applications") + "/credit-commitments/current")
                .jsonPath()
                .getString("version");
        Response confirmed =
                Api.command(alpha, id, "offer-confirmation", "{\"commitmentVersion\": \"" + version + "\"}");
        assertThat(confirmed.statusCode()).as(confirmed.asString()).isEqualTo(200);
        assertThat(confirmed.jsonPath().getString("status")).isEqualTo("IN_ANNOUNCEMENT");
        Response publicList =
                RestAssured.given().queryParam("limit", 200).get(Suite.url("applications") + "/announcements");
        assertThat(publicList.jsonPath().getList("items.applicationId", String.class))
                .as("in the public announcement")
                .contains(id);

        Response again = Api.as(agency)
                .contentType("application/json")
                .body(file)
                .post(Suite.url("applications") + "/record-imports");
        assertThat(again.statusCode()).as(again.asString()).isEqualTo(200);
        assertThat(again.jsonPath().getInt("created")).isZero();
        assertThat(again.jsonPath().getInt("duplicates")).isEqualTo(1);
        assertThat(again.jsonPath().getString("rows[0].applicationId")).isEqualTo(id);
    }
}
