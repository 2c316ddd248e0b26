package io.grantflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every endpoint of every service, read from its OpenAPI document in {@code contracts/openapi},
 * called as every kind of caller with real Keycloak tokens, and fed hostile input, against the
 * running services and their real databases. A new endpoint is covered the day it is published:
 * one that this test cannot call (a path parameter or a body without a fixture) fails it.
 *
 * <p>Callers: each role, another enterprise, another department, no token, an expired token. A
 * caller outside the operation's roles gets 403, none or an expired one 401, a caller inside
 * them anything but 401, 403 or a 5xx; another enterprise or department reading what is not
 * theirs gets 404. Authorised calls send an empty body, so that Bean Validation refuses them
 * before anything changes. Hostile input: each field and parameter, one at a time, too long,
 * of the wrong type, out of range, with NUL or only invisible characters, and trailing garbage
 * after the body. Every refusal is a problem document that names the field, repeats no more of
 * the input than a short prefix, and leaves every table of the service's database as it was.
 */
@ExtendWith(Suite.class)
class AuthorizationMatrixIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String ALPHA = "91320214AY4CL12T29";
    private static final UUID NOBODY = UUID.fromString("00000000-0000-4000-8000-000000000000");

    /** Who calls. */
    enum Who {
        ENTERPRISE,
        REVIEWER,
        FINANCE,
        OPERATOR,
        ADMIN,
        CITY_APPROVER,
        OTHER_ENTERPRISE,
        OTHER_DEPARTMENT,
        NO_TOKEN,
        EXPIRED
    }

    private static final Map<Who, String> ROLE = Map.of(
            Who.CITY_APPROVER,
            "city_approver",
            Who.ENTERPRISE,
            "enterprise",
            Who.REVIEWER,
            "reviewer",
            Who.FINANCE,
            "finance",
            Who.OPERATOR,
            "operator",
            Who.ADMIN,
            "admin",
            Who.OTHER_ENTERPRISE,
            "enterprise",
            Who.OTHER_DEPARTMENT,
            "reviewer",
            Who.EXPIRED,
            "operator");
    /** Reads that another enterprise may not make, and another department may not make, by path. */
    private static final Set<String> NOT_FOR_OTHER_ENTERPRISE = Set.of(
            "GET /applications/{id}",
            "GET /applications/{id}/history",
            "GET /applications/{id}/attachments",
            "GET /applications/{id}/attachments/{attachmentId}",
            "GET /applications/{id}/attachments/{attachmentId}/content",
            "GET /applicant-profiles/{creditCode}",
            "GET /evaluations/{applicationId}",
            "POST /notices/{id}/read");

    private static final Set<String> NOT_FOR_OTHER_DEPARTMENT = Set.of(
            "GET /applications/{id}",
            "GET /applications/{id}/history",
            "GET /audit",
            "GET /applications/{id}/attachments",
            "GET /applications/{id}/attachments/{attachmentId}",
            "GET /applications/{id}/attachments/{attachmentId}/content",
            "GET /evaluations/{applicationId}",
            "GET /reservations/{id}",
            "GET /calls/{id}/ranking",
            "GET /payment-plans/{id}");

    private static final Map<Who, String> TOKENS = new EnumMap<>(Who.class);
    /**
     * Partner agencies' webhooks are managed by an agency's system only (a client-credentials
     * token; a person's token is refused, 403): there the department's callers are its agency client.
     */
    private static final Map<Who, String> AGENCY_TOKENS = new EnumMap<>(Who.class);

    private static String eligibleApplication;
    /** Withdrawn: every command of the procedure on it is refused (409), so that an authorised call changes nothing. */
    private static String withdrawnApplication;

    private static String call;

    private static String reservation;
    private static String payment;
    private static String plan;
    private static String notice;
    private static String blockGrant;
    private static int year;

    /** One operation of a document. */
    record Operation(
            String service,
            String method,
            String path,
            Set<String> roles,
            JsonNode body,
            JsonNode parameters,
            JsonNode components) {
        String key() {
            return method + " " + path;
        }
    }

    @BeforeAll
    static void fixtures() throws Exception {
        String expired = Suite.clientToken("token-expiry-probe"); // lives one second
        String alpha = Suite.userToken("ent-alpha");
        String finance = Suite.userToken("fin-officer");
        Api.leaveHeadroom(finance, new BigDecimal("10000000.00"));
        eligibleApplication = Api.submitEligible(alpha, 200_000);
        withdrawnApplication = Api.submitEligible(alpha, 200_000);
        Response withdrawn = Api.command(alpha, withdrawnApplication, "withdrawal", "{}");
        assertThat(withdrawn.statusCode()).as(withdrawn.asString()).isEqualTo(200);
        Response opened = Api.as(Suite.userToken("rev-industry"))
                .body(JSON.writeValueAsString(openCall()))
                .post(Suite.url("applications") + "/calls");
        assertThat(opened.statusCode()).as(opened.asString()).isEqualTo(201);
        call = opened.jsonPath().getString("id");
        String paid = Api.submitEligible(alpha, 100_000);
        assertThat(Api.approve(Suite.userToken("rev-industry"), paid, "100.00").statusCode())
                .isEqualTo(200);
        Api.awaitStatus(alpha, paid, "PAID");
        reservation = single("budget", "SELECT id FROM transfer WHERE application_id = '" + paid + "'");
        payment = single("disbursement", "SELECT id FROM payment WHERE application_id = '" + paid + "'");
        plan = single("disbursement", "SELECT id FROM payment_plan WHERE application_id = '" + paid + "'");
        notice = single(
                "notifications", "SELECT id FROM notice WHERE application_id = '" + eligibleApplication + "' LIMIT 1");
        year = Api.fiscalYear();
        Response proposed =
                Api.as(finance).body(blockGrant("矩阵测试 / matrix test")).post(Suite.url("budget") + "/block-grants");
        assertThat(proposed.statusCode()).as(proposed.asString()).isEqualTo(201);
        blockGrant = proposed.jsonPath().getString("id");
        Topics.awaitConsumed();

        TOKENS.put(Who.ENTERPRISE, alpha);
        TOKENS.put(Who.REVIEWER, Suite.userToken("rev-industry"));
        TOKENS.put(Who.FINANCE, finance);
        TOKENS.put(Who.OPERATOR, Suite.userToken("ops"));
        TOKENS.put(Who.ADMIN, Suite.userToken("admin-user"));
        TOKENS.put(Who.CITY_APPROVER, Suite.userToken("city-approver"));
        TOKENS.put(Who.OTHER_ENTERPRISE, Suite.userToken("ent-beta"));
        TOKENS.put(Who.OTHER_DEPARTMENT, Suite.userToken("rev-science"));
        TOKENS.put(Who.EXPIRED, expired);
        AGENCY_TOKENS.put(Who.REVIEWER, Suite.clientToken("agency-industry"));
        AGENCY_TOKENS.put(Who.FINANCE, Suite.clientToken("agency-finance"));
        AGENCY_TOKENS.put(Who.OTHER_DEPARTMENT, Suite.clientToken("agency-science"));
    }

    @TestFactory
    Stream<DynamicNode> applications() throws Exception {
        return matrix("applications");
    }

    @TestFactory
    Stream<DynamicNode> eligibility() throws Exception {
        return matrix("eligibility");
    }

    @TestFactory
    Stream<DynamicNode> budget() throws Exception {
        return matrix("budget");
    }

    @TestFactory
    Stream<DynamicNode> disbursement() throws Exception {
        return matrix("disbursement");
    }

    @TestFactory
    Stream<DynamicNode> notifications() throws Exception {
        return matrix("notifications");
    }

    private static Stream<DynamicNode> matrix(String service) throws Exception {
        JsonNode doc = YAML.readTree(
                Suite.root().resolve("contracts/openapi/" + service + ".yaml").toFile());
        List<DynamicNode> nodes = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                Set<String> roles = new TreeSet<>();
                op.getValue()
                        .path("security")
                        .forEach(s ->
                                s.fields().forEachRemaining(e -> e.getValue().forEach(r -> roles.add(r.asText()))));
                JsonNode body = op.getValue()
                        .path("requestBody")
                        .path("content")
                        .path("application/json")
                        .path("schema");
                Operation operation = new Operation(
                        service,
                        op.getKey().toUpperCase(),
                        path.getKey(),
                        roles,
                        body.isMissingNode() ? null : body,
                        op.getValue().path("parameters"),
                        doc.path("components"));
                nodes.add(DynamicContainer.dynamicContainer(
                        operation.key(),
                        Stream.of(
                                DynamicTest.dynamicTest("every caller", () -> callers(operation)),
                                DynamicTest.dynamicTest("hostile input", () -> hostile(operation)))));
            }
        }
        assertThat(nodes).as("operations of " + service).isNotEmpty();
        return nodes.stream();
    }

    /** A call for an ON_MERIT programme of the industry department, open for a month. */
    private static Map<String, Object> openCall() {
        return Map.of(
                "programme",
                "S9-TECH-PROVIDER",
                "titleZh",
                "矩阵测试批次",
                "titleEn",
                "matrix call",
                "opensAt",
                "2026-01-01T00:00:00+08:00",
                "closesAt",
                "2036-01-01T00:00:00+08:00",
                "budget",
                new BigDecimal("1000000.00"),
                "criteria",
                List.of(Map.of("code", "innovation", "nameZh", "创新性", "nameEn", "innovation", "weight", 100)));
    }

    // ---- callers ---------------------------------------------------------------------------------

    /** Operations anyone may call without a token: what is public by law (公示). */
    private static final Set<String> PUBLIC = Set.of("applications GET /announcements");

    private static void callers(Operation op) throws Exception {
        if (PUBLIC.contains(op.service() + " " + op.key())) {
            assertThat(op.roles()).as("%s is public: no roles", op.key()).isEmpty();
            for (Who who : Who.values()) {
                Response r = send(op, who, url(op, Map.of(), Map.of()), null);
                String cell = op.service() + " " + op.key() + " as " + who + ": " + r.asString();
                if (who == Who.EXPIRED) {
                    // a token that is sent must be valid, even where none is needed
                    assertThat(r.statusCode()).as(cell).isIn(200, 401);
                } else {
                    assertThat(r.statusCode()).as(cell).isEqualTo(200);
                }
            }
            return;
        }
        assertThat(op.roles())
                .as("%s names the roles that may call it", op.key())
                .isNotEmpty();
        for (Who who : Who.values()) {
            long before = rows(op.service());
            Response r = send(op, who, url(op, Map.of(), Map.of()), op.body() == null ? null : "{}");
            int status = r.statusCode();
            String cell = op.service() + " " + op.key() + " as " + who + ": " + r.asString();
            boolean refused = true;
            if (who == Who.NO_TOKEN || who == Who.EXPIRED) {
                assertThat(status).as(cell).isEqualTo(401);
            } else if (!op.roles().contains(ROLE.get(who))) {
                assertThat(status).as(cell).isEqualTo(403);
            } else if (who == Who.OTHER_ENTERPRISE && NOT_FOR_OTHER_ENTERPRISE.contains(op.key())
                    || who == Who.OTHER_DEPARTMENT && NOT_FOR_OTHER_DEPARTMENT.contains(op.key())) {
                assertThat(status)
                        .as(cell + " (not theirs: it does not exist for them)")
                        .isEqualTo(404);
            } else {
                assertThat(status).as(cell).isNotIn(401, 403).isLessThan(500);
                refused = status >= 400;
            }
            if (status >= 400) {
                assertProblem(r, status, cell);
            }
            if (refused) {
                assertThat(rows(op.service()))
                        .as(cell + ": a refused call leaves every row and outbox message of " + op.service()
                                + " as it was")
                        .isEqualTo(before);
            }
        }
    }

    // ---- hostile input ---------------------------------------------------------------------------

    private static void hostile(Operation op) throws Exception {
        Who who = PUBLIC.contains(op.service() + " " + op.key())
                ? Who.NO_TOKEN
                : Stream.of(Who.ENTERPRISE, Who.REVIEWER, Who.CITY_APPROVER, Who.FINANCE, Who.OPERATOR, Who.ADMIN)
                        .filter(w -> op.roles().contains(ROLE.get(w)))
                        .findFirst()
                        .orElseThrow();
        String base = op.body() == null ? null : validBody(op);
        for (JsonNode p : op.parameters()) {
            String name = p.path("name").asText();
            String in = p.path("in").asText();
            JsonNode schema = resolve(p.path("schema"), op.components());
            for (String value : hostileParameterValues(schema)) {
                Map<String, String> path = in.equals("path") ? Map.of(name, value) : Map.of();
                Map<String, String> query = in.equals("query") ? Map.of(name, value) : Map.of();
                Map<String, String> headers = in.equals("header") ? Map.of(name, value) : Map.of();
                refused(op, who, url(op, path, query), base, headers, name, in + " " + name + "=" + shorten(value));
            }
        }
        if (op.body() == null) {
            return;
        }
        refused(op, who, url(op, Map.of(), Map.of()), base + "}{]", "$", "trailing garbage");
        JsonNode schema = resolve(op.body(), op.components());
        for (Iterator<Map.Entry<String, JsonNode>> props =
                        schema.path("properties").fields();
                props.hasNext(); ) {
            Map.Entry<String, JsonNode> prop = props.next();
            JsonNode propSchema = resolve(prop.getValue(), op.components());
            for (JsonNode value : hostileValues(propSchema)) {
                refused(
                        op,
                        who,
                        url(op, Map.of(), Map.of()),
                        with(base, List.of(prop.getKey()), value),
                        prop.getKey(),
                        prop.getKey() + "=" + shorten(value.toString()));
            }
            // one level down: the applicant of an evaluation, say
            for (Iterator<Map.Entry<String, JsonNode>> inner =
                            propSchema.path("properties").fields();
                    inner.hasNext(); ) {
                Map.Entry<String, JsonNode> sub = inner.next();
                for (JsonNode value : hostileValues(resolve(sub.getValue(), op.components()))) {
                    String field = prop.getKey() + "." + sub.getKey();
                    refused(
                            op,
                            who,
                            url(op, Map.of(), Map.of()),
                            with(base, List.of(prop.getKey(), sub.getKey()), value),
                            field,
                            field + "=" + shorten(value.toString()));
                }
            }
        }
    }

    /** Sends a hostile request and checks it is refused as bad input, naming {@code field}, changing nothing. */
    private static void refused(Operation op, Who who, String url, String body, String field, String what)
            throws Exception {
        refused(op, who, url, body, Map.of(), field, what);
    }

    private static void refused(
            Operation op, Who who, String url, String body, Map<String, String> headers, String field, String what)
            throws Exception {
        long before = rows(op.service());
        Response r = send(op, who, url, body, headers);
        String cell = op.service() + " " + op.key() + " with " + what + ": " + shorten(r.asString());
        assertThat(r.statusCode()).as(cell).isIn(400, 413, 414);
        assertProblem(r, r.statusCode(), cell);
        if (r.statusCode() == 400) {
            List<String> fields = r.jsonPath().getList("errors.field", String.class);
            assertThat(fields)
                    .as(cell)
                    .isNotNull()
                    .anySatisfy(
                            f -> assertThat(f.equals(field) || f.startsWith(field + ".") || f.startsWith(field + "["))
                                    .as("a field named " + field)
                                    .isTrue());
        }
        assertThat(r.asString().length())
                .as(cell + " echoes no more than a short prefix")
                .isLessThan(4_000);
        assertThat(rows(op.service()))
                .as(cell + ": rows and outbox messages of " + op.service())
                .isEqualTo(before);
    }

    private static List<String> hostileParameterValues(JsonNode schema) {
        String type = schema.path("type").asText();
        String format = schema.path("format").asText();
        if (format.equals("uuid")) {
            return List.of("not-a-uuid", "%00");
        }
        return switch (type) {
            case "integer" -> List.of("abc", "1.5", "99999999999");
            case "boolean" -> List.of("maybe");
            default -> List.of("x%00y", "%E2%80%AE" + "x".repeat(20), "BOGUS-" + "x".repeat(300));
        };
    }

    private static List<JsonNode> hostileValues(JsonNode schema) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        String type = schema.path("type").asText();
        String format = schema.path("format").asText();
        if (type.equals("string") && (format.equals("uuid") || format.equals("date") || format.equals("date-time"))) {
            return List.of(f.textNode("not-" + format), f.numberNode(12345), f.textNode("a\u0000"));
        }
        return switch (type) {
            case "string" ->
                List.of(
                        f.textNode("x".repeat(100_001)),
                        f.textNode("a\u0000b"),
                        f.textNode("\u200B"),
                        f.numberNode(12345),
                        JSON.createObjectNode().put("a", 1));
            case "number" ->
                List.of(
                        f.numberNode(-1),
                        f.numberNode(new BigDecimal("1E+400")),
                        f.numberNode(new BigDecimal("0.001")),
                        f.textNode("abc"),
                        f.booleanNode(true));
            case "integer" ->
                List.of(
                        f.textNode("abc"),
                        f.numberNode(new BigDecimal("2026.5")),
                        f.numberNode(99_999_999_999L),
                        f.numberNode(-1));
            case "boolean" -> List.of(f.textNode("maybe"), f.numberNode(5));
            case "array" -> List.of(f.textNode("abc"), JSON.createArrayNode().addNull());
            case "object" ->
                schema.has("properties")
                        ? List.of(f.textNode("abc"))
                        : List.of(
                                f.textNode("abc"),
                                JSON.createObjectNode().put("k", "\u0000"),
                                JSON.createObjectNode().put("bad key!", 1));
            default -> List.of(f.textNode("x".repeat(100_001)));
        };
    }

    /** A body every check passes, for {@code op}: one field at a time is then made hostile. */
    private static String validBody(Operation op) {
        Map<String, Object> applicant = Map.of("id", ALPHA, "kind", "enterprise", "district", "xinwu");
        Object body = switch (op.service() + " " + op.key()) {
            // a submission accepts the credit commitment; a draft may name it too (it is checked)
            case "applications POST /applications", "applications POST /applications/drafts" ->
                Map.of(
                        "programme",
                        "S4-EDGE-COMPUTE",
                        "district",
                        "xinwu",
                        "facts",
                        Map.of("edge_purchase_cost", 1000),
                        "commitmentVersion",
                        "2025-05-23");
            case "applications POST /calls" -> openCall();
            case "applications POST /applications/{id}/scores" -> Map.of("scores", Map.of("innovation", 50));
            case "applications PUT /applications/{id}" ->
                Map.of("district", "xinwu", "facts", Map.of("edge_purchase_cost", 1000));
            case "applications POST /applications/{id}/submission",
                    "applications POST /applications/{id}/offer-confirmation" ->
                Map.of("commitmentVersion", "2025-05-23");
            // 免申即享: one record of a programme no record proves, so that even an accepted import changes nothing
            case "applications POST /record-imports" ->
                List.of(Map.of(
                        "creditCode",
                        ALPHA,
                        "enterpriseName",
                        "矩阵测试企业",
                        "recordKind",
                        "honour_list",
                        "programme",
                        "S4-EDGE-COMPUTE",
                        "source",
                        "matrix",
                        "recordDate",
                        "2026-01-01",
                        "district",
                        "xinwu"));
            case "applications POST /applications/{id}/rejection",
                    "applications POST /applications/{id}/confirmation-decline",
                    "applications POST /applications/{id}/objections",
                    "applications POST /applications/{id}/withdrawal",
                    "applications POST /applications/{id}/offer-decline",
                    "applications POST /applications/{id}/offer-withdrawal",
                    "applications POST /applications/{id}/closure" -> Map.of("reasonsZh", "不符合", "reasonsEn", "no");
            // every channel on, as with no preference: even applied, it changes nothing the caller gets
            case "notifications PUT /notification-preferences" ->
                Map.of(
                        "preferences",
                        List.of(Map.of(
                                "eventType",
                                "application.status_changed:SUBMITTED",
                                "channels",
                                List.of("inbox", "email"))));
            // on a one-off plan's paid instalment: no milestone to confirm, refused whatever the body
            case "disbursement POST /payment-plans/{id}/instalments/{fiscalYear}/milestone" ->
                Map.of("evidence", "验收报告 / acceptance report", "evidenceRef", "ACC-2026-001");
            case "applications POST /applications/{id}/objection-resolution" ->
                Map.of("decision", "DISMISSED", "reasonsZh", "不成立", "reasonsEn", "unfounded");
            case "applications POST /applications/{id}/correction-request" ->
                Map.of(
                        "items",
                        List.of(Map.of(
                                "field",
                                "edge_purchase_cost",
                                "problem",
                                "WRONG",
                                "explanationZh",
                                "与发票不符",
                                "explanationEn",
                                "differs from the invoices")));
            case "applications POST /applications/{id}/correction-response" ->
                Map.of(
                        "noticeNumber",
                        1,
                        "facts",
                        Map.of("edge_purchase_cost", 1000),
                        "correctedFields",
                        List.of("edge_purchase_cost"));
            case "applications POST /applications/{id}/recommendation" ->
                Map.of(
                        "amount",
                        new BigDecimal("1.00"),
                        "reasonsZh",
                        "同意",
                        "reasonsEn",
                        "agreed",
                        "override",
                        Map.of("kind", "MAJOR_RD_PROJECT", "justificationZh", "特别重大", "justificationEn", "major"));
            case "applications PUT /applicant-profiles/{creditCode}" ->
                Map.of(
                        "name",
                        "无锡阿尔法智能科技有限公司",
                        "beneficiaryKind",
                        "enterprise",
                        "district",
                        "xinwu",
                        "contacts",
                        List.of(Map.of("name", "王经理", "phone", "0510-85123456")),
                        "bankAccount",
                        Map.of(
                                "bankName",
                                "中国银行无锡新吴支行",
                                "accountName",
                                "无锡阿尔法智能科技有限公司",
                                "accountNumber",
                                "6222021234567890123"));
            case "eligibility POST /evaluations" ->
                Map.of(
                        "programme",
                        "S4-EDGE-COMPUTE",
                        "asOf",
                        "2026-03-01",
                        "applicant",
                        applicant,
                        "facts",
                        Map.of("edge_purchase_cost", 1000),
                        "history",
                        List.of());
            case "eligibility POST /calculator" ->
                Map.of(
                        "asOf",
                        "2026-03-01",
                        "applicant",
                        applicant,
                        "facts",
                        Map.of("edge_purchase_cost", 1000),
                        "history",
                        List.of());
            case "eligibility POST /awards" ->
                Map.of(
                        "recordId",
                        "MATRIX-" + UUID.randomUUID(),
                        "applicantId",
                        ALPHA,
                        "programme",
                        "tech-2024",
                        "policy",
                        "wuxi-tech-2024",
                        "asOf",
                        "2026-01-10",
                        "amount",
                        new BigDecimal("100.00"),
                        "facts",
                        Map.of());
            // an application with nothing paid: an authorised order is refused (422) and changes nothing
            case "disbursement POST /recoveries" ->
                Map.of(
                        "applicationId",
                        UUID.randomUUID().toString(),
                        "amount",
                        new BigDecimal("1.00"),
                        "basis",
                        "FRAUD",
                        "reasonsZh",
                        "矩阵 / matrix");
            case "disbursement POST /payees/{applicantId}/verification" ->
                Map.of("accountNumber", "6222021234567890123", "notesZh", "矩阵 / matrix");
            case "budget PUT /budgets/{fiscalYear}" -> Map.of("total", new BigDecimal("20000000.00"));
            case "budget PUT /budgets/{fiscalYear}/programmes/{programme}",
                    "budget PUT /budgets/{fiscalYear}/departments/{department}",
                    "budget PUT /budgets/{fiscalYear}/districts/{district}" -> Map.of("amount", new BigDecimal("1.00"));
            case "budget POST /block-grants" -> blockGrant("矩阵 / matrix");
            case "budget POST /block-grants/{id}/rejection" -> Map.of("reason", "撤回 / withdrawn");
            case "budget POST /reservations/{id}/void" -> Map.of("reason", "释放 / release");
            case "budget POST /reservations/{id}/reversals" ->
                Map.of(
                        "reversalId",
                        UUID.randomUUID().toString(),
                        "amount",
                        new BigDecimal("1.00"),
                        "reason",
                        "追回 / clawback");
            // a host off the running services' (empty) allow-list: even a hostile value that slipped
            // through would register nothing
            case "notifications POST /webhooks/subscriptions" ->
                Map.of(
                        "url",
                        "https://hooks.industry.example.gov.cn/grantflow",
                        "eventTypes",
                        List.of("application.status_changed"),
                        "description",
                        "矩阵 / matrix");
            default -> null;
        };
        if (body == null) {
            fail("%s %s takes a body but has no valid example here: add one to validBody", op.service(), op.key());
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String with(String body, List<String> path, JsonNode value) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(body);
        ObjectNode at = root;
        for (int i = 0; i < path.size() - 1; i++) {
            at = (ObjectNode) at.get(path.get(i));
            if (at == null) {
                return JSON.writeValueAsString(root); // no such object in the example: nothing to vary
            }
        }
        at.set(path.get(path.size() - 1), value);
        return JSON.writeValueAsString(root);
    }

    // ---- requests --------------------------------------------------------------------------------

    /** The operation's URL with its path parameters from the fixtures, unless {@code path} overrides one. */
    private static String url(Operation op, Map<String, String> path, Map<String, String> query) {
        String resolved = op.path();
        for (JsonNode p : op.parameters()) {
            String name = p.path("name").asText();
            if (!p.path("in").asText().equals("path")) {
                continue;
            }
            String value = path.containsKey(name) ? path.get(name) : fixture(op, name);
            resolved = resolved.replace(
                    "{" + name + "}",
                    value.startsWith("%") || value.contains("%")
                            ? value
                            : URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        StringBuilder url = new StringBuilder(Suite.url(op.service())).append(resolved);
        Map<String, String> params = new LinkedHashMap<>(requiredQuery(op));
        params.putAll(query);
        String sep = "?";
        for (Map.Entry<String, String> q : params.entrySet()) {
            url.append(sep)
                    .append(q.getKey())
                    .append('=')
                    .append(
                            q.getValue().contains("%")
                                    ? q.getValue()
                                    : URLEncoder.encode(q.getValue(), StandardCharsets.UTF_8));
            sep = "&";
        }
        return url.toString();
    }

    private static String fixture(Operation op, String name) {
        String key = op.service() + " " + op.path();
        return switch (name) {
            case "applicationId" -> eligibleApplication;
            case "code", "programme" -> "S4-EDGE-COMPUTE";
            case "fiscalYear" -> String.valueOf(year);
            case "department" -> "industry";
            case "district" -> "xinwu";
            case "beneficiaryId", "creditCode" -> ALPHA;
            // no payee is read or verified here (a verification would release payments): nobody's, 404 to every reader
            case "applicantId" -> "MATRIX-NO-PAYEE";
            // no attachment is uploaded here: every reader finds none, those who may not read the application none
            // either
            case "attachmentId" -> NOBODY.toString();
            // no webhook is registered here (its URL would need the deployment's allow-list): nobody's
            case "deliveryId" -> NOBODY.toString();
            // each service's own worker: the notifications' mail sender, the disbursement's payment worker
            case "worker" -> op.service().equals("disbursement") ? "payments" : "mail";
            case "version" -> "2025-05-23";
            case "id" ->
                switch (key) {
                    case "applications /applications/{id}",
                            "applications /applications/{id}/history",
                            "applications /applications/{id}/attachments",
                            "applications /applications/{id}/attachments/{attachmentId}",
                            "applications /applications/{id}/attachments/{attachmentId}/content" -> eligibleApplication;
                    // the procedure's commands: on a withdrawn application, where each is refused and changes nothing
                    case "applications /applications/{id}/submission",
                            "applications /applications/{id}/claim",
                            "applications /applications/{id}/correction-request",
                            "applications /applications/{id}/correction-response",
                            "applications /applications/{id}/recommendation",
                            "applications /applications/{id}/confirmation",
                            "applications /applications/{id}/confirmation-decline",
                            "applications /applications/{id}/announcement",
                            "applications /applications/{id}/objections",
                            "applications /applications/{id}/objection-resolution",
                            "applications /applications/{id}/city-approval",
                            "applications /applications/{id}/rejection",
                            "applications /applications/{id}/withdrawal",
                            "applications /applications/{id}/offer-confirmation",
                            "applications /applications/{id}/offer-decline",
                            "applications /applications/{id}/offer-withdrawal",
                            "applications /applications/{id}/closure",
                            "applications /applications/{id}/scores" -> withdrawnApplication;
                    case "applications /calls/{id}",
                            "applications /calls/{id}/closure",
                            "applications /calls/{id}/announcement",
                            "applications /calls/{id}/ranking",
                            "applications /calls/{id}/ranking.csv",
                            "applications /calls/{id}/ranking.xlsx" -> call;
                    case "budget /reservations/{id}",
                            "budget /reservations/{id}/void",
                            "budget /reservations/{id}/reversals" -> reservation;
                    case "budget /block-grants/{id}", "budget /block-grants/{id}/rejection" -> blockGrant;
                    case "disbursement /payments/{id}" -> payment;
                    // a one-off plan, paid: a milestone confirmation on it is refused and changes nothing
                    case "disbursement /payment-plans/{id}",
                            "disbursement /payment-plans/{id}/instalments/{fiscalYear}/milestone" -> plan;
                    // no record import is read here by id: every reader finds none (RecordImportResourceIT reads them)
                    case "applications /record-imports/{id}" -> NOBODY.toString();
                    // no statement is imported here: every reader finds none
                    case "disbursement /statements/{id}",
                            "disbursement /statements/{id}/mismatches",
                            "disbursement /statements/{id}/mismatches.csv" -> NOBODY.toString();
                    // no recovery is ordered here (nothing of the matrix is paid): every reader finds none
                    case "disbursement /recoveries/{id}" -> NOBODY.toString();
                    case "notifications /notices/{id}/read" -> notice;
                    // approving a block grant or retrying a parked message would change something: nobody's id
                    case "budget /block-grants/{id}/approval" -> NOBODY.toString();
                    default ->
                        key.endsWith("/parked/{id}/retry")
                                        || key.startsWith("notifications /webhooks/subscriptions/{id}")
                                ? NOBODY.toString()
                                : fail("no fixture for {id} of " + key + ": add one");
                };
            default -> fail("no fixture for path parameter " + name + " of " + key + ": add one");
        };
    }

    /** Query parameters an operation cannot do without. */
    private static Map<String, String> requiredQuery(Operation op) {
        Map<String, String> q = new LinkedHashMap<>();
        for (JsonNode p : op.parameters()) {
            if (p.path("in").asText().equals("query") && p.path("required").asBoolean(false)) {
                String name = p.path("name").asText();
                q.put(
                        name,
                        switch (name) {
                            case "fiscalYear" -> String.valueOf(year);
                            case "applicantId" -> ALPHA;
                            default -> fail("no fixture for required query parameter " + name + " of " + op.key());
                        });
            }
        }
        // a reviewer names the application whose trail it reads (operators may leave it out)
        if (op.path().equals("/audit") && !q.containsKey("subject")) {
            q.put("subject", eligibleApplication);
        }
        if (op.path().equals("/beneficiaries/{beneficiaryId}/headroom") && !q.containsKey("fiscalYear")) {
            q.put("fiscalYear", String.valueOf(year));
        }
        // the live stream replays and closes, so that a call of it ends
        if (op.path().equals("/notices/stream")) {
            q.put("follow", "false");
        }
        if (op.path().equals("/awards") && op.method().equals("GET") && !q.containsKey("applicantId")) {
            q.put("applicantId", ALPHA);
        }
        return q;
    }

    private static Response send(Operation op, Who who, String url, String body) throws InterruptedException {
        return send(op, who, url, body, Map.of());
    }

    private static Response send(Operation op, Who who, String url, String body, Map<String, String> headers)
            throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            RequestSpecification request = RestAssured.given()
                    .urlEncodingEnabled(false)
                    // the live stream answers as a stream, its refusals as problem documents
                    .accept(
                            op.path().equals("/notices/stream")
                                    ? "text/event-stream, application/json"
                                    : "application/json");
            headers.forEach(request::header);
            Map<Who, String> tokens = op.service().equals("notifications")
                            && op.path().startsWith("/webhooks/")
                            && AGENCY_TOKENS.containsKey(who)
                    ? AGENCY_TOKENS
                    : TOKENS;
            if (tokens.containsKey(who)) {
                request.auth().oauth2(tokens.get(who));
            }
            if (body != null) {
                request.contentType(ContentType.JSON).body(body);
            }
            Response r = request.request(op.method(), url);
            // the rate limit protects the service, not what this test asks: wait as told and ask again
            if (r.statusCode() == 429 && attempt < 10) {
                Thread.sleep(1000L * Math.max(1, Long.parseLong(r.header("Retry-After"))));
                continue;
            }
            return r;
        }
    }

    private static void assertProblem(Response r, int status, String cell) {
        assertThat(r.contentType()).as(cell).startsWith("application/problem+json");
        assertThat(r.jsonPath().getInt("status")).as(cell).isEqualTo(status);
        assertThat(r.jsonPath().getString("title")).as(cell).contains(" / ");
        assertThat(r.jsonPath().getString("detail")).as(cell).contains(" / ");
        assertThat(r.asString())
                .as(cell)
                .doesNotContain("Exception")
                .doesNotContain("io.quarkus")
                .doesNotContain("jakarta.")
                .doesNotContain("@Consumes");
    }

    // ---- the database ----------------------------------------------------------------------------

    /** How many rows every table of the service's database holds, together. */
    private static long rows(String service) throws Exception {
        try (Connection c = Suite.database(service);
                Statement s = c.createStatement()) {
            String sum;
            try (ResultSet rs = s.executeQuery("""
                    SELECT string_agg(format('(SELECT count(*) FROM %I)', table_name), ' + ')
                      FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'""")) {
                rs.next();
                sum = rs.getString(1);
            }
            try (ResultSet rs = s.executeQuery("SELECT " + sum)) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String single(String service, String sql) throws Exception {
        try (Connection c = Suite.database(service);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getString(1);
        }
    }

    private static JsonNode resolve(JsonNode schema, JsonNode components) {
        JsonNode s = schema;
        while (s.has("$ref")) {
            String ref = s.get("$ref").asText();
            s = components.path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
        }
        return s;
    }

    private static String shorten(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }

    /** A proposal of a one-yuan block grant to xinwu in this year, with a new id each time. */
    private static Map<String, Object> blockGrant(String reason) {
        return Map.of(
                "blockGrantId",
                UUID.randomUUID().toString(),
                "programme",
                "S2-AI-PARK",
                "department",
                "reform",
                "district",
                "xinwu",
                "fiscalYear",
                year,
                "amount",
                new BigDecimal("1.00"),
                "reason",
                reason);
    }
}
