package io.grantflow.platform.messaging;

import static io.grantflow.platform.messaging.OutboxRows.insert;
import static io.grantflow.platform.messaging.OutboxRows.payloadOf;
import static io.grantflow.platform.messaging.OutboxRows.row;
import static io.grantflow.platform.messaging.OutboxRows.state;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.grantflow.platform.testing.KafkaTopicsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The operators' view of parked outbox rows: paged, without payloads, strict about its parameters and roles. */
@QuarkusTest
@QuarkusTestResource(KafkaTopicsResource.class)
class ParkedOutboxResourceIT {
    @Inject
    DataSource dataSource;

    @Test
    @TestSecurity(user = "ops", roles = "operator")
    void parkedRowsArePagedInSeqOrderWithTheirErrorAndSizeButNeverTheirPayload() throws Exception {
        List<OutboxMessage> rows = List.of(
                row("budget.commands", UUID.randomUUID().toString(), payloadOf(1_000_500)),
                row("budget.commands", UUID.randomUUID().toString(), payloadOf(1_000_600)),
                row("budget.commands", UUID.randomUUID().toString(), payloadOf(1_000_700)));
        insert(dataSource, rows.toArray(OutboxMessage[]::new));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> rows.stream().allMatch(r -> state(dataSource, r).parked()));

        JsonPath first = given().queryParam("limit", 2)
                .get("/outbox/parked")
                .then()
                .statusCode(200)
                .body("limit", equalTo(2))
                .body("offset", equalTo(0))
                .extract()
                .jsonPath();
        long total = first.getLong("total");
        assertThat(total).isGreaterThanOrEqualTo(3);
        List<Map<String, Object>> items = new ArrayList<>(first.getList("items"));
        assertThat(items).hasSize(2);
        for (int offset = 2; offset < total; offset += 2) {
            items.addAll(given().queryParam("limit", 2)
                    .queryParam("offset", offset)
                    .get("/outbox/parked")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getList("items"));
        }
        assertThat(items).hasSize((int) total);
        assertThat(items).extracting(i -> ((Number) i.get("seq")).longValue()).isSorted();
        for (OutboxMessage r : rows) {
            Map<String, Object> item = items.stream()
                    .filter(i -> r.id.toString().equals(i.get("id")))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("not listed: " + r.id));
            assertThat(item)
                    .containsEntry("topic", "budget.commands")
                    .containsEntry("key", r.messageKey)
                    .containsEntry("type", r.ceType)
                    .containsEntry("attempts", 1)
                    .containsEntry("payloadBytes", r.payload.length())
                    .containsKeys("seq", "lastError", "createdAt", "parkedAt")
                    .doesNotContainKey("payload");
            assertThat((String) item.get("lastError")).contains("record too large");
        }
        assertThat(first.prettify()).doesNotContain("zzzz");
    }

    @Test
    @TestSecurity(user = "ops", roles = "admin")
    void aRetryUnparksTheRowAndOnlyAParkedRowCanBeRetried() throws Exception {
        OutboxMessage big = row("budget.commands", UUID.randomUUID().toString(), payloadOf(1_100_000));
        OutboxMessage small = row("budget.commands", UUID.randomUUID().toString(), "{}");
        insert(dataSource, big, small);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> state(dataSource, big).parked()
                        && state(dataSource, small).published());

        given().post("/outbox/parked/{id}/retry", big.id.toString()).then().statusCode(204);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> state(dataSource, big).attempts() == 2);

        given().post("/outbox/parked/{id}/retry", small.id.toString())
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("NOT_FOUND"));
        given().post("/outbox/parked/{id}/retry", UUID.randomUUID().toString())
                .then()
                .statusCode(404);
    }

    @Test
    @TestSecurity(user = "ops", roles = "operator")
    void aMalformedParameterIsA400ProblemThatNamesIt() {
        for (String[] bad :
                new String[][] {{"limit", "abc"}, {"limit", "0"}, {"limit", "201"}, {"offset", "-1"}, {"offset", "x"}
                }) {
            given().queryParam(bad[0], bad[1])
                    .get("/outbox/parked")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", equalTo(bad[0]));
        }
        given().queryParam("limit", 200)
                .get("/outbox/parked")
                .then()
                .statusCode(200)
                .body("limit", equalTo(200));
        given().post("/outbox/parked/{id}/retry", "not-a-uuid")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("id"));
    }

    @Test
    @TestSecurity(
            user = "someone",
            roles = {"enterprise", "reviewer", "finance"})
    void onlyOperatorsAndAdminsMaySeeOrRetryParkedRows() {
        given().get("/outbox/parked").then().statusCode(403);
        given().post("/outbox/parked/{id}/retry", UUID.randomUUID().toString())
                .then()
                .statusCode(403);
    }
}
