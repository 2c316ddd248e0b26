package io.grantflow.platform.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grantflow.platform.rest.FieldError;
import io.grantflow.platform.rest.Problem;
import java.io.ByteArrayInputStream;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.junit.jupiter.api.Test;

/** What the platform's filter does to a service's OpenAPI document, on a small document of its own. */
class OpenApiConventionsTest {

    @Test
    void everyOperationGetsTheProblemsItCanMeet() throws Exception {
        OpenAPI doc = document();
        OpenApiConventions.apply(doc, "budget", OpenApiConventions.read(yaml("""
                problems:
                  BadRequest:
                    year:
                      summary: 年份无效 / invalid year
                      value: {type: "urn:grantflow:problem:invalid-request", title: "请求参数无效 / Invalid request",
                              status: 400, detail: "请更正以下字段。 / Correct the fields listed in errors.",
                              code: INVALID_REQUEST}
                  NotFound:
                    budget:
                      summary: 没有该年度预算 / no budget for that year
                      value: {type: "urn:grantflow:problem:not-found", title: "未找到 / Not found", status: 404,
                              detail: "未找到预算：2031 / Budget not found: 2031", code: NOT_FOUND}
                """)));

        Operation read = doc.getPaths().getPathItem("/budgets/{fiscalYear}").getGET();
        assertThat(read.getResponses().getAPIResponses().keySet())
                .containsExactly("200", "400", "401", "403", "404", "429");
        assertThat(read.getResponses().getAPIResponse("401").getRef()).isEqualTo("#/components/responses/Unauthorized");
        Operation set = doc.getPaths().getPathItem("/budgets/{fiscalYear}").getPUT();
        assertThat(set.getResponses().getAPIResponses().keySet())
                .containsExactly("200", "400", "401", "403", "411", "413", "415", "429");
        assertThat(doc.getComponents().getResponses().keySet())
                .containsExactlyInAnyOrder(
                        "BadRequest",
                        "Unauthorized",
                        "Forbidden",
                        "NotFound",
                        "LengthRequired",
                        "PayloadTooLarge",
                        "UnsupportedMediaType",
                        "TooManyRequests");
        APIResponse tooMany = doc.getComponents().getResponses().get("TooManyRequests");
        assertThat(tooMany.getContent()
                        .getMediaType("application/problem+json")
                        .getSchema()
                        .getRef())
                .isEqualTo("#/components/schemas/Problem");
        assertThat(tooMany.getHeaders()).containsKey("Retry-After");
        assertThat(doc.getComponents().getResponses().get("Unauthorized").getHeaders())
                .containsKey("WWW-Authenticate");
    }

    @Test
    void theDefaultExamplesAreWhatTheServicesAnswer() throws Exception {
        OpenAPI doc = document();
        OpenApiConventions.apply(doc, "budget", OpenApiConventions.read(yaml("""
                problems:
                  BadRequest: {x: {summary: s / s, value: {}}}
                  NotFound: {x: {summary: s / s, value: {}}}
                """)));
        Object example = doc.getComponents()
                .getResponses()
                .get("Unauthorized")
                .getContent()
                .getMediaType("application/problem+json")
                .getExamples()
                .values()
                .iterator()
                .next()
                .getValue();
        assertThat(example)
                .isEqualTo(Map.of(
                        "type",
                        "urn:grantflow:problem:unauthenticated",
                        "title",
                        "未认证 / Unauthenticated",
                        "status",
                        401,
                        "detail",
                        "请携带有效的访问令牌（Bearer） / Send a valid access token (Bearer) meant for this service",
                        "instance",
                        "/outbox/parked",
                        "code",
                        "UNAUTHENTICATED"));
    }

    @Test
    void thePlatformsOperationsNameTheService() {
        assertThat(OpenApiConventions.scoped("listParkedMessages", "budget")).isEqualTo("listBudgetParkedMessages");
        assertThat(OpenApiConventions.scoped("retryParkedMessage", "platform-test"))
                .isEqualTo("retryPlatformTestParkedMessage");
        OpenAPI doc = document();
        OpenApiConventions.apply(
                doc,
                "disbursement",
                Map.of(
                        "problems",
                        Map.of(
                                "BadRequest", Map.of("x", Map.of("summary", "s / s", "value", Map.of())),
                                "NotFound", Map.of("x", Map.of("summary", "s / s", "value", Map.of())))));
        assertThat(doc.getPaths().getPathItem("/outbox/parked").getGET().getOperationId())
                .isEqualTo("listDisbursementParkedMessages");
    }

    @Test
    void examplesGoWhereTheirOperationSays() throws Exception {
        OpenAPI doc = document();
        OpenApiConventions.apply(doc, "budget", OpenApiConventions.read(yaml("""
                operations:
                  setFiscalYearBudget:
                    request:
                      total:
                        summary: 2026年预算总额 / the 2026 total
                        value: {total: 50000000.00}
                    responses:
                      "200":
                        set:
                          summary: 已设定 / set
                          value: {fiscalYear: 2026, total: 50000000.00}
                problems:
                  BadRequest: {x: {summary: s / s, value: {}}}
                  NotFound: {x: {summary: s / s, value: {}}}
                """)));
        Operation set = doc.getPaths().getPathItem("/budgets/{fiscalYear}").getPUT();
        Object request = set.getRequestBody()
                .getContent()
                .getMediaType("application/json")
                .getExamples()
                .get("total")
                .getValue();
        // money keeps its two decimals
        assertThat(request).isEqualTo(Map.of("total", new BigDecimal("50000000.00")));
        assertThat(set.getResponses()
                        .getAPIResponse("200")
                        .getContent()
                        .getMediaType("application/json")
                        .getExamples())
                .containsKey("set");
    }

    @Test
    void anExampleOfAnOperationThatDoesNotExistFailsTheBuild() {
        assertThatThrownBy(() -> OpenApiConventions.apply(document(), "budget", OpenApiConventions.read(yaml("""
                operations:
                  setBudget:
                    request: {x: {summary: s / s, value: {}}}
                """))))
                .hasMessageContaining("no operation setBudget");
        assertThatThrownBy(() -> OpenApiConventions.apply(document(), "budget", OpenApiConventions.read(yaml("""
                operations:
                  getFiscalYearBudget:
                    responses: {"201": {x: {summary: s / s, value: {}}}}
                """))))
                .hasMessageContaining("no response 201");
    }

    @Test
    void aProblemOnlyTheServiceCanIllustrateNeedsItsExample() {
        OpenAPI doc = document();
        doc.getPaths()
                .getPathItem("/budgets/{fiscalYear}")
                .getPUT()
                .getResponses()
                .addAPIResponse("409", OASFactory.createAPIResponse().ref(ProblemResponses.CONFLICT_REF));
        assertThatThrownBy(() -> OpenApiConventions.apply(doc, "budget", Map.of()))
                .hasMessageContaining("problems.Conflict");
    }

    @Test
    void withoutItsOwnTheServiceShowsThePlatformsAnswers() {
        OpenAPI doc = document();
        OpenApiConventions.apply(doc, "budget", Map.of());
        Object example = doc.getComponents()
                .getResponses()
                .get("NotFound")
                .getContent()
                .getMediaType("application/problem+json")
                .getExamples()
                .values()
                .iterator()
                .next()
                .getValue();
        assertThat(example)
                .isEqualTo(Map.of(
                        "type",
                        "urn:grantflow:problem:not-found",
                        "title",
                        "未找到 / Not found",
                        "status",
                        404,
                        "detail",
                        "未找到停放的消息：9e2d4c1a-6b3f-4a58-9d07-1c2b3a4d5e6f / "
                                + "Parked message not found: 9e2d4c1a-6b3f-4a58-9d07-1c2b3a4d5e6f",
                        "instance",
                        "/outbox/parked/9e2d4c1a-6b3f-4a58-9d07-1c2b3a4d5e6f/retry",
                        "code",
                        "NOT_FOUND"));
    }

    @Test
    void anOperationWithoutAnIdFailsTheBuild() {
        OpenAPI doc = document();
        doc.getPaths().getPathItem("/budgets/{fiscalYear}").getGET().setOperationId(null);
        assertThatThrownBy(() -> OpenApiConventions.apply(doc, "budget", Map.of()))
                .hasMessageContaining("operationId")
                .hasMessageContaining("GET /budgets/{fiscalYear}");
    }

    @Test
    void aRefusalIsAlwaysAReference() {
        OpenAPI doc = document();
        doc.getPaths()
                .getPathItem("/budgets/{fiscalYear}")
                .getGET()
                .getResponses()
                .addAPIResponse(
                        "409",
                        OASFactory.createAPIResponse()
                                .description("conflict")
                                .content(OASFactory.createContent()
                                        .addMediaType("application/json", OASFactory.createMediaType())));
        assertThatThrownBy(() -> OpenApiConventions.apply(doc, "budget", Map.of()))
                .hasMessageContaining("ref to ProblemResponses");
        OpenAPI wrong = document();
        wrong.getPaths()
                .getPathItem("/budgets/{fiscalYear}")
                .getGET()
                .getResponses()
                .addAPIResponse("409", OASFactory.createAPIResponse().ref("NotFound"));
        assertThatThrownBy(() -> OpenApiConventions.apply(wrong, "budget", Map.of()))
                .hasMessageContaining("409 refers to");
    }

    @Test
    void theProblemSchemaHasExactlyTheMembersTheServicesWrite() {
        assertThat(ProblemResponses.problemSchema().getProperties().keySet())
                .containsExactlyElementsOf(names(Problem.class.getRecordComponents()));
        assertThat(ProblemResponses.fieldErrorSchema().getProperties().keySet())
                .containsExactlyElementsOf(names(FieldError.class.getRecordComponents()));
    }

    @Test
    void aLoopbackServerIsTheLocalDemo() {
        OpenAPI doc = document();
        doc.addServer(OASFactory.createServer().url("http://127.0.0.1:8083"));
        doc.addServer(OASFactory.createServer().url("https://grants.example.org"));
        OpenApiConventions.apply(
                doc,
                "budget",
                Map.of(
                        "problems",
                        Map.of(
                                "BadRequest", Map.of("x", Map.of("summary", "s / s", "value", Map.of())),
                                "NotFound", Map.of("x", Map.of("summary", "s / s", "value", Map.of())))));
        assertThat(doc.getServers().get(0).getDescription()).contains("本地演示").contains("local demo");
        assertThat(doc.getServers().get(1).getDescription()).isNull();
    }

    private static List<String> names(RecordComponent[] components) {
        return Arrays.stream(components).map(RecordComponent::getName).toList();
    }

    private static ByteArrayInputStream yaml(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Two budget operations (one with a body) and the platform's list, as the framework leaves them. */
    private static OpenAPI document() {
        PathItem budget = OASFactory.createPathItem()
                .GET(operation("getFiscalYearBudget")
                        .addParameter(OASFactory.createParameter().name("fiscalYear"))
                        .responses(OASFactory.createAPIResponses()
                                .addAPIResponse(
                                        "404", OASFactory.createAPIResponse().ref(ProblemResponses.NOT_FOUND_REF))
                                .addAPIResponse("200", json())
                                .addAPIResponse(
                                        "401", OASFactory.createAPIResponse().description("Not Authorized"))))
                .PUT(operation("setFiscalYearBudget")
                        .requestBody(OASFactory.createRequestBody()
                                .content(OASFactory.createContent()
                                        .addMediaType("application/json", OASFactory.createMediaType())))
                        .responses(OASFactory.createAPIResponses()
                                .addAPIResponse("200", json())
                                .addAPIResponse(
                                        "400", OASFactory.createAPIResponse().description("Bad Request"))));
        PathItem parked = OASFactory.createPathItem()
                .GET(operation("listParkedMessages")
                        .responses(OASFactory.createAPIResponses().addAPIResponse("200", json())));
        return OASFactory.createOpenAPI()
                .paths(OASFactory.createPaths()
                        .addPathItem("/budgets/{fiscalYear}", budget)
                        .addPathItem("/outbox/parked", parked));
    }

    private static Operation operation(String id) {
        return OASFactory.createOperation()
                .operationId(id)
                .addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("keycloak", "finance"));
    }

    private static APIResponse json() {
        return OASFactory.createAPIResponse()
                .description("成功 / OK")
                .content(OASFactory.createContent().addMediaType("application/json", OASFactory.createMediaType()));
    }
}
