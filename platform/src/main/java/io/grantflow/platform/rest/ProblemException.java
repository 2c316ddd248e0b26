package io.grantflow.platform.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A refusal the caller can act on; becomes a problem details response. */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String code;
    private final String titleZh;
    private final String titleEn;
    private final String detailZh;
    private final String detailEn;
    private final List<FieldError> errors;
    private final Map<String, Object> extensions = new LinkedHashMap<>();
    private long retryAfter;

    public ProblemException(
            int status,
            String code,
            String titleZh,
            String titleEn,
            String detailZh,
            String detailEn,
            List<FieldError> errors) {
        super(code + ": " + detailEn);
        this.status = status;
        this.code = code;
        this.titleZh = titleZh;
        this.titleEn = titleEn;
        this.detailZh = detailZh;
        this.detailEn = detailEn;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static ProblemException badRequest(List<FieldError> errors) {
        return new ProblemException(
                400,
                "INVALID_REQUEST",
                "请求参数无效",
                "Invalid request",
                "请更正以下字段。",
                "Correct the fields listed in errors.",
                errors);
    }

    public static ProblemException invalidField(String field, String code, String messageZh, String messageEn) {
        return badRequest(List.of(new FieldError(field, code, messageZh, messageEn)));
    }

    /** {@code whatZh} and {@code whatEn} name the kind of object, e.g. "申请" and "application". */
    public static ProblemException notFound(String whatZh, String whatEn, String id) {
        String shown = Problems.echo(id);
        String en = whatEn.isEmpty() ? whatEn : Character.toUpperCase(whatEn.charAt(0)) + whatEn.substring(1);
        return new ProblemException(
                404, "NOT_FOUND", "未找到", "Not found", "未找到" + whatZh + "：" + shown, en + " not found: " + shown, null);
    }

    public static ProblemException forbidden(String code, String detailZh, String detailEn) {
        return new ProblemException(403, code, "无权操作", "Forbidden", detailZh, detailEn, null);
    }

    public static ProblemException conflict(String code, String detailZh, String detailEn) {
        return new ProblemException(409, code, "状态冲突", "Conflict", detailZh, detailEn, null);
    }

    public static ProblemException unprocessable(
            String code, String detailZh, String detailEn, List<FieldError> errors) {
        return new ProblemException(422, code, "业务规则不允许", "Refused by a business rule", detailZh, detailEn, errors);
    }

    /**
     * Adds an RFC 9457 extension member (e.g. the account that would go over its limit and its
     * headroom), written at the top level of the problem document.
     */
    /** The fields at fault (none for a problem of the whole request). */
    public List<FieldError> errors() {
        return errors;
    }

    public ProblemException with(String member, Object value) {
        extensions.put(member, value);
        return this;
    }

    /** The problem document: the standard members, then the extension members. */
    public Object toBody(String instance) {
        Problem problem = toProblem(instance);
        if (extensions.isEmpty()) {
            return problem;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.type());
        body.put("title", problem.title());
        body.put("status", problem.status());
        body.put("detail", problem.detail());
        if (problem.instance() != null) {
            body.put("instance", problem.instance());
        }
        body.put("code", problem.code());
        if (problem.errors() != null) {
            body.put("errors", problem.errors());
        }
        extensions.forEach(body::putIfAbsent);
        return body;
    }

    public Problem toProblem(String instance) {
        return new Problem(
                "urn:grantflow:problem:" + code.toLowerCase().replace('_', '-'),
                titleZh + " / " + titleEn,
                status,
                detailZh + " / " + detailEn,
                instance,
                code,
                errors.isEmpty() ? null : errors);
    }

    /** A 429 that says when to come back ({@code Retry-After}, seconds). */
    public ProblemException retryAfter(long seconds) {
        this.retryAfter = seconds;
        return this;
    }

    public long retryAfter() {
        return retryAfter;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
