package io.grantflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What an outside tester tries with real tokens from the real Keycloak: tokens that name only the
 * services their client calls, invalid tokens refused locally and quietly, password guessing
 * locked out, and the edge's answers (limits, rates, headers) as problem documents.
 */
@ExtendWith(Suite.class)
class SecurityIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN_URL = Suite.REALM + "/protocol/openid-connect/token";

    private static JsonNode claims(String token) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }

    private static List<String> audiences(String token) throws Exception {
        JsonNode aud = claims(token).get("aud");
        List<String> list = new ArrayList<>();
        if (aud == null) {
            return list;
        }
        if (aud.isArray()) {
            aud.forEach(a -> list.add(a.asText()));
        } else {
            list.add(aud.asText());
        }
        return list;
    }

    private static void assertProblem(Response r, int status) {
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.jsonPath().getInt("status")).isEqualTo(status);
        assertThat(r.jsonPath().getString("title")).contains(" / ");
        assertThat(r.asString())
                .doesNotContain("Exception")
                .doesNotContain("quarkus")
                .doesNotContain("@Consumes");
    }

    @Test
    void eachClientsTokenNamesOnlyTheServicesItCallsAndAServiceRefusesATokenWithoutItsOwnAudience() throws Exception {
        String agency = Suite.clientToken("agency-industry");
        // notifications for its webhooks (ADR 0021), disbursement for its milestones (ADR 0024)
        assertThat(audiences(agency))
                .containsExactlyInAnyOrder(
                        "applications-service",
                        "eligibility-service",
                        "budget-service",
                        "disbursement-service",
                        "notifications-service");
        assertThat(Api.as(agency)
                        .get(Suite.url("applications") + "/applications")
                        .statusCode())
                .isEqualTo(200);
        assertThat(Api.as(agency)
                        .get(Suite.url("disbursement") + "/payment-plans")
                        .statusCode())
                .isEqualTo(200);
        assertThat(Api.as(agency)
                        .get(Suite.url("notifications") + "/webhooks/subscriptions")
                        .statusCode())
                .isEqualTo(200);

        // an operator's token for the applications service alone: the others do not know it
        String probe = Suite.clientToken("audience-probe");
        assertThat(audiences(probe)).containsExactly("applications-service");
        assertThat(Api.as(probe)
                        .get(Suite.url("applications") + "/applications")
                        .statusCode())
                .isEqualTo(200);
        assertProblem(Api.as(probe).get(Suite.url("disbursement") + "/payments"), 401);
        assertProblem(Api.as(probe).get(Suite.url("budget") + "/budgets/" + Api.fiscalYear()), 401);

        String finance = Suite.clientToken("agency-finance");
        assertThat(audiences(finance)).contains("disbursement-service", "notifications-service");
        assertThat(Api.as(finance).get(Suite.url("disbursement") + "/payments").statusCode())
                .isEqualTo(200);

        // the demo CLI (password grant, local only) reaches all five
        assertThat(audiences(Suite.userToken("ent-alpha"))).hasSize(5);
    }

    @Test
    void aServiceHasNoTokenOfItsOwnAndOnlyTheLocalDemoClientTakesPasswords() {
        Response service = RestAssured.given()
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", "applications-service")
                .formParam("client_secret", "applications-service-secret")
                .post(TOKEN_URL);
        assertThat(service.statusCode()).as(service.asString()).isIn(400, 401);
        for (String client : List.of("grantflow-web", "agency-industry")) {
            Response password = RestAssured.given()
                    .formParam("grant_type", "password")
                    .formParam("client_id", client)
                    .formParam("client_secret", client + "-secret")
                    .formParam("username", "ent-alpha")
                    .formParam("password", "demo")
                    .post(TOKEN_URL);
            assertThat(password.statusCode())
                    .as(client + ": " + password.asString())
                    .isIn(400, 401);
            assertThat(password.jsonPath().getString("error")).isIn("unauthorized_client", "invalid_client");
        }
    }

    @Test
    void accessTokensLiveFiveMinutes() throws Exception {
        JsonNode c = claims(Suite.userToken("rev-industry"));
        assertThat(c.get("exp").asLong() - c.get("iat").asLong()).isEqualTo(300);
        JsonNode agency = claims(Suite.clientToken("agency-science"));
        assertThat(agency.get("exp").asLong() - agency.get("iat").asLong()).isEqualTo(300);
    }

    @Test
    void invalidTokensAreRefusedLocallyWithoutAnErrorLineOrACallToKeycloak() throws Exception {
        Path log = Suite.root().resolve("e2e/target/service-logs/applications.log");
        long before = Files.size(log);
        String real = Suite.userToken("ent-alpha");
        String[] parts = real.split("\\.");
        String forgedHeader = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        "{\"alg\":\"RS256\",\"kid\":\"nobody\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        List<String> invalid = List.of(
                "not-a-token",
                parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 4)
                        + "AAAA", // bad signature
                forgedHeader + "." + parts[1] + "." + parts[2]); // unknown key
        for (int round = 0; round < 20; round++) {
            for (String token : invalid) {
                assertProblem(Api.as(token).get(Suite.url("applications") + "/applications"), 401);
            }
        }
        Thread.sleep(500);
        byte[] all = Files.readAllBytes(log);
        String appended = new String(all, (int) before, all.length - (int) before, StandardCharsets.UTF_8);
        assertThat(appended)
                .as("the service's log after 60 invalid tokens")
                .doesNotContain(" ERROR ")
                .doesNotContainIgnoringCase("introspect");
    }

    @Test
    void repeatedWrongPasswordsLockTheAccountAgainstEvenTheRightOne() {
        for (int i = 0; i < 6; i++) {
            Response wrong = RestAssured.given()
                    .formParam("grant_type", "password")
                    .formParam("client_id", "grantflow-cli")
                    .formParam("username", "lockout-probe")
                    .formParam("password", "guess-" + i)
                    .post(TOKEN_URL);
            assertThat(wrong.statusCode()).isIn(400, 401);
            assertThat(wrong.jsonPath().getString("error")).isEqualTo("invalid_grant");
        }
        Response right = RestAssured.given()
                .formParam("grant_type", "password")
                .formParam("client_id", "grantflow-cli")
                .formParam("username", "lockout-probe")
                .formParam("password", "demo")
                .post(TOKEN_URL);
        assertThat(right.statusCode())
                .as("locked out for now: " + right.asString())
                .isNotEqualTo(200);
    }

    @Test
    void everyAnswerOfTheEdgeIsAProblemDocumentWithSecurityHeaders() {
        String alpha = Suite.userToken("ent-alpha");
        String base = Suite.url("applications");
        Response ok = Api.as(alpha).get(base + "/applications");
        assertThat(ok.header("Cache-Control")).isEqualTo("no-store");
        assertThat(ok.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(ok.header("Referrer-Policy")).isEqualTo("no-referrer");

        assertProblem(RestAssured.given().get(base + "/applications"), 401);
        assertProblem(Api.as(alpha).get(base + "/applications/not-a-uuid"), 400);
        assertThat(Api.as(alpha)
                        .get(base + "/applications/not-a-uuid")
                        .jsonPath()
                        .getString("errors[0].field"))
                .isEqualTo("id");
        assertProblem(Api.as(alpha).queryParam("status", "BOGUS").get(base + "/applications"), 400);
        assertProblem(Api.as(alpha).queryParam("limit", "100000").get(base + "/applications"), 400);
        assertProblem(Api.as(alpha).delete(base + "/applications"), 405);
        assertProblem(
                RestAssured.given().auth().oauth2(alpha).accept("text/html").get(base + "/applications"), 406);
        assertProblem(
                RestAssured.given()
                        .auth()
                        .oauth2(alpha)
                        .contentType("text/plain")
                        .body("x")
                        .post(base + "/applications"),
                415);
        assertProblem(Api.as(alpha).queryParam("x", "a".repeat(5000)).get(base + "/applications"), 414);
        Response tooLarge = Api.as(alpha)
                .body("{\"programme\": \"" + "x".repeat(2_000_000) + "\"}")
                .post(base + "/applications");
        assertProblem(tooLarge, 413);
        assertThat(tooLarge.asString().length())
                .as("nothing of the input echoed")
                .isLessThan(1000);
        Response nullBody = Api.as(alpha).body("null").post(base + "/applications");
        assertProblem(nullBody, 400);
        assertThat(nullBody.jsonPath().getString("errors[0].field"))
                .as("the body itself, not a Java name")
                .isEqualTo("$");
        Response echo = Api.as(alpha)
                .body(Map.of("programme", "S4-EDGE-COMPUTE", "district", "d".repeat(100_000), "facts", Map.of()))
                .post(base + "/applications");
        assertProblem(echo, 400);
        assertThat(echo.asString().length())
                .as("a 100 kB input is not echoed back")
                .isLessThan(2000);
    }

    /** A chunked body's size shows only while it is read; the edge asks for Content-Length instead of an empty 413. */
    @Test
    void aChunkedBodyIsRefusedWithAProblemAskingForItsLength() throws Exception {
        String alpha = Suite.userToken("ent-alpha");
        byte[] body = "{\"programme\":\"S4-EDGE-COMPUTE\",\"district\":\"xinwu\",\"facts\":{}}"
                .getBytes(StandardCharsets.UTF_8);
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (String url : List.of(Suite.url("applications") + "/applications", Suite.url("budget") + "/block-grants")) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + alpha)
                    .header("Content-Type", "application/json")
                    // an input stream has no known length: the client sends it chunked
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                    .build();
            HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(411);
            assertThat(answer.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            JsonNode problem = JSON.readTree(answer.body());
            assertThat(problem.path("code").asText()).isEqualTo("LENGTH_REQUIRED");
            assertThat(problem.path("detail").asText())
                    .contains("Content-Length")
                    .contains(" / ");
        }
    }

    @Test
    void theLocationOfACreatedApplicationComesFromConfigurationNotFromTheHostHeader() {
        String alpha = Suite.userToken("ent-alpha");
        Response created = Api.as(alpha)
                .header("Host", "evil.example")
                .body(Map.of(
                        "programme",
                        Api.EDGE,
                        "district",
                        "xinwu",
                        "facts",
                        Map.of("edge_purchase_cost", 10_000),
                        "commitmentVersion",
                        Api.commitmentVersion(alpha)))
                .post(Suite.url("applications") + "/applications");
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        assertThat(created.header("Location"))
                .isEqualTo(Suite.url("applications") + "/applications/"
                        + created.jsonPath().getString("id"));
    }

    @Test
    void aCallerOverItsRateLimitIsToldWhenToComeBack() throws Exception {
        String beta = Suite.userToken("ent-beta");
        HttpClient http = HttpClient.newBuilder()
                .executor(Executors.newFixedThreadPool(8))
                .build();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            answers.add(pool.submit(() -> http.send(
                    HttpRequest.newBuilder(URI.create(Suite.url("eligibility") + "/programmes?limit=1"))
                            .header("Authorization", "Bearer " + beta)
                            .build(),
                    HttpResponse.BodyHandlers.ofString())));
        }
        int limited = 0;
        for (Future<HttpResponse<String>> f : answers) {
            HttpResponse<String> r = f.get(60, TimeUnit.SECONDS);
            if (r.statusCode() == 429) {
                limited++;
                assertThat(r.headers().firstValue("Retry-After")).isPresent();
                assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
                assertThat(JSON.readTree(r.body()).get("code").asText()).isEqualTo("TOO_MANY_REQUESTS");
            } else {
                assertThat(r.statusCode()).isEqualTo(200);
            }
        }
        pool.shutdown();
        assertThat(limited).as("requests over the burst of 200").isPositive();
        // another caller is not held back by this one
        assertThat(Api.as(Suite.userToken("ent-alpha"))
                        .get(Suite.url("eligibility") + "/programmes?limit=1")
                        .statusCode())
                .isEqualTo(200);
        Thread.sleep(4_500); // the bucket refills (50 a second) before another test acts as ent-beta
    }
}
