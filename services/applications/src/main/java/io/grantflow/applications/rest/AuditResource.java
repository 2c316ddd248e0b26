package io.grantflow.applications.rest;

import io.grantflow.applications.application.audit.AuditQueries;
import io.grantflow.platform.openapi.ProblemResponses;
import io.grantflow.platform.rest.FieldError;
import io.grantflow.platform.rest.Page;
import io.grantflow.platform.rest.PageRequest;
import io.grantflow.platform.rest.ProblemException;
import io.grantflow.platform.rest.QueryParams;
import io.grantflow.platform.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The audit trail for those who watch over it: operators and admins verify the whole chain;
 * they and the reviewers of an application's department read its entries. Blocking JDBC on a
 * worker thread.
 */
@Path("/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit", description = "审计日志 / Audit trail")
public class AuditResource {
    /** Subjects, actors and correlation ids: the characters ids, codes and user names are made of. */
    static final String TOKEN = "^[A-Za-z0-9._:@/-]{1,128}$";

    static final String ACTION = "^[a-z0-9.-]{1,64}$";
    private static final Pattern TOKEN_PATTERN = Pattern.compile(TOKEN);
    private static final Pattern ACTION_PATTERN = Pattern.compile(ACTION);

    private final AuditQueries queries;
    private final Caller caller;

    public AuditResource(AuditQueries queries, Caller caller) {
        this.queries = queries;
        this.caller = caller;
    }

    /** Where the chain breaks: the entry's sequence number (its id), the kind, expected and found, why. */
    public record AuditBreakView(
            @Schema(description = "断开处的序号（条目编号） / the sequence number (the entry's id) where it breaks")
            long sequence,

            AuditQueries.AuditBreakKind kind,
            String expected,
            String found,
            String messageZh,
            String messageEn) {}

    /** The verdict: intact or not, entries verified, the head as stored, and the first break. */
    public record AuditVerificationView(
            boolean intact,

            @Schema(description = "第一处断开之前校验通过的条数 / entries verified before the first break")
            long checked,

            @Schema(description = "链头（audit_head）记录的最新序号 / the newest sequence as the head (audit_head) keeps it")
            long headSequence,

            @Schema(description = "链头的哈希，可另行保存以备核对 / the head's hash: keep it elsewhere to check later")
            String headHash,

            AuditBreakView firstBreak) {}

    /** An entry as stored. */
    public record AuditEntryView(
            long seq,
            OffsetDateTime at,
            String actorId,
            String actorRole,
            String action,

            @Schema(description = "申请编号 / the application's id")
            String subject,

            @Schema(description = "操作前的状态（JSON 文本，参与哈希的原文） / the state before (JSON text, exactly as hashed)")
            String before,

            @Schema(description = "操作后的状态（JSON 文本，参与哈希的原文） / the state after (JSON text, exactly as hashed)")
            String after,

            @Schema(
                    description =
                            "请求的 X-Request-Id 或所消费消息的编号 / the request's X-Request-Id or the consumed message's id")
            String correlationId,

            String previousHash,
            String hash) {}

    @GET
    @Path("/verification")
    @RolesAllowed({Caller.OPERATOR, Caller.ADMIN})
    @Operation(
            operationId = "verifyAuditChain",
            summary = "Verify the whole audit chain / 校验审计链",
            description = "从第一条起逐页校验每条记录的哈希、其指向的上一条哈希与序号，并与链头（audit_head）核对；"
                    + "链断开时给出第一处断开的序号与类型。 / Verifies, page by page from the first entry, each entry's "
                    + "hash, the previous hash it points at and its sequence, then the chain's end against its head "
                    + "(audit_head); a broken chain names the first break's sequence and kind.")
    @APIResponse(responseCode = "200", description = "校验结果，链断开时也是200 / the verdict, 200 also when the chain is broken")
    public AuditVerificationView verify() throws SQLException {
        AuditQueries.Verification v = queries.verify();
        AuditQueries.Break b = v.firstBreak();
        return new AuditVerificationView(
                v.intact(),
                v.checked(),
                v.headSequence(),
                v.headHash(),
                b == null
                        ? null
                        : new AuditBreakView(
                                b.sequence(),
                                b.kind(),
                                b.expected(),
                                b.found(),
                                b.message().zh(),
                                b.message().en()));
    }

    @GET
    @RolesAllowed({Caller.REVIEWER, Caller.OPERATOR, Caller.ADMIN})
    @Operation(
            operationId = "listAuditEntries",
            summary = "Audit entries, oldest first, paged / 审计记录",
            description = "审核人员须指明本部门的一个申请或申报批次（subject）；运营与管理员可按对象、操作人、操作、关联编号和时间段"
                    + "（from 含、to 不含）任意组合筛选，不加条件则为全部记录。before、after 为参与哈希计算的原文；correlationId 为请求的 "
                    + "X-Request-Id 请求头（1–128 个 A–Z a–z 0–9 . _ : - 字符，未提供时由服务生成，格式不符则 400）或所消费消息的编号。 / "
                    + "A reviewer names one application or call of its department (subject); operators and admins "
                    + "filter by any mix of subject, actor, action, correlation id and period (from inclusive, to "
                    + "exclusive), or list the whole trail. before and after are the exact texts that were hashed; "
                    + "correlationId is the request's X-Request-Id header (1–128 of A–Z a–z 0–9 . _ : -, made up when "
                    + "absent, 400 when malformed) or the consumed message's id.")
    @APIResponse(responseCode = "200", description = "一页审计记录 / a page of audit entries")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    public Page<AuditEntryView> list(
            // read as text and converted here (400 naming the parameter), documented as what it must be
            @Parameter(
                            description = "对象：申请或批次编号，或申请主体的统一社会信用代码（仅运营、管理员）；审核人员必填 / the "
                                    + "subject: an application's or call's id, or an applicant's credit code (operators and "
                                    + "admins only); required of a reviewer",
                            schema = @Schema(type = SchemaType.STRING, maxLength = 128, pattern = TOKEN))
                    @QueryParam("subject")
                    String subjectParam,
            @Parameter(
                            description = "操作人（用户名、客户端或 system:…） / the actor (user, client or system:…)",
                            schema = @Schema(type = SchemaType.STRING, maxLength = 128, pattern = TOKEN))
                    @QueryParam("actor")
                    String actorParam,
            @Parameter(
                            description = "操作，如 application.reject / the action, e.g. application.reject",
                            schema = @Schema(type = SchemaType.STRING, maxLength = 64, pattern = ACTION))
                    @QueryParam("action")
                    String actionParam,
            @Parameter(
                            description = "关联编号（请求的 X-Request-Id 或消息编号） / the correlation id (a request's "
                                    + "X-Request-Id or a message's id)",
                            schema = @Schema(type = SchemaType.STRING, maxLength = 128, pattern = TOKEN))
                    @QueryParam("correlationId")
                    String correlationParam,
            @Parameter(
                            description = "自此时刻起（含），ISO 8601 带时区 / from this instant on (inclusive), ISO 8601 with "
                                    + "its offset",
                            schema = @Schema(type = SchemaType.STRING, format = "date-time"))
                    @QueryParam("from")
                    String fromParam,
            @Parameter(
                            description = "至此时刻前（不含），ISO 8601 带时区 / before this instant (exclusive), ISO 8601 with "
                                    + "its offset",
                            schema = @Schema(type = SchemaType.STRING, format = "date-time"))
                    @QueryParam("to")
                    String toParam,
            @Parameter(
                            description = "每页条数，1–200，默认50 / page size, 1–200, default 50",
                            schema =
                                    @Schema(
                                            type = SchemaType.INTEGER,
                                            format = "int32",
                                            minimum = "1",
                                            maximum = "200"))
                    @QueryParam("limit")
                    String limitParam,
            @Parameter(
                            description = "跳过的条数，0–100000，默认0 / entries to skip, 0–100000, default 0",
                            schema =
                                    @Schema(
                                            type = SchemaType.INTEGER,
                                            format = "int32",
                                            minimum = "0",
                                            maximum = "100000"))
                    @QueryParam("offset")
                    String offsetParam)
            throws SQLException {
        boolean seesAll = caller.hasRole(Caller.OPERATOR) || caller.hasRole(Caller.ADMIN);
        // every parameter is read before anything is looked up, and all their faults answered at once
        List<FieldError> faults = new ArrayList<>();
        String subject = read(faults, () -> token("subject", subjectParam, TOKEN_PATTERN, 128));
        UUID subjectId = null;
        if (!seesAll && faults.isEmpty()) {
            // a reviewer reads one application's or call's trail, of its department
            subjectId = read(faults, () -> QueryParams.uuid("subject", subject));
            if (subjectId == null && faults.isEmpty()) {
                faults.add(new FieldError(
                        "subject", "REQUIRED", "须指明申请或申报批次编号", "the application's or call's id is required"));
            }
        }
        String actor = read(faults, () -> token("actor", actorParam, TOKEN_PATTERN, 128));
        String action = read(faults, () -> token("action", actionParam, ACTION_PATTERN, 64));
        String correlation = read(faults, () -> token("correlationId", correlationParam, TOKEN_PATTERN, 128));
        OffsetDateTime from = read(faults, () -> instant("from", fromParam));
        OffsetDateTime to = read(faults, () -> instant("to", toParam));
        if (from != null && to != null && !from.isBefore(to)) {
            faults.add(new FieldError("to", "BEFORE_FROM", "to 须晚于 from", "to must be later than from"));
        }
        PageRequest page = read(
                faults,
                () -> PageRequest.of(
                        QueryParams.integer("limit", limitParam), QueryParams.integer("offset", offsetParam)));
        if (!faults.isEmpty()) {
            throw ProblemException.badRequest(faults);
        }
        if (!seesAll && !queries.visible(subjectId, false, caller.department().orElse(null))) {
            // another department's application does not exist for a reviewer (ADR 0005)
            throw ProblemException.notFound("申请", "application", subjectId.toString());
        }
        AuditQueries.Filter filter = new AuditQueries.Filter(subject, actor, action, correlation, from, to);
        return queries.search(filter, page)
                .map(e -> new AuditEntryView(
                        e.seq(),
                        e.at(),
                        e.actorId(),
                        e.actorRole(),
                        e.action(),
                        e.subject(),
                        e.before(),
                        e.after(),
                        e.correlationId(),
                        e.previousHash(),
                        e.hash()));
    }

    /** A filter's text, null when absent; 400 naming the parameter when it is not what it must be. */
    private static String token(String name, String value, Pattern pattern, int max) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > max || !pattern.matcher(value).matches()) {
            throw ProblemException.invalidField(
                    name,
                    "INVALID_PARAMETER",
                    name + " 至多 " + max + " 个字符，且只含字母、数字和 " + (pattern == ACTION_PATTERN ? ". -" : ". _ : @ / -"),
                    name + " is at most " + max + " characters of letters, digits and "
                            + (pattern == ACTION_PATTERN ? ". -" : ". _ : @ / -"));
        }
        return value;
    }

    /** An ISO 8601 instant with its offset, null when absent; 400 naming the parameter otherwise. */
    private static OffsetDateTime instant(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(
                    name,
                    "INVALID_PARAMETER",
                    name + " 须为带时区的 ISO 8601 时刻，如 2026-12-01T00:00:00+08:00",
                    name + " must be an ISO 8601 instant with its offset, e.g. 2026-12-01T00:00:00+08:00");
        }
    }

    /** What {@code read} gives, or null with its faults added to {@code faults}. */
    private static <T> T read(List<FieldError> faults, Supplier<T> read) {
        try {
            return read.get();
        } catch (ProblemException e) {
            faults.addAll(e.errors());
            return null;
        }
    }
}
