package io.grantflow.applications.rest;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.applications.application.ReviewApplication;
import io.grantflow.applications.application.SubmitApplication;
import io.grantflow.applications.domain.ApplicationRuleException;
import io.grantflow.applications.application.ApplicationQueries;
import io.grantflow.applications.application.ApplicationRecord;
import io.grantflow.applications.application.HistoryRecord;
import io.grantflow.applications.application.Viewer;
import io.grantflow.platform.money.Money;
import io.grantflow.platform.rest.FieldError;
import io.grantflow.platform.rest.ProblemException;
import io.grantflow.platform.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Applications over REST: enterprises submit and follow their own; reviewers see and decide
 * those of their department; finance, operators and admins read all.
 */
@Path("/applications")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "applications", description = "申报与审核 / Applications and review")
public class ApplicationResource {
    private static final Set<String> DISTRICTS = Set.of(
            "liangxi", "xishan", "huishan", "binhu", "xinwu", "jingkai", "jiangyin", "yixing");

    private final SubmitApplication submit;
    private final ReviewApplication review;
    private final ApplicationQueries queries;
    private final Caller caller;
    private final ObjectMapper json;

    public ApplicationResource(SubmitApplication submit, ReviewApplication review, ApplicationQueries queries,
                               Caller caller, ObjectMapper json) {
        this.submit = submit;
        this.review = review;
        this.queries = queries;
        this.caller = caller;
        this.json = json;
    }

    /** A submission. Money in facts is a JSON number in yuan with at most two decimals. */
    public record SubmitRequest(
            @NotBlank(message = "必填 / required")
            @Pattern(regexp = "^S[0-9]{1,2}-[A-Z0-9-]+$", message = "项目代码格式错误 / malformed programme code")
            String programme,
            @NotBlank(message = "必填 / required") String district,
            @NotNull(message = "必填 / required") @Size(max = 50, message = "最多50项 / at most 50 facts")
            Map<String, Object> facts) {
    }

    /** An approval. */
    public record ApproveRequest(@NotNull(message = "必填 / required") BigDecimal amount, String comment) {
    }

    /** A rejection; the reason is shown to the applicant. */
    public record RejectRequest(@NotBlank(message = "必填 / required") String reasonZh, String reasonEn) {
    }

    /** An application as its readers see it. */
    public record ApplicationView(UUID id, String applicantId, String programme, String district,
                                  Map<String, Object> facts, String status, String statusZh, String statusEn,
                                  BigDecimal ceiling, String department, BigDecimal approvedAmount,
                                  BigDecimal paidAmount, String reasonZh, String reasonEn,
                                  OffsetDateTime submittedAt, OffsetDateTime updatedAt) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("enterprise")
    @Operation(summary = "Submit an application / 提交申报")
    public Uni<Response> submit(@NotNull(message = "必填 / required") @Valid SubmitRequest request, @Context UriInfo uri) {
        String applicantId = caller.enterpriseId().orElseThrow(() -> ProblemException.forbidden("NO_ENTERPRISE",
                "账号未绑定企业", "The account is not bound to an enterprise (enterprise_id claim)"));
        validate(request);
        return submit.submit(new SubmitApplication.SubmitCommand(applicantId, "enterprise", request.district(),
                        request.programme(), request.facts(), caller.email().orElse(null), caller.name()))
                .map(row -> Response.created(uri.getAbsolutePathBuilder().path(row.id().toString()).build())
                        .entity(view(row)).build());
    }

    @GET
    @RolesAllowed({"enterprise", "reviewer", "finance", "operator", "admin"})
    @Operation(summary = "Applications visible to the caller / 可见的申请")
    public Uni<List<ApplicationView>> list(@QueryParam("status") String status) {
        return queries.list(viewer(), status).map(rows -> rows.stream().map(this::view).toList());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"enterprise", "reviewer", "finance", "operator", "admin"})
    @Operation(summary = "One application / 申请详情")
    public Uni<ApplicationView> get(@PathParam("id") UUID id) {
        return queries.get(viewer(), id).map(this::view);
    }

    @GET
    @Path("/{id}/history")
    @RolesAllowed({"enterprise", "reviewer", "finance", "operator", "admin"})
    @Operation(summary = "Status history of an application / 办理进度")
    public Uni<List<HistoryRecord>> history(@PathParam("id") UUID id) {
        return queries.history(viewer(), id);
    }

    @POST
    @Path("/{id}/approval")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("reviewer")
    @Operation(summary = "Approve an amount no higher than the ceiling / 核定金额（不超过测算上限）")
    public Uni<ApplicationView> approve(@PathParam("id") UUID id,
                                        @NotNull(message = "必填 / required") @Valid ApproveRequest request) {
        BigDecimal amount = Money.exact(request.amount());
        return rules(review.approve(id, amount, caller.department().orElse(null), caller.name())).map(this::view);
    }

    @POST
    @Path("/{id}/rejection")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("reviewer")
    @Operation(summary = "Reject an application / 审核不通过")
    public Uni<ApplicationView> reject(@PathParam("id") UUID id,
                                       @NotNull(message = "必填 / required") @Valid RejectRequest request) {
        return rules(review.reject(id, request.reasonZh(), request.reasonEn() == null ? request.reasonZh()
                : request.reasonEn(), caller.department().orElse(null), caller.name())).map(this::view);
    }

    private Viewer viewer() {
        Set<String> roles = Stream.of(Caller.ENTERPRISE, Caller.REVIEWER, Caller.FINANCE, Caller.OPERATOR, Caller.ADMIN)
                .filter(caller::hasRole).collect(Collectors.toSet());
        return new Viewer(caller.name(), roles, caller.enterpriseId().orElse(null), caller.department().orElse(null));
    }

    private static <T> Uni<T> rules(Uni<T> action) {
        return action.onFailure(ApplicationRuleException.class).transform(f -> {
            ApplicationRuleException e = (ApplicationRuleException) f;
            List<FieldError> errors = e.field() == null ? null
                    : List.of(new FieldError(e.field(), e.code(), e.messageZh(), e.getMessage()));
            return switch (e.kind()) {
                case FORBIDDEN -> ProblemException.forbidden(e.code(), e.messageZh(), e.getMessage());
                case CONFLICT -> ProblemException.conflict(e.code(), e.messageZh(), e.getMessage());
                case UNPROCESSABLE -> ProblemException.unprocessable(e.code(), e.messageZh(), e.getMessage(), errors);
            };
        });
    }

    /** Facts are flat: text, true/false, or a non-negative number with at most two decimals. */
    private static void validate(SubmitRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (!DISTRICTS.contains(request.district())) {
            errors.add(new FieldError("district", "UNKNOWN_DISTRICT", "未知的区县代码：" + request.district(),
                    "Unknown district code: " + request.district()));
        }
        request.facts().forEach((name, value) -> {
            String field = "facts." + name;
            if (!name.matches("^[a-z][a-z0-9_]{0,63}$")) {
                errors.add(new FieldError(field, "INVALID_FACT", "事实名称格式错误", "Malformed fact name"));
            } else if (value instanceof Number number) {
                BigDecimal amount = new BigDecimal(number.toString());
                if (amount.signum() < 0 || amount.stripTrailingZeros().scale() > 2) {
                    errors.add(new FieldError(field, "INVALID_FACT", "数值须为非负且最多两位小数",
                            "A number must be non-negative with at most two decimals"));
                }
            } else if (!(value instanceof String || value instanceof Boolean)) {
                errors.add(new FieldError(field, "INVALID_FACT", "只接受文本、是/否或数值",
                        "Only text, true/false or a number is accepted"));
            }
        });
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors);
        }
    }

    private ApplicationView view(ApplicationRecord row) {
        Map<String, Object> facts;
        try {
            facts = json.readValue(row.factsJson(), new TypeReference<>() { });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        io.grantflow.applications.domain.ApplicationStatus status =
                io.grantflow.applications.domain.ApplicationStatus.valueOf(row.status());
        return new ApplicationView(row.id(), row.applicantId(), row.programme(), row.district(), facts, row.status(),
                status.labelZh(), status.labelEn(), row.ceiling(), row.department(), row.approvedAmount(),
                row.paidAmount(), row.reasonZh(), row.reasonEn(), row.submittedAt(), row.updatedAt());
    }
}
