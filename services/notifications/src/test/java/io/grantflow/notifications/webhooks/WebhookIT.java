package io.grantflow.notifications.webhooks;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.grantflow.contracts.CloudEventHeaders;
import io.grantflow.contracts.MessageType;
import io.grantflow.contracts.Topics;
import io.grantflow.contracts.events.ApplicationStatusChangedV1;
import io.grantflow.notifications.domain.WebhookSignature;
import io.grantflow.platform.catalogue.ProgrammeDirectory;
import io.grantflow.platform.testing.CatalogueFixture;
import io.grantflow.platform.testing.KafkaTopicsResource;
import io.grantflow.platform.testing.TestKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A partner agency registers a webhook; application events on the real broker become signed
 * deliveries to a small HTTP server inside the test, which fails twice before it accepts: the
 * third attempt is delivered, once per event even when the event comes twice, and a replay sends
 * it again with the same webhook-id.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTopicsResource.class)
class WebhookIT {
    private static final String APPLICANT = "91320214AY4CL12T29";
    /** In the catalogue fixture, administered by the department industry. */
    private static final String INDUSTRY_PROGRAMME = "S4-EDGE-COMPUTE";

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    ObjectMapper json;

    @Inject
    ProgrammeDirectory directory;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String dbUser;

    @ConfigProperty(name = "quarkus.datasource.password")
    String dbPassword;

    /** One request the receiver got. */
    record Received(String path, String id, String timestamp, String signature, String contentType, String body) {}

    private HttpServer receiver;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> triesById = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws Exception {
        if (!directory.find(INDUSTRY_PROGRAMME).isPresent()) {
            CatalogueFixture.publish(json, directory);
        }
        // subscriptions of earlier runs point at receivers long gone
        sql("DELETE FROM webhook_subscription");
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // fails the first two attempts of each delivery, then accepts
        receiver.createContext("/flaky", exchange -> {
            Received r = read(exchange);
            int tries =
                    triesById.computeIfAbsent(r.id(), k -> new AtomicInteger()).incrementAndGet();
            answer(exchange, tries <= 2 ? 503 : 204);
        });
        receiver.createContext("/down", exchange -> {
            read(exchange);
            answer(exchange, 500);
        });
        receiver.start();
    }

    @AfterEach
    void stop() throws SQLException {
        receiver.stop(0);
        sql("DELETE FROM webhook_subscription");
    }

    private Received read(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        var h = exchange.getRequestHeaders();
        Received r = new Received(
                exchange.getRequestURI().getPath(),
                h.getFirst("webhook-id"),
                h.getFirst("webhook-timestamp"),
                h.getFirst("webhook-signature"),
                h.getFirst("content-type"),
                body);
        received.add(r);
        return r;
    }

    private static void answer(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    private List<Received> receivedBy(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
                Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private long count(String query, Object param) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
                PreparedStatement s = c.prepareStatement(query)) {
            s.setObject(1, param);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static JsonPath register(String url) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("url", url, "eventTypes", List.of("application.status_changed"), "description", "测试 test"))
                .when()
                .post("/webhooks/subscriptions")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }

    /** Sends an application's approval; returns the CloudEvents headers sent (the event id among them). */
    private final Map<String, String> payloads = new ConcurrentHashMap<>();

    private Map<String, String> approve(UUID applicationId) throws Exception {
        ApplicationStatusChangedV1 change = new ApplicationStatusChangedV1(
                applicationId,
                APPLICANT,
                INDUSTRY_PROGRAMME,
                "IN_ANNOUNCEMENT",
                "APPROVED",
                "close_announcement",
                new BigDecimal("300000.00"),
                null,
                null,
                "contact-secret@enterprise.test",
                UUID.randomUUID(),
                "industry",
                Instant.now());
        Map<String, String> headers = TestKafka.cloudEventHeaders(
                MessageType.APPLICATION_STATUS_CHANGED_V1.ceType(),
                UUID.randomUUID().toString(),
                applicationId.toString());
        String payload = json.writeValueAsString(change);
        payloads.put(headers.get(CloudEventHeaders.ID), payload);
        TestKafka.send(
                KafkaTopicsResource.bootstrapServers(),
                TestKafka.record(
                        KafkaTopicsResource.topic(Topics.APPLICATION_EVENTS),
                        applicationId.toString(),
                        payload,
                        headers));
        return headers;
    }

    private static void assertSigned(Received r, String... secrets) {
        assertThat(r.id()).isNotBlank();
        assertThat(r.contentType()).startsWith("application/json");
        long timestamp = Long.parseLong(r.timestamp());
        assertThat(Math.abs(Instant.now().getEpochSecond() - timestamp)).isLessThan(300);
        assertThat(r.signature()).startsWith("v1,");
        for (String secret : secrets) {
            assertThat(WebhookSignature.verify(secret, r.id(), timestamp, r.body(), r.signature()))
                    .as("signed with %s", secret.substring(0, 10))
                    .isTrue();
        }
    }

    @Test
    @TestSecurity(user = "service-account-agency-industry", roles = "reviewer")
    @OidcSecurity(
            claims = {
                @Claim(key = "department", value = "industry"),
                @Claim(key = "client_id", value = "agency-industry")
            })
    void aDeliveryFailsTwiceThenArrivesSignedOncePerEventAndAReplaySendsItAgainWithTheSameId() throws Exception {
        JsonPath created = register(url("/flaky"));
        String subscription = created.getString("subscription.id");
        String secret = created.getString("secret");
        assertThat(secret).startsWith("whsec_");
        assertThat(created.getString("subscription.department")).isEqualTo("industry");
        // the secret is shown once: never again
        String shown = given().get("/webhooks/subscriptions/" + subscription)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(shown).doesNotContain(secret.substring(6));

        UUID applicationId = UUID.randomUUID();
        Map<String, String> sent = approve(applicationId);
        String eventId = sent.get(CloudEventHeaders.ID);

        Awaitility.await("the third attempt accepted")
                .atMost(WAIT)
                .until(() -> receivedBy("/flaky").size() >= 3);
        List<Received> attempts = receivedBy("/flaky");
        assertThat(attempts)
                .extracting(Received::id)
                .containsOnly(attempts.get(0).id());
        for (Received r : attempts) {
            assertSigned(r, secret);
        }
        JsonNode body = json.readTree(attempts.get(2).body());
        assertThat(body.path("type").asText()).isEqualTo("application.status_changed");
        assertThat(body.path("id").asText()).isEqualTo(eventId);
        assertThat(body.path("data").path("applicationId").asText()).isEqualTo(applicationId.toString());
        assertThat(body.path("data").path("status").asText()).isEqualTo("APPROVED");
        assertThat(body.path("data").path("amount").asText()).isEqualTo("300000.00");
        // nothing of the applicant's contact
        assertThat(attempts.get(2).body()).doesNotContain("contact-secret");
        // every retry sends the same bytes
        assertThat(attempts)
                .extracting(Received::body)
                .containsOnly(attempts.get(0).body());

        String deliveryId = attempts.get(0).id();
        Awaitility.await("the delivery marked delivered")
                .atMost(WAIT)
                .until(() -> "DELIVERED"
                        .equals(given().get("/webhooks/subscriptions/" + subscription + "/deliveries")
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath()
                                .getString("items[0].status")));
        JsonPath log = given().get("/webhooks/subscriptions/" + subscription + "/deliveries/" + deliveryId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(log.getInt("delivery.attempts")).isEqualTo(3);
        assertThat(log.getString("delivery.eventId")).isEqualTo(eventId);
        assertThat(log.getList("attempts.statusCode", Integer.class)).containsExactly(204, 503, 503);
        assertThat(log.getList("attempts.durationMs", Integer.class)).allMatch(ms -> ms >= 0);

        // The same event again: the inbox knows it, and the unique key would refuse a second delivery.
        TestKafka.send(
                KafkaTopicsResource.bootstrapServers(),
                TestKafka.record(
                        KafkaTopicsResource.topic(Topics.APPLICATION_EVENTS),
                        applicationId.toString(),
                        payloads.get(eventId),
                        sent));
        UUID later = UUID.randomUUID();
        approve(later);
        Awaitility.await("the later event's delivery")
                .atMost(WAIT)
                .until(() ->
                        count("SELECT count(*) FROM webhook_delivery WHERE subscription_id = ?::uuid", subscription)
                                == 2);
        assertThat(count("SELECT count(*) FROM webhook_delivery WHERE event_id = ?", eventId))
                .isEqualTo(1);
        assertThatThrownBy(() -> sql("INSERT INTO webhook_delivery (id, subscription_id, event_id, event_type, payload,"
                        + " status, next_attempt_at, window_start, created_at) VALUES (gen_random_uuid(), '"
                        + subscription + "', '" + eventId + "', 'application.status_changed', '{}', 'PENDING', now(),"
                        + " now(), now())"))
                .hasMessageContaining("webhook_delivery_once");

        // A replay: the same webhook-id and body, a new signature; the receiver fails it twice again.
        triesById.remove(deliveryId);
        int before = receivedBy("/flaky").size();
        given().post("/webhooks/subscriptions/" + subscription + "/deliveries/" + deliveryId + "/replay")
                .then()
                .statusCode(202);
        Awaitility.await("the replay accepted")
                .atMost(WAIT)
                .until(() -> receivedBy("/flaky").stream()
                                .filter(r -> r.id().equals(deliveryId))
                                .count()
                        >= 6);
        List<Received> replayed = receivedBy("/flaky")
                .subList(before, receivedBy("/flaky").size())
                .stream()
                .filter(r -> r.id().equals(deliveryId))
                .toList();
        assertThat(replayed)
                .extracting(Received::body)
                .containsOnly(attempts.get(0).body());
        replayed.forEach(r -> assertSigned(r, secret));

        // A rotation: during the overlap each delivery carries both signatures.
        JsonPath rotated = given().post("/webhooks/subscriptions/" + subscription + "/rotate-secret")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        String next = rotated.getString("secret");
        assertThat(next).startsWith("whsec_").isNotEqualTo(secret);
        assertThat(rotated.getString("previousSecretValidUntil")).isNotBlank();
        triesById.remove(deliveryId);
        int beforeRotation = receivedBy("/flaky").size();
        given().post("/webhooks/subscriptions/" + subscription + "/deliveries/" + deliveryId + "/replay")
                .then()
                .statusCode(202);
        Awaitility.await("the replay after the rotation")
                .atMost(WAIT)
                .until(() -> receivedBy("/flaky").size() > beforeRotation);
        Received afterRotation = receivedBy("/flaky").get(beforeRotation);
        assertThat(afterRotation.signature().split(" ")).hasSize(2);
        assertSigned(afterRotation, next, secret);
    }

    @Test
    @TestSecurity(user = "service-account-agency-industry", roles = "reviewer")
    @OidcSecurity(
            claims = {
                @Claim(key = "department", value = "industry"),
                @Claim(key = "client_id", value = "agency-industry")
            })
    void aReceiverThatNeverAcceptsIsParkedForOperatorsAndShownFailedToTheAgency() throws Exception {
        String subscription = register(url("/down")).getString("subscription.id");
        approve(UUID.randomUUID());
        // five attempts (the test schedule), then parked
        Awaitility.await("the delivery given up")
                .atMost(WAIT)
                .until(() -> "FAILED"
                        .equals(given().get("/webhooks/subscriptions/" + subscription + "/deliveries")
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath()
                                .getString("items[0].status")));
        JsonPath page = given().get("/webhooks/subscriptions/" + subscription + "/deliveries")
                .then()
                .extract()
                .jsonPath();
        assertThat(page.getInt("items[0].attempts")).isEqualTo(5);
        assertThat(page.getString("items[0].lastError")).isEqualTo("HTTP 500");
        assertThat(receivedBy("/down")).hasSize(5);
    }

    @Test
    @TestSecurity(user = "ops", roles = "operator")
    void operatorsSeeParkedDeliveriesAndUnparkThem() throws Exception {
        UUID id = UUID.randomUUID();
        sql("INSERT INTO webhook_subscription (id, department, created_by, url, event_types, secret, created_at)"
                + " VALUES ('" + id + "', 'industry', 'agency-industry', '" + url("/flaky")
                + "', 'application.status_changed', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', now())");
        UUID delivery = UUID.randomUUID();
        sql("INSERT INTO webhook_delivery (id, subscription_id, event_id, event_type, payload, status, attempts,"
                + " next_attempt_at, window_start, last_error, parked_at, created_at) VALUES ('" + delivery + "', '"
                + id
                + "', 'e-" + delivery + "', 'application.status_changed', '{}', 'PENDING', 5, now(), now(),"
                + " 'HTTP 500', now(), now())");
        JsonPath parked = given().get("/workers/webhooks/parked")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(parked.getString("worker")).isEqualTo("webhooks");
        assertThat(parked.getList("items.id")).contains(delivery.toString());
        given().get("/workers/nothing/parked").then().statusCode(400).body("errors[0].field", equalTo("worker"));
        given().post("/workers/webhooks/parked/" + delivery + "/retry").then().statusCode(204);
        given().post("/workers/webhooks/parked/" + delivery + "/retry").then().statusCode(404);
        // unparked with a fresh window: the receiver fails it twice and takes the third
        Awaitility.await("the unparked delivery sent")
                .atMost(WAIT)
                .until(() -> receivedBy("/flaky").stream()
                                .filter(r -> r.id().equals(delivery.toString()))
                                .count()
                        >= 3);
        given().get("/workers/mail/parked").then().statusCode(200);
    }

    @Test
    @TestSecurity(user = "service-account-agency-industry", roles = "reviewer")
    @OidcSecurity(
            claims = {
                @Claim(key = "department", value = "industry"),
                @Claim(key = "client_id", value = "agency-industry")
            })
    void aSubscriptionIsRefusedFieldByFieldWithBothLanguages() {
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "url",
                        "https://evil.example.com/in",
                        "eventTypes",
                        List.of("application.status_changed", "nope")))
                .post("/webhooks/subscriptions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("url", "eventTypes[1]"))
                .body("errors[0].messageZh", containsString("允许"))
                .body("errors[0].messageEn", containsString("allow-list"));
        given().contentType(ContentType.JSON)
                .body(Map.of("url", "http://hooks.agency.test/in", "eventTypes", List.of("application.status_changed")))
                .post("/webhooks/subscriptions")
                .then()
                .statusCode(400)
                .body("errors[0].messageEn", equalTo("must use https"));
        given().contentType(ContentType.JSON)
                .body(Map.of("eventTypes", List.of()))
                .post("/webhooks/subscriptions")
                .then()
                .statusCode(400)
                .body("errors.field", hasItems("url", "eventTypes"));
        // every fault in one answer: Bean Validation's and the URL's and event types' own checks
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "url",
                        "ftp://hooks.agency.test/in",
                        "eventTypes",
                        List.of("nope", ""),
                        "description",
                        "\u0007"))
                .post("/webhooks/subscriptions")
                .then()
                .statusCode(400)
                .body("errors.field", containsInAnyOrder("description", "url", "eventTypes[0]", "eventTypes[1]"));
        given().queryParam("limit", "500").get("/webhooks/subscriptions").then().statusCode(400);
    }

    @Test
    @TestSecurity(user = "service-account-agency-science", roles = "reviewer")
    @OidcSecurity(
            claims = {@Claim(key = "department", value = "science"), @Claim(key = "client_id", value = "agency-science")
            })
    void anotherDepartmentsSubscriptionIsNotFound() throws Exception {
        UUID id = UUID.randomUUID();
        sql("INSERT INTO webhook_subscription (id, department, created_by, url, event_types, secret, created_at)"
                + " VALUES ('" + id + "', 'industry', 'agency-industry', 'https://hooks.agency.test/in',"
                + " 'application.status_changed', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', now())");
        given().get("/webhooks/subscriptions/" + id).then().statusCode(404);
        given().delete("/webhooks/subscriptions/" + id).then().statusCode(404);
        given().post("/webhooks/subscriptions/" + id + "/rotate-secret").then().statusCode(404);
        given().get("/webhooks/subscriptions/" + id + "/deliveries").then().statusCode(404);
        given().get("/webhooks/subscriptions").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    @TestSecurity(user = "reviewer-person", roles = "reviewer")
    @OidcSecurity(claims = @Claim(key = "department", value = "industry"))
    void aPersonsTokenManagesNoWebhooks() {
        given().get("/webhooks/subscriptions").then().statusCode(403).body("code", equalTo("NOT_AN_AGENCY_CLIENT"));
    }
}
