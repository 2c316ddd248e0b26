package io.grantflow.applications.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.applications.application.SubmitApplication;
import io.grantflow.applications.application.audit.AuditContext;
import io.grantflow.applications.application.call.Calls;
import io.grantflow.applications.application.commitment.CreditCommitments;
import io.grantflow.applications.application.procedure.DeadlineJob;
import io.grantflow.applications.application.procedure.RunProcedure;
import io.grantflow.contracts.MessageType;
import io.grantflow.contracts.Topics;
import io.grantflow.contracts.events.ApplicationEvaluatedV1;
import io.grantflow.platform.catalogue.ProgrammeDirectory;
import io.grantflow.platform.testing.CatalogueFixture;
import io.grantflow.platform.testing.KafkaTopicsResource;
import io.grantflow.platform.testing.TestKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A call for an ON_MERIT programme over HTTP against the real database and broker, as the
 * industry department's reviewer: applications outside an open call refused, four inside it
 * scored, the ranked list cut at the budget (JSON, CSV and XLSX), and the funded part announced
 * as one announcement.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTopicsResource.class)
class CallResourceIT {
    private static final String PROGRAMME = "S9-TECH-PROVIDER";

    @Inject
    ObjectMapper json;

    @Inject
    SubmitApplication submit;

    @Inject
    CreditCommitments commitments;

    @Inject
    RunProcedure procedures;

    @Inject
    ProgrammeDirectory directory;

    @Inject
    Calls calls;

    @Inject
    DeadlineJob job;

    @Inject
    ProcedureDriver driver;

    @BeforeEach
    void setUp() {
        if (directory.find(PROGRAMME).isEmpty()) {
            CatalogueFixture.publish(json, directory);
        }
    }

    private static RequestSpecification api() {
        return given().config(RestAssured.config()
                .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL)));
    }

    private UUID submitted() throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> submit.submit(new SubmitApplication.SubmitCommand(
                        ProcedureDriver.ALPHA,
                        "enterprise",
                        "binhu",
                        PROGRAMME,
                        Map.of("has_own_model", true),
                        ProcedureDriver.ALPHA_EMAIL,
                        "ent-alpha",
                        commitments.current())))
                .id();
    }

    /** Found eligible with a ceiling of 1,000,000.00, taken up by the industry reviewer. */
    private UUID underReview(UUID id) throws Throwable {
        TestKafka.send(
                KafkaTopicsResource.bootstrapServers(),
                KafkaTopicsResource.topic(Topics.EVALUATION_EVENTS),
                id.toString(),
                MessageType.APPLICATION_EVALUATED_V1.ceType(),
                json.writeValueAsString(new ApplicationEvaluatedV1(
                        id,
                        PROGRAMME,
                        true,
                        new BigDecimal("1000000.00"),
                        "industry",
                        List.of("ON_MERIT"),
                        List.of(),
                        List.of(),
                        "test",
                        "fixed 1000000",
                        Instant.now())),
                UUID.randomUUID().toString());
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> "ELIGIBLE".equals(driver.status(id)));
        driver.claim(id);
        return id;
    }

    @Test
    @TestSecurity(user = "rev-industry", roles = "reviewer")
    @OidcSecurity(claims = @Claim(key = "department", value = "industry"))
    void aCallIsScoredRankedCutAtItsBudgetExportedAndAnnouncedAsOne() throws Throwable {
        // every call of an earlier run closed, so that the submissions below go to this one
        try (Connection c = driver.connection();
                Statement s = c.createStatement()) {
            s.executeUpdate(
                    "UPDATE call SET status = 'CLOSED' WHERE status = 'OPEN' AND programme = '" + PROGRAMME + "'");
        }
        Throwable outside = null;
        try {
            submitted();
        } catch (Throwable t) {
            outside = t;
        }
        assertThat(outside)
                .as("no open call: an ON_MERIT application is refused")
                .isNotNull();
        assertThat(outside.getMessage()).contains("NO_OPEN_CALL");

        Response opened = api().contentType(ContentType.JSON)
                .body("{\"programme\": \"" + PROGRAMME + "\", \"titleZh\": \"2026年第一批\", \"titleEn\": \"2026, first\","
                        + " \"opensAt\": \"" + Instant.now().minusSeconds(60) + "\","
                        + " \"closesAt\": \"" + Instant.now().plus(Duration.ofDays(30)) + "\","
                        + " \"budget\": 2000000.00,"
                        + " \"criteria\": [{\"code\": \"innovation\", \"nameZh\": \"创新性\", \"weight\": 60},"
                        + " {\"code\": \"deployment\", \"nameZh\": \"应用成效\", \"weight\": 40}]}")
                .when()
                .post("/calls");
        assertThat(opened.statusCode()).as(opened.asString()).isEqualTo(201);
        UUID call = UUID.fromString(opened.jsonPath().getString("id"));
        assertThat(opened.jsonPath().getBoolean("accepting")).isTrue();

        Response wrongWeights = api().contentType(ContentType.JSON)
                .body("{\"programme\": \"" + PROGRAMME + "\", \"titleZh\": \"x\", \"opensAt\": \"" + Instant.now()
                        + "\", \"closesAt\": \"" + Instant.now().plusSeconds(60) + "\","
                        + " \"criteria\": [{\"code\": \"a\", \"nameZh\": \"甲\", \"weight\": 90}]}")
                .when()
                .post("/calls");
        assertThat(wrongWeights.statusCode()).as(wrongWeights.asString()).isEqualTo(422);
        assertThat(wrongWeights.jsonPath().getString("code")).isEqualTo("WEIGHTS_NOT_100");
        Response notOnMerit = api().contentType(ContentType.JSON)
                .body("{\"programme\": \"S4-EDGE-COMPUTE\", \"titleZh\": \"x\", \"opensAt\": \"" + Instant.now()
                        + "\", \"closesAt\": \"" + Instant.now().plusSeconds(60) + "\","
                        + " \"criteria\": [{\"code\": \"a\", \"nameZh\": \"甲\", \"weight\": 100}]}")
                .when()
                .post("/calls");
        assertThat(notOnMerit.statusCode()).as(notOnMerit.asString()).isEqualTo(422);
        assertThat(notOnMerit.jsonPath().getString("code")).isEqualTo("NOT_ON_MERIT");

        // four applications, scored 90, 80, 70 and 60 (weighted): 900,000 + 800,000 fit in 2,000,000, the third not
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(underReview(submitted()));
        }
        String[] amounts = {"900000.00", "800000.00", "400000.00", "100000.00"};
        for (int i = 0; i < 4; i++) {
            int score = 90 - 10 * i;
            Response scored = api().contentType(ContentType.JSON)
                    .body("{\"scores\": {\"innovation\": " + score + ", \"deployment\": " + score + "}}")
                    .when()
                    .post("/applications/" + ids.get(i) + "/scores");
            assertThat(scored.statusCode()).as(scored.asString()).isEqualTo(200);
            assertThat(scored.jsonPath().getObject("total", BigDecimal.class)).isEqualByComparingTo(score + "");
            driver.recommend(ids.get(i), amounts[i]);
        }
        Response badScore = api().contentType(ContentType.JSON)
                .body("{\"scores\": {\"innovation\": 101, \"deployment\": 10}}")
                .when()
                .post("/applications/" + ids.get(0) + "/scores");
        assertThat(badScore.statusCode()).as(badScore.asString()).isEqualTo(400);
        assertThat(badScore.jsonPath().getString("errors[0].field")).startsWith("scores");

        Response early = api().when().post("/calls/" + call + "/announcement");
        assertThat(early.statusCode()).as("still open: " + early.asString()).isEqualTo(409);
        api().when().post("/calls/" + call + "/closure").then().statusCode(200);

        Response ranking = api().when().get("/calls/" + call + "/ranking");
        assertThat(ranking.statusCode()).as(ranking.asString()).isEqualTo(200);
        assertThat(ranking.jsonPath().getList("lines.applicationId", String.class))
                .containsExactly(ids.stream().map(UUID::toString).toArray(String[]::new));
        // strict cut: the 400,000 does not fit in what is left, so neither does the cheaper one below it
        assertThat(ranking.jsonPath().getList("lines.funded", Boolean.class)).containsExactly(true, true, false, false);
        assertThat(ranking.jsonPath().getObject("funded", BigDecimal.class)).isEqualByComparingTo("1700000.00");

        Response csv = api().when().get("/calls/" + call + "/ranking.csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        String text = new String(csv.asByteArray(), StandardCharsets.UTF_8);
        assertThat(text.lines().toList()).hasSize(5);
        assertThat(text.lines().skip(1).findFirst().orElseThrow())
                .startsWith("1," + ids.get(0))
                .contains("90.00", "900000.00", "是 yes");

        Response xlsx = api().when().get("/calls/" + call + "/ranking.xlsx");
        assertThat(xlsx.statusCode()).isEqualTo(200);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.asByteArray()))) {
            Sheet sheet = book.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(4);
            assertThat(sheet.getRow(2).getCell(1).getStringCellValue())
                    .isEqualTo(ids.get(1).toString());
            assertThat(sheet.getRow(3).getCell(7).getStringCellValue()).isEqualTo("否 no");
            assertThat(sheet.getRow(1).getCell(5).getNumericCellValue())
                    .as("an amount is a number in the sheet")
                    .isEqualTo(900000.00);
        }

        Response announced = api().when().post("/calls/" + call + "/announcement");
        assertThat(announced.statusCode()).as(announced.asString()).isEqualTo(200);
        assertThat(announced.jsonPath().getString("call.status")).isEqualTo("ANNOUNCED");
        assertThat(driver.status(ids.get(0))).isEqualTo("IN_ANNOUNCEMENT");
        assertThat(driver.status(ids.get(1))).isEqualTo("IN_ANNOUNCEMENT");
        assertThat(driver.status(ids.get(2)))
                .as("below the cut: still with the department")
                .isEqualTo("RECOMMENDED");
        assertThat(driver.status(ids.get(3))).isEqualTo("RECOMMENDED");
        assertThat(driver.count(
                        "SELECT count(*) FROM audit_entry WHERE subject = ? AND action = 'call.announce'",
                        call.toString()))
                .isEqualTo(1);

        // the 公示 ends and the funded two are approved: they keep their places on the list, and
        // the two below the cut do not move into the budget they took
        driver.endAnnouncements(List.of(ids.get(0), ids.get(1)));
        Awaitility.await("the funded two approved")
                .atMost(Duration.ofSeconds(30))
                .until(() ->
                        "APPROVED".equals(driver.status(ids.get(0))) && "APPROVED".equals(driver.status(ids.get(1))));
        Response after = api().when().get("/calls/" + call + "/ranking");
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.jsonPath().getList("lines.applicationId", String.class))
                .containsExactly(ids.stream().map(UUID::toString).toArray(String[]::new));
        assertThat(after.jsonPath().getList("lines.funded", Boolean.class)).containsExactly(true, true, false, false);
        assertThat(after.jsonPath().getObject("funded", BigDecimal.class)).isEqualByComparingTo("1700000.00");
    }

    /**
     * A call whose window has ended closes by itself (the deadline job), once: two more closers
     * racing the job (as two instances would) leave one closure in the audit trail.
     */
    @Test
    @TestSecurity(user = "rev-industry", roles = "reviewer")
    @OidcSecurity(claims = @Claim(key = "department", value = "industry"))
    void aCallClosesByItselfWhenItsWindowEndsAndOnlyOnce() throws Throwable {
        Response opened = api().contentType(ContentType.JSON)
                .body("{\"programme\": \"" + PROGRAMME + "\", \"titleZh\": \"已截止的批次\","
                        + " \"opensAt\": \"" + Instant.now().minus(Duration.ofHours(2)) + "\","
                        + " \"closesAt\": \"" + Instant.now().minusSeconds(1) + "\","
                        + " \"criteria\": [{\"code\": \"innovation\", \"nameZh\": \"创新性\", \"weight\": 100}]}")
                .when()
                .post("/calls");
        assertThat(opened.statusCode()).as(opened.asString()).isEqualTo(201);
        assertThat(opened.jsonPath().getString("status")).isEqualTo("OPEN");
        assertThat(opened.jsonPath().getBoolean("accepting")).isFalse();
        UUID call = UUID.fromString(opened.jsonPath().getString("id"));

        // two closers at once beside the scheduled job
        List<CompletableFuture<Boolean>> racers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            racers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return VertxContextSupport.subscribeAndAwait(() -> calls.closeEnded(
                            call,
                            Instant.now(),
                            new AuditContext(
                                    "racer",
                                    AuditContext.SERVICE_ROLE,
                                    UUID.randomUUID().toString())));
                } catch (Throwable t) {
                    return false; // lost the race on the row's version
                }
            }));
        }
        racers.forEach(CompletableFuture::join);

        Awaitility.await("the call is closed")
                .atMost(Duration.ofSeconds(30))
                .until(() -> "CLOSED"
                        .equals(api().when().get("/calls/" + call).jsonPath().getString("status")));
        assertThat(driver.count(
                        "SELECT count(*) FROM audit_entry WHERE subject = ? AND action = 'call.close'",
                        call.toString()))
                .as("closed once")
                .isEqualTo(1);
        Thread.sleep(2_500); // a round of the job after the close
        assertThat(VertxContextSupport.<Integer>subscribeAndAwait(() -> job.closeCalls(Instant.now())))
                .as("nothing left to close")
                .isZero();
        assertThat(driver.count(
                        "SELECT count(*) FROM audit_entry WHERE subject = ? AND action = 'call.close'",
                        call.toString()))
                .isEqualTo(1);
    }

    /** An open call's window ends while it is open: the deadline job closes it, in the audit trail as its own. */
    @Test
    @TestSecurity(user = "rev-industry", roles = "reviewer")
    @OidcSecurity(claims = @Claim(key = "department", value = "industry"))
    void theDeadlineJobClosesACallWhenItsWindowEnds() throws Throwable {
        Response opened = api().contentType(ContentType.JSON)
                .body("{\"programme\": \"" + PROGRAMME + "\", \"titleZh\": \"三秒批次\","
                        + " \"opensAt\": \"" + Instant.now().minusSeconds(60) + "\","
                        + " \"closesAt\": \"" + Instant.now().plusSeconds(3) + "\","
                        + " \"criteria\": [{\"code\": \"innovation\", \"nameZh\": \"创新性\", \"weight\": 100}]}")
                .when()
                .post("/calls");
        assertThat(opened.statusCode()).as(opened.asString()).isEqualTo(201);
        assertThat(opened.jsonPath().getBoolean("accepting")).isTrue();
        UUID call = UUID.fromString(opened.jsonPath().getString("id"));
        Awaitility.await("the job closes the call once its window is over")
                .atMost(Duration.ofSeconds(30))
                .until(() -> "CLOSED"
                        .equals(api().when().get("/calls/" + call).jsonPath().getString("status")));
        assertThat(driver.count(
                        "SELECT count(*) FROM audit_entry WHERE subject = ? AND action = 'call.close'"
                                + " AND actor_id = 'applications.deadline-job' AND actor_role = ?",
                        call.toString(),
                        AuditContext.SERVICE_ROLE))
                .isEqualTo(1);
    }
}
