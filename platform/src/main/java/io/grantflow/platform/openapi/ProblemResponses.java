package io.grantflow.platform.openapi;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.platform.rest.FieldError;
import io.grantflow.platform.rest.Problem;
import io.grantflow.platform.rest.ProblemException;
import io.grantflow.platform.rest.Problems;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.examples.Example;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * The problem responses (RFC 9457, {@code application/problem+json}) of every service's OpenAPI
 * document, and the one {@code Problem} schema they share. A resource names the ones that apply
 * to an operation beyond those every operation can meet, e.g.
 * {@code @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)}.
 */
public enum ProblemResponses {
    BAD_REQUEST(
            "400",
            "BadRequest",
            "请求无效：errors[] 逐项列出字段或参数（JSON 路径，请求体本身为 $）及原因",
            "Invalid request: errors[] names each field or parameter (a JSON path; $ is the body itself) and why",
            path -> ProblemException.invalidField(
                            "limit", "INVALID_PARAMETER", "须为1到200之间的整数", "must be a whole number from 1 to 200")
                    .toBody(Parked.PATH)),
    UNAUTHORIZED(
            "401",
            "Unauthorized",
            "未携带有效的、发给本服务的访问令牌（Bearer）",
            "No valid access token (Bearer) meant for this service",
            path -> Problems.unauthorized().toBody(path)),
    FORBIDDEN(
            "403",
            "Forbidden",
            "令牌的角色（或未绑定的企业、部门）不允许此操作",
            "The token's role (or a missing enterprise or department) does not allow this",
            path -> Problems.forbiddenRole().toBody(path)),
    NOT_FOUND(
            "404",
            "NotFound",
            "不存在，或调用者无权看到（其他企业、其他部门的对象）",
            "Does not exist, or not for this caller (another enterprise's or department's)",
            path -> ProblemException.notFound("停放的消息", "parked message", Parked.ID)
                    .toBody(Parked.PATH + "/" + Parked.ID + "/retry")),
    CONFLICT(
            "409",
            "Conflict",
            "与当前状态冲突（状态不允许、编号已用于其他内容、同时修改）",
            "Conflicts with the current state (wrong status, id used for other content, concurrent change)",
            null),
    LENGTH_REQUIRED(
            "411",
            "LengthRequired",
            "请求体须带 Content-Length（不接受分块传输）",
            "The body must carry Content-Length (no chunked uploads)",
            path -> Problems.lengthRequired().toBody(path)),
    PRECONDITION_FAILED(
            "412",
            "PreconditionFailed",
            "If-Match 所给版本已不是当前版本：请重新读取，用新的 ETag 重试",
            "The version in If-Match is no longer the current one: read again and retry with the new ETag",
            path -> Problems.preconditionFailed().toBody(path)),
    PAYLOAD_TOO_LARGE(
            "413",
            "PayloadTooLarge",
            "请求体超过1 MB",
            "The body exceeds 1 MB",
            path -> Problems.tooLarge().toBody(path)),
    UNSUPPORTED_MEDIA_TYPE(
            "415",
            "UnsupportedMediaType",
            "请求体须为 application/json",
            "The body must be application/json",
            path -> Problems.unsupportedMediaType().toBody(path)),
    UNPROCESSABLE_CONTENT(
            "422", "UnprocessableContent", "格式正确，但业务规则不允许", "Well-formed, but a business rule refuses it", null),
    PRECONDITION_REQUIRED(
            "428",
            "PreconditionRequired",
            "修改已有记录须带 If-Match（读取时得到的 ETag）",
            "Changing an existing record needs If-Match (the ETag it was read with)",
            path -> Problems.preconditionRequired().toBody(path)),
    TOO_MANY_REQUESTS(
            "429",
            "TooManyRequests",
            "超过每个调用者的请求速率（每秒50次，突发200次）；请按 Retry-After 等待",
            "Over the rate allowed per caller (50 a second, bursts of 200); wait as Retry-After says",
            path -> Problems.tooManyRequests(1).toBody(path)),
    SERVICE_UNAVAILABLE(
            "503",
            "ServiceUnavailable",
            "暂时无法处理（如尚未收到政策目录）；请按 Retry-After 重试",
            "Cannot answer yet (e.g. the policy catalogue has not arrived); retry as Retry-After says",
            path -> Problems.catalogueNotPublished().toBody(path));

    /** Names to use in {@code @APIResponse(ref = ...)}: compile-time constants, as annotations need. */
    public static final String NOT_FOUND_REF = "NotFound";

    public static final String CONFLICT_REF = "Conflict";
    public static final String UNPROCESSABLE_CONTENT_REF = "UnprocessableContent";
    public static final String PRECONDITION_FAILED_REF = "PreconditionFailed";
    public static final String PRECONDITION_REQUIRED_REF = "PreconditionRequired";
    public static final String PAYLOAD_TOO_LARGE_REF = "PayloadTooLarge";
    public static final String SERVICE_UNAVAILABLE_REF = "ServiceUnavailable";

    static final String PROBLEM_SCHEMA = "Problem";
    static final String FIELD_ERROR_SCHEMA = "FieldError";
    private static final String COMPONENT_PREFIX = "#/components/responses/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String status;
    private final String component;
    private final String zh;
    private final String en;
    private final Function<String, Object> example;

    ProblemResponses(String status, String component, String zh, String en, Function<String, Object> example) {
        this.status = status;
        this.component = component;
        this.zh = zh;
        this.en = en;
        this.example = example;
    }

    public String status() {
        return status;
    }

    public String component() {
        return component;
    }

    String ref() {
        return COMPONENT_PREFIX + component;
    }

    /** The one of a {@code $ref} such as {@code #/components/responses/NotFound}. */
    static Optional<ProblemResponses> ofRef(String ref) {
        return Arrays.stream(values())
                .filter(p -> p.ref().equals(ref) || p.component.equals(ref))
                .findFirst();
    }

    /**
     * The response, with {@code examples} (name to example) or the platform's own for {@code instance}.
     * Conflicts and business rules are the service's own: it must show them.
     */
    APIResponse response(Map<String, Example> examples, String instance) {
        Map<String, Example> shown = examples;
        if (shown == null || shown.isEmpty()) {
            if (example == null) {
                throw new IllegalStateException(component + ": the service must give an example of this problem "
                        + "(problems." + component + " in src/main/resources/openapi/examples.yaml)");
            }
            shown = Map.of(
                    component,
                    OASFactory.createExample()
                            .summary(zh + " / " + en)
                            .value(asMap(example.apply(Problems.instance(instance)))));
        }
        APIResponse response = OASFactory.createAPIResponse()
                .description(zh + " / " + en)
                .content(OASFactory.createContent()
                        .addMediaType(
                                Problem.MEDIA_TYPE,
                                OASFactory.createMediaType()
                                        .schema(OASFactory.createSchema().ref(PROBLEM_SCHEMA))
                                        .examples(new LinkedHashMap<>(shown))));
        switch (this) {
            case UNAUTHORIZED -> response.addHeader("WWW-Authenticate", header("总是 Bearer / always Bearer"));
            case TOO_MANY_REQUESTS, SERVICE_UNAVAILABLE ->
                response.addHeader(
                        "Retry-After",
                        header("几秒后重试 / seconds to wait before retrying")
                                .schema(OASFactory.createSchema()
                                        .addType(SchemaType.INTEGER)
                                        .minimum(BigDecimal.ONE)));
            default -> {}
        }
        return response;
    }

    /**
     * The platform's own examples of 400 and 404 are answers of its parked-outbox operations,
     * which every service serves; a service's own (problems in examples.yaml) take their place.
     */
    private static final class Parked {
        static final String PATH = "/outbox/parked";
        static final String ID = "9e2d4c1a-6b3f-4a58-9d07-1c2b3a4d5e6f";
    }

    private static Header header(String description) {
        return OASFactory.createHeader()
                .description(description)
                .schema(OASFactory.createSchema().addType(SchemaType.STRING));
    }

    private static Map<String, Object> asMap(Object body) {
        return JSON.convertValue(body, new TypeReference<LinkedHashMap<String, Object>>() {});
    }

    /** The {@code Problem} schema: exactly the members {@link Problem} writes, extension members allowed. */
    static Schema problemSchema() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put(
                "type",
                string("问题类型：urn:grantflow:problem: 加上小写、连字符的 code / "
                                + "the problem type: urn:grantflow:problem: and the code in lower case with hyphens")
                        .format("uri")
                        .examples(List.of("urn:grantflow:problem:invalid-request")));
        properties.put(
                "title",
                string("标题，中文 / English / the title, Chinese / English").examples(List.of("请求参数无效 / Invalid request")));
        properties.put(
                "status",
                OASFactory.createSchema()
                        .addType(SchemaType.INTEGER)
                        .format("int32")
                        .minimum(BigDecimal.valueOf(400))
                        .maximum(BigDecimal.valueOf(599))
                        .description("HTTP 状态码 / the HTTP status code"));
        properties.put(
                "detail",
                string(
                        "说明及处理办法，中文 / English，不重复超过64个字符的输入 / "
                                + "what happened and what to do, Chinese / English; repeats no more than 64 characters of any input"));
        properties.put(
                "instance",
                string("请求路径（截至200个字符） / the request path (cut to 200 characters)")
                        .maxLength(201));
        properties.put(
                "code",
                string("稳定的机器可读代码 / the stable machine-readable code")
                        .pattern("^[A-Z][A-Z0-9_]*$")
                        .examples(List.of("INVALID_REQUEST")));
        properties.put(
                "errors",
                OASFactory.createSchema()
                        .addType(SchemaType.ARRAY)
                        .description("被拒绝的各字段（400，部分422） / each rejected field (400, some 422)")
                        .items(OASFactory.createSchema().ref(FIELD_ERROR_SCHEMA)));
        return OASFactory.createSchema()
                .addType(SchemaType.OBJECT)
                .description("RFC 9457 问题详情；标题与说明为中文 / English。可带扩展成员（如预算拒绝时的账户与剩余额度）/ "
                        + "RFC 9457 problem details; title and detail in Chinese / English. Extension members may "
                        + "follow (e.g. the account and headroom of a budget refusal)")
                .required(List.of("type", "title", "status", "detail", "code"))
                .properties(properties)
                .additionalPropertiesBoolean(Boolean.TRUE);
    }

    /** The {@code FieldError} schema: exactly the members {@link FieldError} writes. */
    static Schema fieldErrorSchema() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put(
                "field",
                string("字段的 JSON 路径或参数名，请求体本身为 $ / "
                                + "the field's JSON path or the parameter's name; $ is the body itself")
                        .examples(List.of("facts.edge_purchase_cost")));
        properties.put("code", string("原因代码 / the reason's code").examples(List.of("UNKNOWN_DISTRICT")));
        properties.put("messageZh", string("原因（中文） / the reason in Chinese"));
        properties.put("messageEn", string("原因（英文） / the reason in English"));
        return OASFactory.createSchema()
                .addType(SchemaType.OBJECT)
                .description("一个被拒绝的字段 / one rejected field")
                .required(List.of("field", "code", "messageZh", "messageEn"))
                .properties(properties);
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(SchemaType.STRING).description(description);
    }
}
