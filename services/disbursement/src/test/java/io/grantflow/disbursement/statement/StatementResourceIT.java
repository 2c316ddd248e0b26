package io.grantflow.disbursement.statement;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Finance imports the treasury account's statement over HTTP, against the real database, and reads
 * the mismatches with the payments confirmed in its period: one missing, one unknown and one of
 * another amount, as JSON and as CSV. The same file again creates nothing; a bad file changes nothing.
 */
@QuarkusTest
class StatementResourceIT {
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String dbUser;

    @ConfigProperty(name = "quarkus.datasource.password")
    String dbPassword;

    /** A paid payment as the worker leaves it: order key, treasury reference, confirmed amount, settled on {@code day}. */
    private UUID paid(String amount, LocalDate day) throws Exception {
        UUID id = UUID.randomUUID();
        try (Connection c = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
                PreparedStatement q = c.prepareStatement("""
                        INSERT INTO payment (id, reservation_id, application_id, beneficiary_id, programme, amount,
                            confirmed_amount, status, treasury_reference, correlation_id, causation_id, created_at,
                            settled_at, fiscal_year, order_key)
                        VALUES (?, ?, ?, '91320214AY4CL12T29', 'S4-EDGE-COMPUTE', ?::numeric, ?::numeric, 'PAID', ?,
                            'c', 'c', ?, ?, 2026, ?)""")) {
            Timestamp at = Timestamp.from(
                    day.atTime(10, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant());
            q.setObject(1, id);
            q.setObject(2, UUID.randomUUID());
            q.setObject(3, UUID.randomUUID());
            q.setString(4, amount);
            q.setString(5, amount);
            q.setString(6, "SIM-" + id.toString().substring(0, 8).toUpperCase());
            q.setTimestamp(7, at);
            q.setTimestamp(8, at);
            q.setObject(9, orderKeyOf(id));
            q.executeUpdate();
        }
        return id;
    }

    private static UUID orderKeyOf(UUID paymentId) {
        return UUID.nameUUIDFromBytes(("test-order:" + paymentId).getBytes(StandardCharsets.UTF_8));
    }

    private static Response importing(String contentType, String body) {
        return given().contentType(contentType)
                .body(body.getBytes(StandardCharsets.UTF_8))
                .when()
                .post("/statements");
    }

    @Test
    @TestSecurity(user = "fin-officer", roles = "finance")
    void aCamtStatementShowsTheMissingTheUnknownAndTheWrongAmountAndIsKeptOnce() throws Exception {
        // a period of its own, so that no other test's payment falls in it
        LocalDate from = LocalDate.of(2001, 1, 1).plusDays(new Random().nextInt(5_000));
        LocalDate to = from.plusDays(1);
        UUID matched = paid("1000.00", from);
        UUID wrongAmount = paid("2500.00", to);
        UUID missing = paid("300.00", to);
        String camt = StatementsTest.camt(Map.of(
                "FROM",
                from.toString(),
                "TO",
                to.toString(),
                "KEY_1",
                orderKeyOf(matched).toString(),
                "AMOUNT_1",
                "1000.00",
                "KEY_2",
                orderKeyOf(wrongAmount).toString(),
                "AMOUNT_2",
                "2050.00",
                "KEY_3",
                "UNKNOWN-" + UUID.randomUUID(),
                "AMOUNT_3",
                "77.70"));

        Response created = importing("application/xml", camt);
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        String id = created.jsonPath().getString("id");
        assertThat(created.header("Location")).endsWith("/statements/" + id);
        assertThat(created.jsonPath().getString("format")).isEqualTo("CAMT053");
        assertThat(created.jsonPath().getInt("entries")).isEqualTo(4);
        assertThat(created.jsonPath().getString("debitTotal")).isEqualTo("3127.7");
        assertThat(created.jsonPath().getString("from")).isEqualTo(from.toString());

        JsonPath mismatches = given().when()
                .get("/statements/" + id + "/mismatches")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(mismatches.getList("items.kind")).containsExactly("AMOUNT_DIFFERS", "UNKNOWN", "MISSING");
        assertThat(mismatches.getString("items[0].paymentId")).isEqualTo(wrongAmount.toString());
        assertThat(mismatches.getString("items[0].messageZh"))
                .contains("2500.00")
                .contains("2050.00");
        assertThat(mismatches.getString("items[2].paymentId")).isEqualTo(missing.toString());
        assertThat(mismatches.getMap("counts"))
                .isEqualTo(Map.of(
                        "MISSING",
                        1,
                        "UNKNOWN",
                        1,
                        "AMOUNT_DIFFERS",
                        1,
                        "PAID_TWICE",
                        0,
                        "UNMATCHED_CREDIT",
                        0,
                        "OVERPAID_CREDIT",
                        0));

        Response csv = given().when().get("/statements/" + id + "/mismatches.csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        List<String> lines =
                new String(csv.asByteArray(), StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("\uFEFF类型 kind,");
        assertThat(lines.get(3)).startsWith("MISSING," + missing + ",");

        Response again = importing("application/xml", camt);
        assertThat(again.statusCode()).as("the same file again").isEqualTo(200);
        assertThat(again.jsonPath().getString("id")).isEqualTo(id);
        // the payments are as they were: a mismatch changes nothing by itself
        assertThat(given().when()
                        .get("/payments/" + wrongAmount)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getString("status"))
                .isEqualTo("PAID");
    }

    @Test
    @TestSecurity(user = "fin-officer", roles = "finance")
    void aBadFileIsRefusedNamingTheFieldAndKeepsNothing() {
        long before = given().when()
                .get("/statements")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("total");

        Response badAmount =
                importing("text/csv", "reference,amount,booked_on,direction\nK1,12.345,2026-03-05,DEBIT\n");
        assertThat(badAmount.statusCode()).isEqualTo(400);
        assertThat(badAmount.contentType()).startsWith("application/problem+json");
        assertThat(badAmount.jsonPath().getString("errors[0].field")).isEqualTo("line 2.amount");
        assertThat(badAmount.jsonPath().getString("errors[0].messageZh")).contains("两位小数");

        Response xxe = importing(
                "application/xml",
                "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Document>&x;</Document>");
        assertThat(xxe.statusCode()).isEqualTo(400);
        assertThat(xxe.jsonPath().getString("errors[0].code")).isEqualTo("INVALID_XML");

        Response json = importing("application/json", "{\"entries\": []}");
        assertThat(json.statusCode()).isEqualTo(415);
        assertThat(json.jsonPath().getString("detail")).contains("text/csv");

        assertThat(given().when().get("/statements").then().extract().jsonPath().getLong("total"))
                .isEqualTo(before);
    }

    @Test
    @TestSecurity(user = "fin-officer", roles = "finance")
    void aCsvStatementTakesItsPeriodFromTheUpload() {
        String ref = "CSV-" + UUID.randomUUID();
        Response created = given().contentType("text/csv")
                .queryParam("statementRef", ref)
                .queryParam("from", "2000-01-01")
                .queryParam("to", "2000-01-31")
                .body("reference,amount,booked_on,direction\nX-" + UUID.randomUUID() + ",5.00,2000-01-02,CREDIT\n")
                .when()
                .post("/statements");
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        assertThat(created.jsonPath().getString("statementRef")).isEqualTo(ref);
        assertThat(created.jsonPath().getString("to")).isEqualTo("2000-01-31");
        assertThat(created.jsonPath().getString("creditTotal")).isEqualTo("5.0");
    }

    @Test
    @TestSecurity(user = "rev-industry", roles = "reviewer")
    void statementsAreFinancesAlone() {
        assertThat(importing("text/csv", "reference,amount,booked_on,direction\n")
                        .statusCode())
                .isEqualTo(403);
        assertThat(given().when().get("/statements").statusCode()).isEqualTo(403);
    }
}
