package io.grantflow.platform.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The problems every service answers the same way, and the rules that keep a problem short:
 * an input is never echoed beyond a short prefix, and nothing names framework internals.
 */
public final class Problems {
    /** How much of a rejected value a problem may repeat. */
    public static final int ECHO = 64;

    private static final int INSTANCE = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Problems() {}

    /** At most {@link #ECHO} characters of {@code value}, marked when cut. */
    public static String echo(String value) {
        if (value == null) {
            return "null";
        }
        String clean = value.codePoints()
                .limit(ECHO + 1L)
                .map(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return clean.codePointCount(0, clean.length()) > ECHO
                ? clean.substring(0, clean.offsetByCodePoints(0, ECHO)) + "…"
                : clean;
    }

    /** The request path as a problem's {@code instance}, cut to a bounded length. */
    public static String instance(String path) {
        if (path == null) {
            return null;
        }
        return path.length() > INSTANCE ? path.substring(0, INSTANCE) + "…" : path;
    }

    public static ProblemException unauthorized() {
        return new ProblemException(
                401,
                "UNAUTHENTICATED",
                "未认证",
                "Unauthenticated",
                "请携带有效的访问令牌（Bearer）",
                "Send a valid access token (Bearer) meant for this service",
                null);
    }

    public static ProblemException forbiddenRole() {
        return new ProblemException(
                403, "FORBIDDEN", "无权操作", "Forbidden", "当前账号的角色无权执行此操作", "The caller's role may not do this", null);
    }

    public static ProblemException tooLarge() {
        return tooLarge(1024 * 1024);
    }

    /** A body above {@code maxBytes}, named in the detail ("20 MB"). */
    public static ProblemException tooLarge(long maxBytes) {
        String size = size(maxBytes);
        return new ProblemException(
                413,
                "PAYLOAD_TOO_LARGE",
                "请求体过大",
                "Payload too large",
                "请求体不得超过" + size,
                "The request body must not exceed " + size,
                null);
    }

    /** A size as a person reads it: whole megabytes or kilobytes (1,024 based) where exact, else bytes. */
    public static String size(long bytes) {
        long mb = 1024L * 1024;
        if (bytes >= mb && bytes % mb == 0) {
            return bytes / mb + " MB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return bytes / 1024 + " KB";
        }
        return bytes + " bytes";
    }

    /**
     * A body sent in chunks: its size is not known before it is read, and the HTTP layer would
     * answer a too-large one with an empty 413, so every body must say its length up front.
     */
    public static ProblemException lengthRequired() {
        return new ProblemException(
                411,
                "LENGTH_REQUIRED",
                "须注明请求体长度",
                "Length required",
                "请求体须带 Content-Length 头（不接受分块传输），且不超过1 MB",
                "Send the body with a Content-Length header (chunked uploads are not accepted), at most 1 MB",
                null);
    }

    /** An If-Match that names a version other than the current one (RFC 9110, 13.1.1). */
    public static ProblemException preconditionFailed() {
        return new ProblemException(
                412,
                "PRECONDITION_FAILED",
                "版本已变更",
                "Precondition failed",
                "该记录已被修改，If-Match 所给版本已不是当前版本；请重新读取，用新的 ETag 重试",
                "The record changed since the version in If-Match; read it again and retry with its new ETag",
                null);
    }

    /** A change of an existing record sent without If-Match (RFC 6585, 3). */
    public static ProblemException preconditionRequired() {
        return new ProblemException(
                428,
                "PRECONDITION_REQUIRED",
                "须注明所改版本",
                "Precondition required",
                "修改已有记录须带 If-Match 头，值为读取时得到的 ETag",
                "Changing an existing record needs an If-Match header with the ETag it was read with",
                null);
    }

    public static ProblemException tooManyRequests(long retryAfterSeconds) {
        return new ProblemException(
                        429,
                        "TOO_MANY_REQUESTS",
                        "请求过于频繁",
                        "Too many requests",
                        "请在" + retryAfterSeconds + "秒后重试",
                        "Try again in " + retryAfterSeconds + " s",
                        null)
                .retryAfter(retryAfterSeconds);
    }

    public static ProblemException methodNotAllowed() {
        return new ProblemException(
                405,
                "METHOD_NOT_ALLOWED",
                "不支持该请求方法",
                "Method not allowed",
                "该地址不支持此请求方法",
                "This resource does not support this method",
                null);
    }

    public static ProblemException notAcceptable() {
        return new ProblemException(
                406,
                "NOT_ACCEPTABLE",
                "无法提供所需格式",
                "Not acceptable",
                "本接口只返回 application/json",
                "This API answers application/json only",
                null);
    }

    public static ProblemException unsupportedMediaType() {
        return new ProblemException(
                415,
                "UNSUPPORTED_MEDIA_TYPE",
                "不支持的内容类型",
                "Unsupported media type",
                "请求体须为 application/json",
                "The request body must be application/json",
                null);
    }

    /** The policy catalogue has not reached this service yet (it is published by eligibility at start). */
    public static ProblemException catalogueNotPublished() {
        return new ProblemException(
                        503,
                        "CATALOGUE_NOT_PUBLISHED",
                        "政策目录尚未同步",
                        "Catalogue not available",
                        "本服务尚未收到政策目录，请稍后重试",
                        "This service has not received the policy catalogue yet; retry shortly",
                        null)
                .retryAfter(5);
    }

    public static ProblemException internal() {
        return new ProblemException(
                500,
                "INTERNAL_ERROR",
                "系统内部错误",
                "Internal error",
                "请稍后重试；如问题持续，请联系运维",
                "Try again later; if it persists, contact the operators",
                null);
    }

    /** The problem document as JSON text, for answers written outside the REST layer. */
    public static String json(ProblemException problem, String path) {
        try {
            return JSON.writeValueAsString(problem.toBody(instance(path)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
