package io.grantflow.applications.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.applications.application.SubmitApplication;
import io.grantflow.applications.application.audit.AuditContext;
import io.grantflow.applications.application.commitment.CreditCommitments;
import io.grantflow.applications.application.procedure.RunProcedure;
import io.grantflow.applications.domain.audit.AuditChain;
import io.grantflow.applications.domain.procedure.Actor;
import io.grantflow.contracts.CloudEventHeaders;
import io.grantflow.contracts.MessageType;
import io.grantflow.contracts.Topics;
import io.grantflow.contracts.commands.ReserveFundsV1;
import io.grantflow.contracts.events.ApplicationStatusChangedV1;
import io.grantflow.contracts.events.ApplicationSubmittedV1;
import io.grantflow.contracts.events.LimitClaim;
import io.grantflow.contracts.vocabulary.LimitKind;
import io.grantflow.contracts.vocabulary.Vocabulary;
import io.grantflow.platform.catalogue.ProgrammeDirectory;
import io.grantflow.platform.rest.ProblemException;
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
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Applications over HTTP against the real database and broker. The tests follow one application
 * through its life, each step as the person who takes it: the enterprise submits it, another
 * enterprise looks for it, reviewers of two departments decide on it. They run in order and share
 * that application.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTopicsResource.class)
class ApplicationResourceIT {
    private static final String ALPHA = "91320214AY4CL12T29";
    private static final String ALPHA_EMAIL = "alpha@enterprise.test";
    private static final String BETA = "913202117BYC46N175";
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** A complete submission but for the credit commitment, which {@link #valid()} adds. */
    private static final String WITHOUT_COMMITMENT = """
            {"programme": "S4-EDGE-COMPUTE", "district": "binhu",
             "facts": {"edge_purchase_cost": 1000000}}""";

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
    ProcedureDriver driver;

    /** Submissions are checked against the catalogue as eligibility publishes it: publish it first. */
    @BeforeEach
    void catalogue() {
        if (!directory.known()) {
            CatalogueFixture.publish(json, directory);
        }
    }

    private static RequestSpecification api() {
        return given().config(RestAssured.config()
                .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL)));
    }

    /** A complete submission, accepting the credit commitment in force. */
    private String valid() {
        return """
                {"programme": "S4-EDGE-COMPUTE", "district": "binhu",
                 "facts": {"edge_purchase_cost": 1000000}, "commitmentVersion": "%s"}""".formatted(commitments.current().version());
    }

    private String commitment() {
        return "{\"commitmentVersion\": \"" + commitments.current().version() + "\"}";
    }

    /**
     * 保存草稿: an enterprise saves unfinished work (a fact left out), the facts it gives are
     * checked as always, it cannot submit the draft before it is complete, and it submits it once
     * it is.
     */
    @Test
    @TestSecurity(user = "ent-alpha", roles = "enterprise")
    @OidcSecurity(claims = {@Claim(key = "enterprise_id", value = ALPHA)})
    void aDraftIsSavedUnfinishedCheckedForWhatItGivesAndSubmittedOnlyComplete() throws SQLException {
        Response wrongType = api().contentType(ContentType.JSON)
                .body("{\"programme\": \"S4-EDGE-COMPUTE\", \"district\": \"binhu\","
                        + " \"facts\": {\"edge_purchase_cost\": \"lots\"}}")
                .post("/applications/drafts");
        assertThat(wrongType.statusCode()).as(wrongType.asString()).isEqualTo(400);
        assertThat(wrongType.jsonPath().getList("errors.field", String.class)).contains("facts.edge_purchase_cost");

        // no facts at all yet: saved all the same
        Response saved = api().contentType(ContentType.JSON)
                .body("{\"programme\": \"S4-EDGE-COMPUTE\", \"district\": \"binhu\"}")
                .post("/applications/drafts");
        assertThat(saved.statusCode()).as(saved.asString()).isEqualTo(201);
        assertThat(saved.jsonPath().getString("status")).isEqualTo("DRAFT");
        String id = saved.jsonPath().getString("id");

        Response early =
                api().contentType(ContentType.JSON).body(commitment()).post("/applications/" + id + "/submission");
        assertThat(early.statusCode()).as(early.asString()).isEqualTo(400);
        assertThat(early.jsonPath().getString("errors[0].field")).isEqualTo("facts.edge_purchase_cost");
        assertThat(early.jsonPath().getString("errors[0].code")).isEqualTo("MISSING_FACT");
        assertThat(api().get("/applications/" + id).jsonPath().getString("status"))
                .as("still a draft")
                .isEqualTo("DRAFT");

        String requestId = "edit-it-" + UUID.randomUUID();
        Response completed = api().contentType(ContentType.JSON)
                .header("X-Request-Id", requestId)
                .body("{\"district\": \"binhu\", \"facts\": {\"edge_purchase_cost\": 1000000}}")
                .put("/applications/" + id);
        assertThat(completed.statusCode()).as(completed.asString()).isEqualTo(200);
        // the edit is in the audit trail as the applicant's, correlated with the request (enterprises do not
        // read GET /audit: anEditOfADraftIsInTheAuditTrail reads it there)
        assertThat(count(
                        "SELECT count(*) FROM audit_entry WHERE subject = ? AND action = 'application.edit-draft'"
                                + " AND actor_id = 'ent-alpha' AND actor_role = 'enterprise' AND correlation_id = ?"
                                + " AND before_state::jsonb -> 'facts' = '{}'::jsonb"
                                + " AND after_state::jsonb -> 'facts' = '{\"edge_purchase_cost\": 1000000}'::jsonb",
                        id,
                        requestId))
                .isEqualTo(1);
        Response submitted =
                api().contentType(ContentType.JSON).body(commitment()).post("/applications/" + id + "/submission");
        assertThat(submitted.statusCode()).as(submitted.asString()).isEqualTo(200);
        assertThat(submitted.jsonPath().getString("status")).isEqualTo("SUBMITTED");
        // the commitment accepted is on the application's page (command answers leave it out, ADR 0026)
        assertThat(api().get("/applications/" + id).jsonPath().getString("commitment.version"))
                .isEqualTo(commitments.current().version());
    }

    /**
     * 审计 (issue #10): a draft's edit is in its audit trail as operators read it: the applicant, its
     * role, the request, the district, facts and contact address before and after, chained like
     * every other entry; an edit refused (the application submitted) records nothing, and the chain
     * verifies.
     */
    @Test
    @TestSecurity(user = "ops", roles = "operator")
    void anEditOfADraftIsInTheAuditTrail() throws Throwable {
        AuditContext alpha = new AuditContext("ent-alpha", "enterprise", "draft-" + UUID.randomUUID());
        UUID id = VertxContextSupport.subscribeAndAwait(() -> submit.draft(
                        new SubmitApplication.SubmitCommand(
                                ALPHA,
                                "enterprise",
                                "binhu",
                                "S4-EDGE-COMPUTE",
                                Map.of(),
                                ALPHA_EMAIL,
                                "ent-alpha",
                                null),
                        alpha,
                        null))
                .id();
        // the applicant's edit, through the use case its PUT runs (this test reads as an operator)
        String requestId = "edit-audit-" + UUID.randomUUID();
        VertxContextSupport.subscribeAndAwait(() -> submit.edit(
                id,
                ALPHA,
                "xinwu",
                Map.of("edge_purchase_cost", 800000),
                "grants@alpha.example",
                new AuditContext("ent-alpha", "enterprise", requestId)));

        Response page = api().queryParam("subject", id.toString()).get("/audit");
        assertThat(page.statusCode()).as(page.asString()).isEqualTo(200);
        List<Map<String, Object>> items = page.jsonPath().getList("items");
        assertThat(items)
                .extracting(e -> e.get("action"))
                .containsExactly("application.create-draft", "application.edit-draft");
        Map<String, Object> edit = items.get(1);
        assertThat(edit)
                .containsEntry("actorId", "ent-alpha")
                .containsEntry("actorRole", "enterprise")
                .containsEntry("subject", id.toString())
                .containsEntry("correlationId", requestId);
        Map<String, Object> before = json.readValue((String) edit.get("before"), Map.class);
        Map<String, Object> after = json.readValue((String) edit.get("after"), Map.class);
        assertThat(before)
                .containsEntry("status", "DRAFT")
                .containsEntry("district", "binhu")
                .containsEntry("facts", Map.of())
                .containsEntry("contactEmail", ALPHA_EMAIL);
        assertThat(after)
                .containsEntry("status", "DRAFT")
                .containsEntry("district", "xinwu")
                .containsEntry("contactEmail", "grants@alpha.example");
        assertThat(((Number) ((Map<?, ?>) after.get("facts")).get("edge_purchase_cost")).longValue())
                .isEqualTo(800000L);
        assertThat(AuditChain.hashOf(AuditResourceIT.entry(edit))).isEqualTo(edit.get("hash"));

        // submitted, the draft is no longer edited: refused, and nothing is recorded
        VertxContextSupport.subscribeAndAwait(() -> submit.submitDraft(
                id, Actor.enterprise("ent-alpha", ALPHA), commitments.current(), file -> {}, alpha, null));
        long entries = api().queryParam("subject", id.toString())
                .get("/audit")
                .jsonPath()
                .getLong("total");
        Throwable refused = catchThrowable(() -> VertxContextSupport.subscribeAndAwait(
                () -> submit.edit(id, ALPHA, "binhu", Map.of("edge_purchase_cost", 1), null, alpha)));
        assertThat(refused instanceof ProblemException ? refused : refused.getCause())
                .isInstanceOfSatisfying(
                        ProblemException.class, p -> assertThat(p.code()).isEqualTo("NOT_A_DRAFT"));
        assertThat(api().queryParam("subject", id.toString())
                        .get("/audit")
                        .jsonPath()
                        .getLong("total"))
                .isEqualTo(entries);

        Response verification = api().get("/audit/verification");
        assertThat(verification.statusCode()).as(verification.asString()).isEqualTo(200);
        assertThat(verification.jsonPath().getBoolean("intact"))
                .as(verification.asString())
                .isTrue();
    }

    /**
     * 信用承诺 (issue #10): a complete draft is not submitted without the credit commitment, whether
     * the body leaves the version out or sets it to null; the refusal names
     * the field in both languages and the draft stays as it was.
     */
    @Test
    @TestSecurity(user = "ent-alpha", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "enterprise_id", value = ALPHA))
    void aDraftIsNotSubmittedWithoutTheCreditCommitment() throws SQLException {
        Response saved =
                api().contentType(ContentType.JSON).body(WITHOUT_COMMITMENT).post("/applications/drafts");
        assertThat(saved.statusCode()).as(saved.asString()).isEqualTo(201);
        String id = saved.jsonPath().getString("id");
        long history = api().get("/applications/" + id + "/history").jsonPath().getLong("total");

        for (String body : List.of("{}", "{\"commitmentVersion\": null}")) {
            Response refused =
                    api().contentType(ContentType.JSON).body(body).post("/applications/" + id + "/submission");
            assertThat(refused.statusCode())
                    .as(body + ": " + refused.asString())
                    .isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.jsonPath().getString("errors[0].field")).as(body).isEqualTo("commitmentVersion");
            assertThat(refused.jsonPath().getString("errors[0].code")).isEqualTo("COMMITMENT_REQUIRED");
            assertThat(refused.jsonPath().getString("errors[0].messageZh")).contains("信用承诺书");
            assertThat(refused.jsonPath().getString("errors[0].messageEn")).contains("credit commitment");
        }

        Response read = api().get("/applications/" + id);
        assertThat(read.jsonPath().getString("status")).as("still a draft").isEqualTo("DRAFT");
        assertThat(read.jsonPath().getString("submittedAt")).isNull();
        assertThat(read.jsonPath().getString("commitment")).isNull();
        assertThat(api().get("/applications/" + id + "/history").jsonPath().getLong("total"))
                .as("no step recorded")
                .isEqualTo(history);
        assertThat(count("SELECT count(*) FROM application_commitment WHERE application_id = ?", UUID.fromString(id)))
                .isZero();
    }

    // Each test makes the application it needs through the use cases, so that no test depends on another's.

    /** A new SUBMITTED application of enterprise alpha. */
    private UUID submitted() throws Throwable {
        return driver.submitted();
    }

    /** A new application that eligibility found ELIGIBLE with a ceiling of 300,000.00 (its event on the real topic). */
    private UUID eligible() throws Throwable {
        return driver.eligible();
    }

    /** A new application the industry department's reviewer has taken for review. */
    private UUID underReview() throws Throwable {
        UUID id = eligible();
        driver.claim(id);
        return id;
    }

    private Connection db() throws SQLException {
        return driver.connection();
    }

    private long count(String sql, Object... params) throws SQLException {
        try (Connection c = db();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private String status(UUID id) throws SQLException {
        try (Connection c = db();
                PreparedStatement s = c.prepareStatement("SELECT status FROM application WHERE id = ?")) {
            s.setObject(1, id);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    private static List<ConsumerRecord<String, String>> read(
            String logicalTopic, UUID key, Predicate<List<ConsumerRecord<String, String>>> until) {
        return TestKafka.read(
                        KafkaTopicsResource.bootstrapServers(), KafkaTopicsResource.topic(logicalTopic), WAIT, until)
                .stream()
                .filter(r -> key.toString().equals(r.key()))
                .toList();
    }

    @Test
    @TestSecurity(user = "ent-alpha", roles = "enterprise")
    @OidcSecurity(claims = {@Claim(key = "enterprise_id", value = ALPHA), @Claim(key = "email", value = ALPHA_EMAIL)})
    void anApplicationsOwnContactAddressIsWhereItsNoticesGoAndAMalformedOneIsRefused() throws Exception {
        String contact = "grants-" + UUID.randomUUID() + "@alpha.example";
        Response created = api().contentType(ContentType.JSON)
                .body("""
                {"programme": "S4-EDGE-COMPUTE", "district": "binhu", "facts": {"edge_purchase_cost": 1000000},
                 "contactEmail": "%s", "commitmentVersion": "%s"}""".formatted(contact, commitments.current().version()))
                .when()
                .post("/applications");
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        UUID id = UUID.fromString(created.jsonPath().getString("id"));
        assertThat(count("SELECT count(*) FROM application WHERE id = ? AND contact_email = ?", id, contact))
                .isEqualTo(1);
        List<ConsumerRecord<String, String>> events = read(
                Topics.APPLICATION_EVENTS, id, records -> has(records, id, MessageType.APPLICATION_STATUS_CHANGED_V1));
        assertThat(ofType(events, MessageType.APPLICATION_STATUS_CHANGED_V1))
                .first()
                .satisfies(r -> assertThat(json.readValue(r.value(), ApplicationStatusChangedV1.class)
                                .contactEmail())
                        .isEqualTo(contact));

        long before = count("SELECT count(*) FROM application WHERE applicant_id = ?", ALPHA);
        for (String bad :
                List.of("no-at-sign", "a@b", "a b@c.example", "x".repeat(250) + "@c.example", "a\\u0000@c.example")) {
            Response refused = api().contentType(ContentType.JSON)
                    .body("""
                    {"programme": "S4-EDGE-COMPUTE", "district": "binhu", "facts": {"edge_purchase_cost": 1000000},
                     "contactEmail": "%s", "commitmentVersion": "%s"}""".formatted(bad, commitments.current().version()))
                    .when()
                    .post("/applications");
            assertThat(refused.statusCode()).as(bad).isEqualTo(400);
            assertThat(refused.jsonPath().getList("errors.field", String.class))
                    .as(bad)
                    .contains("contactEmail");
            assertThat(refused.asString()).as("not echoed").doesNotContain("x".repeat(100));
        }
        assertThat(count("SELECT count(*) FROM application WHERE applicant_id = ?", ALPHA))
                .isEqualTo(before);
    }

    @Test
    @TestSecurity(user = "ent-alpha", roles = "enterprise")
    @OidcSecurity(claims = {@Claim(key = "enterprise_id", value = ALPHA), @Claim(key = "email", value = ALPHA_EMAIL)})
    void aRefusedFieldReadsInChineseAndEnglishFromTheBundlesOfThePlatformAndTheService() {
        StringBuilder facts = new StringBuilder();
        for (int i = 0; i < 51; i++) {
            facts.append(i == 0 ? "" : ", ").append("\"f").append(i).append("\": 1");
        }
        Response refused = api().contentType(ContentType.JSON)
                .body("""
                {"district": "binhu", "facts": {%s}, "contactEmail": "%s@c.example"}""".formatted(facts, "x".repeat(250)))
                .when()
                .post("/applications");
        assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(400);
        // the platform's bundle: a required field and a text's length filled from the constraint
        assertThat(error(refused, "programme")).containsEntry("messageZh", "必填").containsEntry("messageEn", "required");
        assertThat(refused.jsonPath().getList("errors.findAll { it.field == 'contactEmail' }.messageZh", String.class))
                .contains("最多254个字符");
        assertThat(refused.jsonPath().getList("errors.findAll { it.field == 'contactEmail' }.messageEn", String.class))
                .contains("at most 254 characters");
        // the service's own bundle, merged with the platform's
        assertThat(error(refused, "facts"))
                .containsEntry("messageZh", "最多50项")
                .containsEntry("messageEn", "at most 50 facts");
        assertThat(refused.asString()).doesNotContain("{grantflow.").doesNotContain(" / required");
    }

    private static Map<String, Object> error(Response refused, String field) {
        List<Map<String, Object>> errors = refused.jsonPath().getList("errors");
        return errors.stream()
                .filter(e -> field.equals(e.get("field")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no error for " + field + ": " + refused.asString()));
    }

    private static boolean has(List<ConsumerRecord<String, String>> records, UUID key, MessageType type) {
        return records.stream()
                .anyMatch(r -> key.toString().equals(r.key())
                        && type.ceType().equals(TestKafka.header(r, CloudEventHeaders.TYPE)));
    }

    private static List<ConsumerRecord<String, String>> ofType(
            List<ConsumerRecord<String, String>> records, MessageType type) {
        return records.stream()
                .filter(r -> type.ceType().equals(TestKafka.header(r, CloudEventHeaders.TYPE)))
                .toList();
    }

    @Test
    @TestSecurity(user = "ent-alpha", roles = "enterprise")
    @OidcSecurity(claims = {@Claim(key = "enterprise_id", value = ALPHA), @Claim(key = "email", value = ALPHA_EMAIL)})
    void anEnterpriseSubmitsAnApplicationAndItIsStoredAndAnnounced() throws Exception {
        Response created =
                api().contentType(ContentType.JSON).body(valid()).when().post("/applications");

        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        UUID id = UUID.fromString(created.jsonPath().getString("id"));
        assertThat(created.header("Location")).endsWith("/applications/" + id);
        assertThat(created.jsonPath().getString("status")).isEqualTo("SUBMITTED");
        assertThat(created.jsonPath().getString("applicantId"))
                .as("taken from the token")
                .isEqualTo(ALPHA);
        assertThat(created.jsonPath().getString("statusZh")).isNotBlank();

        assertThat(count(
                        "SELECT count(*) FROM application WHERE id = ? AND applicant_id = ? AND status = 'SUBMITTED'"
                                + " AND contact_email = ? AND district = 'binhu'",
                        id,
                        ALPHA,
                        ALPHA_EMAIL))
                .isEqualTo(1);

        List<ConsumerRecord<String, String>> events = read(
                Topics.APPLICATION_EVENTS,
                id,
                records -> has(records, id, MessageType.APPLICATION_SUBMITTED_V1)
                        && has(records, id, MessageType.APPLICATION_STATUS_CHANGED_V1));
        assertThat(ofType(events, MessageType.APPLICATION_SUBMITTED_V1))
                .singleElement()
                .satisfies(r -> {
                    ApplicationSubmittedV1 submitted = json.readValue(r.value(), ApplicationSubmittedV1.class);
                    assertThat(submitted.applicationId()).isEqualTo(id);
                    assertThat(submitted.programme()).isEqualTo("S4-EDGE-COMPUTE");
                    assertThat(submitted.applicant().id()).isEqualTo(ALPHA);
                    assertThat(submitted.applicant().kind()).isEqualTo("enterprise");
                    assertThat(submitted.applicant().district()).isEqualTo("binhu");
                    assertThat(new BigDecimal(
                                    submitted.facts().get("edge_purchase_cost").toString()))
                            .isEqualByComparingTo("1000000");
                    assertThat(submitted.facts()).containsOnlyKeys("edge_purchase_cost");
                });
        // a submission straight away is a draft submitted in the same transaction: two steps, in order
        assertThat(ofType(events, MessageType.APPLICATION_STATUS_CHANGED_V1))
                .extracting(r -> json.readValue(r.value(), ApplicationStatusChangedV1.class)
                        .status())
                .containsExactly("DRAFT", "SUBMITTED");
        assertThat(ofType(events, MessageType.APPLICATION_STATUS_CHANGED_V1).subList(1, 2))
                .singleElement()
                .satisfies(r -> {
                    ApplicationStatusChangedV1 changed = json.readValue(r.value(), ApplicationStatusChangedV1.class);
                    assertThat(changed.status()).isEqualTo("SUBMITTED");
                    assertThat(changed.previousStatus()).isEqualTo("DRAFT");
                    assertThat(changed.command()).isEqualTo("submit");
                    assertThat(changed.applicantId()).isEqualTo(ALPHA);
                    assertThat(changed.contactEmail()).isEqualTo(ALPHA_EMAIL);
                });
        String correlation = TestKafka.header(events.get(0), CloudEventHeaders.CORRELATION_ID);
        assertThat(correlation).as("correlation id").isNotBlank();
        assertThat(events)
                .as("one conversation")
                .allSatisfy(r -> assertThat(TestKafka.header(r, CloudEventHeaders.CORRELATION_ID))
                        .isEqualTo(correlation));

        api().when()
                .get("/applications/" + id)
                .then()
                .statusCode(200)
                .body("id", equalTo(id.toString()))
                .body("facts.edge_purchase_cost", equalTo(1000000));
        api().when()
                .get("/applications")
                .then()
                .statusCode(200)
                .body("items.id", hasItem(id.toString()))
                .body("limit", equalTo(50))
                .body("offset", equalTo(0));
    }

    static Stream<Arguments> malformedSubmissions() {
        return Stream.of(
                Arguments.of("a negative amount", """
                        {"programme": "S4-EDGE-COMPUTE", "district": "binhu", "facts": {"edge_purchase_cost": -1}}""", "facts.edge_purchase_cost"),
                Arguments.of("an amount with three decimals", """
                        {"programme": "S4-EDGE-COMPUTE", "district": "binhu", "facts": {"edge_purchase_cost": 10.001}}""", "facts.edge_purchase_cost"),
                Arguments.of("an unknown district", """
                        {"programme": "S4-EDGE-COMPUTE", "district": "pudong", "facts": {"edge_purchase_cost": 1}}""", "district"),
                Arguments.of("no programme", """
                        {"district": "binhu", "facts": {"edge_purchase_cost": 1}}""", "programme"),
                Arguments.of("facts that are not an object", """
                        {"programme": "S4-EDGE-COMPUTE", "district": "binhu", "facts": [1, 2]}""", "facts"),
                Arguments.of("a nested fact", """
                        {"programme": "S4-EDGE-COMPUTE", "district": "binhu", "facts": {"site": {"city": "wuxi"}}}""", "facts.site"),
                Arguments.of("broken JSON", """
                        {"programme": "S4-EDGE-COMPUTE", "district": """, "$"),
                Arguments.of("trailing garbage after the document", """
                        {"programme": "S4-EDGE-COMPUTE", "district": "binhu", "facts": {"edge_purchase_cost": 1}}}{]""", "$"),
                Arguments.of("a programme the catalogue does not have", """
                        {"programme": "S99-NOPE", "district": "binhu", "facts": {}}""", "programme"),
                Arguments.of("a programme not administered here", """
                        {"programme": "S10-TALENT", "district": "binhu", "facts": {}}""", "programme"),
                Arguments.of(
                        "a programme code of 100,000 characters",
                        "{\"programme\": \"S4-" + "X".repeat(100_000) + "\", \"district\": \"binhu\", \"facts\": {}}",
                        "programme"),
                Arguments.of("text where the catalogue wants an amount", """
                        {"programme": "S4-EDGE-COMPUTE", "district": "binhu", "facts": {"edge_purchase_cost": "abc"}}""", "facts.edge_purchase_cost"),
                Arguments.of("an amount of 10^400", """
                        {"programme": "S4-EDGE-COMPUTE", "district": "binhu", "facts": {"edge_purchase_cost": 1e400}}""", "facts.edge_purchase_cost"),
                Arguments.of("a fact the programme does not ask for", """
                        {"programme": "S4-EDGE-COMPUTE", "district": "binhu",
                         "facts": {"edge_purchase_cost": 1, "note": "x"}}""", "facts.note"),
                Arguments.of("a missing fact", """
                        {"programme": "S4-EDGE-COMPUTE", "district": "binhu", "facts": {}}""", "facts.edge_purchase_cost"),
                Arguments.of(
                        "a submission without the credit commitment (信用承诺)", WITHOUT_COMMITMENT, "commitmentVersion"),
                Arguments.of("a key twice", """
                        {"programme": "S4-EDGE-COMPUTE", "district": "binhu", "district": "xinwu",
                         "facts": {"edge_purchase_cost": 1}}""", "$"));
    }

    @ParameterizedTest(name = "{0} is refused naming {2}")
    @MethodSource("malformedSubmissions")
    @TestSecurity(user = "ent-alpha", roles = "enterprise")
    @OidcSecurity(claims = {@Claim(key = "enterprise_id", value = ALPHA), @Claim(key = "email", value = ALPHA_EMAIL)})
    void aMalformedSubmissionIsAProblemNamingTheFieldAndLeavesNoTrace(String what, String body, String field)
            throws Exception {
        long applicationsBefore = count("SELECT count(*) FROM application");
        long outboxBefore = count("SELECT count(*) FROM outbox_message");

        Response refused = api().contentType(ContentType.JSON).body(body).when().post("/applications");

        assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.jsonPath().getList("errors.field", String.class))
                .as(refused.asString())
                .contains(field);
        assertThat(refused.jsonPath().getInt("status")).isEqualTo(400);
        assertThat(refused.asString()).doesNotContain("Exception").doesNotContain("at io.");
        assertThat(count("SELECT count(*) FROM application")).as("applications").isEqualTo(applicationsBefore);
        assertThat(count("SELECT count(*) FROM outbox_message"))
                .as("outbox messages")
                .isEqualTo(outboxBefore);
    }

    @Test
    @TestSecurity(user = "ent-beta", roles = "enterprise")
    @OidcSecurity(
            claims = {@Claim(key = "enterprise_id", value = BETA), @Claim(key = "email", value = "beta@enterprise.test")
            })
    void anotherEnterpriseCannotSeeTheApplication() throws Throwable {
        UUID id = submitted();

        api().when()
                .get("/applications/" + id)
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"));
        api().when().get("/applications/" + id + "/history").then().statusCode(404);
        api().when().get("/applications").then().statusCode(200).body("items.id", not(hasItem(id.toString())));
        // a reviewer's command is refused for the role, before anything is looked up
        api().when().post("/applications/" + id + "/claim").then().statusCode(403);
        // the applicant's own command, on another's application: it does not exist for this enterprise
        api().contentType(ContentType.JSON)
                .body("{}")
                .when()
                .post("/applications/" + id + "/withdrawal")
                .then()
                .statusCode(404);
        assertThat(status(id)).isEqualTo("SUBMITTED");
    }

    @Test
    @TestSecurity(user = "rev-industry", roles = "reviewer")
    @OidcSecurity(claims = {@Claim(key = "department", value = "industry")})
    void aListFilterOnAProgrammeOrStatusThatDoesNotExistIsRefusedNamingIt() {
        api().queryParam("programme", "S99-NOPE")
                .when()
                .get("/applications")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("programme"))
                .body("errors[0].code", equalTo("UNKNOWN_PROGRAMME"));
        api().queryParam("programme", "s4 edge")
                .when()
                .get("/applications")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("programme"));
        api().queryParam("status", "BOGUS")
                .when()
                .get("/applications")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("status"));
        api().queryParam("programme", "S4-EDGE-COMPUTE")
                .queryParam("status", "SUBMITTED")
                .when()
                .get("/applications")
                .then()
                .statusCode(200);
    }

    @Test
    @TestSecurity(user = "rev-science", roles = "reviewer")
    @OidcSecurity(claims = {@Claim(key = "department", value = "science")})
    void aReviewerOfAnotherDepartmentCannotTakeOrDecideIt() throws Throwable {
        UUID id = eligible();

        Response refused = api().when().post("/applications/" + id + "/claim");

        // another department's application does not exist for this reviewer, whatever the verb
        assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(404);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.jsonPath().getString("code")).isEqualTo("NOT_FOUND");
        assertThat(refused.asString()).doesNotContain("industry");
        assertThat(status(id)).isEqualTo("ELIGIBLE");
        api().when().get("/applications/" + id).then().statusCode(404);
        api().contentType(ContentType.JSON)
                .body("{\"reasonsZh\": \"不符合\"}")
                .when()
                .post("/applications/" + id + "/rejection")
                .then()
                .statusCode(404);
    }

    @Test
    @TestSecurity(user = "rev-industry", roles = "reviewer")
    @OidcSecurity(claims = {@Claim(key = "department", value = "industry")})
    void theRightDepartmentCannotRecommendMoreThanTheCeiling() throws Throwable {
        UUID id = eligible();
        api().when().post("/applications/" + id + "/claim").then().statusCode(200);

        Response refused = api().contentType(ContentType.JSON)
                .body("{\"amount\": 300000.01, \"reasonsZh\": \"符合条件\"}")
                .when()
                .post("/applications/" + id + "/recommendation");

        assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.jsonPath().getString("code")).isEqualTo("AMOUNT_ABOVE_CEILING");
        assertThat(refused.jsonPath().getString("errors[0].field")).isEqualTo("amount");
        assertThat(refused.jsonPath().getString("detail")).contains("300000.00");
        assertThat(status(id)).isEqualTo("UNDER_REVIEW");
        api().when()
                .get("/applications/" + id)
                .then()
                .statusCode(200)
                .body("ceiling", equalTo(new BigDecimal("300000.00")))
                .body("procedure.recommendation", equalTo(null))
                .body("approvedAmount", equalTo(null));
    }

    @Test
    @TestSecurity(user = "rev-industry", roles = "reviewer")
    @OidcSecurity(claims = {@Claim(key = "department", value = "industry")})
    void anApprovalAfterTheAnnouncementAsksTheBudgetToReserveTheAmountInTheCurrentFiscalYear() throws Throwable {
        UUID id = eligible();
        int yearBefore = LocalDate.now(Vocabulary.POLICY_ZONE).getYear();
        api().when().post("/applications/" + id + "/claim").then().statusCode(200);
        api().contentType(ContentType.JSON)
                .body("{\"amount\": 250000.00, \"reasonsZh\": \"同意\", \"reasonsEn\": \"agreed\"}")
                .when()
                .post("/applications/" + id + "/recommendation")
                .then()
                .statusCode(200)
                .body("status", equalTo("RECOMMENDED"))
                .body("procedure.recommendation.amount", equalTo(new BigDecimal("250000.00")));
        Response announced = api().when().post("/applications/" + id + "/announcement");
        assertThat(announced.statusCode()).as(announced.asString()).isEqualTo(200);
        assertThat(announced.jsonPath().getString("status")).isEqualTo("IN_ANNOUNCEMENT");
        assertThat(announced.jsonPath().getString("procedure.announcement.lastDay"))
                .isNotNull();
        assertThat(count(
                        "SELECT count(*) FROM outbox_message WHERE ce_type = ? AND message_key = ?",
                        MessageType.RESERVE_FUNDS_V1.ceType(),
                        id.toString()))
                .as("no reservation before the announcement is over")
                .isZero();

        driver.endAnnouncement(id);
        Awaitility.await("the deadline job closes the announcement")
                .atMost(WAIT)
                .until(() -> "APPROVED".equals(status(id)));

        int yearAfter = LocalDate.now(Vocabulary.POLICY_ZONE).getYear();
        List<ConsumerRecord<String, String>> commands =
                read(Topics.BUDGET_COMMANDS, id, records -> has(records, id, MessageType.RESERVE_FUNDS_V1));
        assertThat(commands)
                .as("reservation commands for the application")
                .singleElement()
                .satisfies(r -> {
                    assertThat(TestKafka.header(r, CloudEventHeaders.TYPE))
                            .isEqualTo(MessageType.RESERVE_FUNDS_V1.ceType());
                    ReserveFundsV1 command = json.readValue(r.value(), ReserveFundsV1.class);
                    assertThat(command.applicationId()).isEqualTo(id);
                    assertThat(command.amount()).isEqualTo(new BigDecimal("250000.00"));
                    assertThat(command.fiscalYear()).isIn(yearBefore, yearAfter);
                    assertThat(command.department()).isEqualTo("industry");
                    assertThat(command.beneficiaryId()).isEqualTo(ALPHA);
                    assertThat(command.programme()).isEqualTo("S4-EDGE-COMPUTE");
                    assertThat(command.reservationId()).isNotNull();
                    // every limit the evaluation named goes to the budget, unchanged
                    assertThat(command.limits())
                            .containsExactly(
                                    LimitClaim.money(
                                            LimitKind.PROGRAMME_CEILING,
                                            "S4-EDGE-COMPUTE/" + id,
                                            new BigDecimal("300000.00")),
                                    LimitClaim.money(
                                            LimitKind.BENEFICIARY_YEAR_AMOUNT,
                                            ALPHA + "/2026",
                                            new BigDecimal("20000000.00")));
                    assertThat(json.readTree(r.value()).get("amount").asText()).isEqualTo("250000.00");
                });

        List<ConsumerRecord<String, String>> events = read(
                Topics.APPLICATION_EVENTS,
                id,
                records -> records.stream()
                        .anyMatch(
                                r -> id.toString().equals(r.key()) && r.value().contains("\"close_announcement\"")));
        List<ApplicationStatusChangedV1> changes = new ArrayList<>();
        for (ConsumerRecord<String, String> r : ofType(events, MessageType.APPLICATION_STATUS_CHANGED_V1)) {
            changes.add(json.readValue(r.value(), ApplicationStatusChangedV1.class));
        }
        assertThat(changes)
                .extracting(ApplicationStatusChangedV1::command, ApplicationStatusChangedV1::status)
                .containsExactly(
                        tuple("create_draft", "DRAFT"),
                        tuple("submit", "SUBMITTED"),
                        tuple("record_evaluation", "ELIGIBLE"),
                        tuple("claim", "UNDER_REVIEW"),
                        tuple("recommend", "RECOMMENDED"),
                        tuple("announce", "IN_ANNOUNCEMENT"),
                        tuple("close_announcement", "APPROVED"));
        // the approval names the reservation it asked for: disbursement pays only a reservation that matches it
        ApplicationStatusChangedV1 approval = changes.get(changes.size() - 1);
        ReserveFundsV1 command = json.readValue(commands.get(0).value(), ReserveFundsV1.class);
        assertThat(approval.reservationId()).isEqualTo(command.reservationId());
        assertThat(approval.department()).isEqualTo("industry");
        assertThat(approval.amount()).isEqualByComparingTo("250000.00");

        Response again = api().when().post("/applications/" + id + "/claim");
        assertThat(again.statusCode())
                .as("a claim once approved: " + again.asString())
                .isEqualTo(409);
        assertThat(again.jsonPath().getString("code")).isEqualTo("ILLEGAL_TRANSITION");
        assertThat(again.jsonPath().getString("currentStatus")).isEqualTo("APPROVED");
        assertThat(again.jsonPath().getList("allowedCommands", String.class))
                .contains("record_funds_reserved", "record_payment", "withdraw")
                .doesNotContain("claim");
    }

    static Stream<Arguments> hostileReasons() {
        return Stream.of(
                Arguments.of("a NUL character", "不符合\u0000条件"),
                Arguments.of("one zero-width space", "\u200B"),
                Arguments.of("a right-to-left override", "不符合\u202E条件"),
                Arguments.of("4 MB of text", "理".repeat(4 * 1024 * 1024 / 3)),
                Arguments.of("2,001 characters", "理".repeat(2001)));
    }

    @ParameterizedTest(name = "a rejection reason with {0} is refused, nothing changes")
    @MethodSource("hostileReasons")
    @TestSecurity(user = "rev-industry", roles = "reviewer")
    @OidcSecurity(claims = {@Claim(key = "department", value = "industry")})
    void aRejectionReasonThatCouldHoldUpThePipelineIsRefusedAtTheDoor(String what, String reason) throws Throwable {
        UUID id = underReview();
        long outboxBefore = count("SELECT count(*) FROM outbox_message");
        String body = json.writeValueAsString(Map.of("reasonsZh", reason));

        Response refused =
                api().contentType(ContentType.JSON).body(body).when().post("/applications/" + id + "/rejection");

        assertThat(refused.statusCode()).as(what).isIn(400, 413);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        if (refused.statusCode() == 400) {
            assertThat(refused.jsonPath().getList("errors.field", String.class)).contains("reasonsZh");
        }
        assertThat(refused.asString().length())
                .as("the answer does not echo the input")
                .isLessThan(2_000);
        assertThat(status(id)).isEqualTo("UNDER_REVIEW");
        assertThat(count("SELECT count(*) FROM outbox_message")).isEqualTo(outboxBefore);
    }
}
