package io.grantflow.platform.rest;

import java.util.List;

/** A refusal the caller can act on; becomes a problem details response. */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String code;
    private final String titleZh;
    private final String titleEn;
    private final String detailZh;
    private final String detailEn;
    private final List<FieldError> errors;

    public ProblemException(int status, String code, String titleZh, String titleEn, String detailZh, String detailEn,
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
        return new ProblemException(400, "INVALID_REQUEST", "请求参数无效", "Invalid request",
                "请更正以下字段。", "Correct the fields listed in errors.", errors);
    }

    public static ProblemException invalidField(String field, String code, String messageZh, String messageEn) {
        return badRequest(List.of(new FieldError(field, code, messageZh, messageEn)));
    }

    public static ProblemException notFound(String what, String id) {
        return new ProblemException(404, "NOT_FOUND", "未找到", "Not found",
                "未找到" + what + "：" + id, what + " not found: " + id, null);
    }

    public static ProblemException forbidden(String code, String detailZh, String detailEn) {
        return new ProblemException(403, code, "无权操作", "Forbidden", detailZh, detailEn, null);
    }

    public static ProblemException conflict(String code, String detailZh, String detailEn) {
        return new ProblemException(409, code, "状态冲突", "Conflict", detailZh, detailEn, null);
    }

    public static ProblemException unprocessable(String code, String detailZh, String detailEn, List<FieldError> errors) {
        return new ProblemException(422, code, "业务规则不允许", "Refused by a business rule", detailZh, detailEn, errors);
    }

    public Problem toProblem(String instance) {
        return new Problem("urn:grantflow:problem:" + code.toLowerCase().replace('_', '-'),
                titleZh + " / " + titleEn, status, detailZh + " / " + detailEn, instance, code,
                errors.isEmpty() ? null : errors);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
